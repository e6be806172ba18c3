/** All Kysely code for plans (中期計画). */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/database'
import { isoTimestamp } from '../scenario/scenario-edit.repository'
import type { PlanRow } from './plan.table'

type Executor = Kysely<Database> | Transaction<Database>

export interface PlanMeta {
  id: number
  consortiumId: number
  title: string
  from: number
  to: number
  version: number
  updatedAt: string
}

export interface StoredPlan extends PlanMeta {
  document: Record<string, unknown>
}

const rowToPlanMeta = (r: Omit<PlanRow, 'document_json' | 'created_at'>): PlanMeta => ({
  id: r.id,
  consortiumId: r.consortium_id,
  title: r.title,
  from: Number(r.from_year),
  to: Number(r.to_year),
  version: Number(r.version),
  updatedAt: isoTimestamp(r.updated_at),
})

const META_COLUMNS = [
  'id',
  'consortium_id',
  'title',
  'from_year',
  'to_year',
  'version',
  'updated_at',
] as const

export async function selectPlans(db: Executor, consortiumId: number): Promise<PlanMeta[]> {
  const rows = await db
    .selectFrom('plan')
    .select(META_COLUMNS)
    .where('consortium_id', '=', consortiumId)
    .orderBy('id')
    .execute()
  return rows.map(rowToPlanMeta)
}

export async function selectPlan(db: Executor, id: number): Promise<StoredPlan | undefined> {
  const row = await db.selectFrom('plan').selectAll().where('id', '=', id).executeTakeFirst()
  return row
    ? {
        ...rowToPlanMeta(row),
        document: JSON.parse(row.document_json) as Record<string, unknown>,
      }
    : undefined
}

export interface PlanValues {
  title: string
  from: number
  to: number
  document: unknown
}

export async function insertPlan(
  db: Executor,
  consortiumId: number,
  values: PlanValues,
): Promise<number> {
  const { id } = await db
    .insertInto('plan')
    .values({
      consortium_id: consortiumId,
      title: values.title,
      from_year: values.from,
      to_year: values.to,
      document_json: JSON.stringify(values.document),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Optimistic concurrency: writes only when the version still equals `expected`; false otherwise. */
export async function updatePlanRow(
  db: Executor,
  id: number,
  expected: number,
  values: PlanValues,
): Promise<boolean> {
  const result = await db
    .updateTable('plan')
    .set({
      title: values.title,
      from_year: values.from,
      to_year: values.to,
      document_json: JSON.stringify(values.document),
      version: sql<number>`version + 1`,
      updated_at: sql<string>`CURRENT_TIMESTAMP`,
    })
    .where('id', '=', id)
    .where('version', '=', expected)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}

export async function deletePlanRow(db: Executor, id: number): Promise<boolean> {
  const result = await db.deleteFrom('plan').where('id', '=', id).executeTakeFirst()
  return Number(result.numDeletedRows) === 1
}
