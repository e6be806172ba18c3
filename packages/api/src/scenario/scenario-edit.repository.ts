/** Kysely code the API needs beyond import/export: scenario metadata, versioned updates, delete. */
import { sql, type CompiledQuery, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/database'

type Executor = Kysely<Database> | Transaction<Database>

export interface ScenarioMeta {
  id: number
  consortiumId: number
  title: string
  version: number
  updatedAt: string
}

interface MetaRow {
  id: number
  consortium_id: number
  title: string
  version: number
  updated_at: string | Date
}

/**
 * Every API read of a scenario starts here, so the query is compiled once per executor and only its
 * parameter changes (Kysely would otherwise rebuild and compile the same SQL on each request).
 */
const compiledMeta = new WeakMap<Executor, CompiledQuery<MetaRow>>()

export async function selectScenarioMeta(
  db: Executor,
  id: number,
): Promise<ScenarioMeta | undefined> {
  let compiled = compiledMeta.get(db)
  if (!compiled) {
    compiled = db
      .selectFrom('scenario')
      .select(['id', 'consortium_id', 'title', 'version', 'updated_at'])
      .where('id', '=', 0)
      .compile() as CompiledQuery<MetaRow>
    compiledMeta.set(db, compiled)
  }
  const { rows } = await db.executeQuery<MetaRow>({ ...compiled, parameters: [id] })
  const r = rows[0]
  return r
    ? {
        id: r.id,
        consortiumId: r.consortium_id,
        title: r.title,
        version: Number(r.version),
        updatedAt: isoTimestamp(r.updated_at),
      }
    : undefined
}

/**
 * Optimistic concurrency: bumps the version only when it still equals `expected`.
 * Returns false when someone else saved first (the caller answers 409 and writes nothing).
 */
export async function bumpScenarioVersion(
  db: Executor,
  id: number,
  expected: number,
  title: string | undefined,
): Promise<boolean> {
  const result = await db
    .updateTable('scenario')
    .set({
      version: sql<number>`version + 1`,
      updated_at: sql<string>`CURRENT_TIMESTAMP`,
      ...(title === undefined ? {} : { title }),
    })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function deleteScenarioRow(db: Executor, id: number): Promise<boolean> {
  const result = await db.deleteFrom('scenario').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}

/** Timestamps as ISO 8601 UTC whatever the dialect (SQLite's CURRENT_TIMESTAMP is `YYYY-MM-DD HH:MM:SS` UTC). */
export function isoTimestamp(v: string | Date): string {
  if (v instanceof Date) return v.toISOString()
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v) ? `${v.replace(' ', 'T')}Z` : v
}
