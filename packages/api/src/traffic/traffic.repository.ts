/** All Kysely code for stored 照会ログ: bulk row inserts, sums, and reading the stored aggregate. */
import type { TrafficAggregate } from '@warikan/core'
import { compareCodeUnits, type TrafficMonth, type TrafficPartial } from '@warikan/core/traffic'
import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/database'

type Executor = Kysely<Database> | Transaction<Database>

const ROW_COLUMNS = [
  'import_id',
  'line',
  'occurred_at',
  'requester_id',
  'provider_id',
  'procedure_id',
  'records',
  'bytes',
] as const
export const ROW_WIDTH = ROW_COLUMNS.length
/** rows per INSERT statement: 2,000 × 8 = 16,000 parameters (under SQLite's 32,766 and PostgreSQL's 65,535) */
export const ROWS_PER_INSERT = 2000

const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter

function insertSql(db: Executor, rows: number): string {
  const pg = isPostgres(db)
  const tuples: string[] = []
  let n = 1
  for (let r = 0; r < rows; r++) {
    const ps: string[] = []
    for (let c = 0; c < ROW_WIDTH; c++) ps.push(pg ? `$${n++}` : '?')
    tuples.push(`(${ps.join(',')})`)
  }
  return `insert into traffic_row (${ROW_COLUMNS.join(',')}) values ${tuples.join(',')}`
}

/** Writes rows given as a flat array of ROW_WIDTH values per row, in multi-row INSERTs. */
export class TrafficRowWriter {
  private fullSql: string | undefined
  constructor(private readonly db: Executor) {}

  async write(values: unknown[], rows: number): Promise<void> {
    let offset = 0
    while (rows - offset / ROW_WIDTH >= 1) {
      const n = Math.min(ROWS_PER_INSERT, rows - offset / ROW_WIDTH)
      const sqlText =
        n === ROWS_PER_INSERT ? (this.fullSql ??= insertSql(this.db, n)) : insertSql(this.db, n)
      const params = values.slice(offset, offset + n * ROW_WIDTH)
      await this.db.executeQuery(CompiledQuery.raw(sqlText, params))
      offset += n * ROW_WIDTH
    }
  }
}

/**
 * The ids of codes in a lookup table (traffic_institution: 照会元・提供先, traffic_procedure: 事務番号), each
 * added when new. A code another import adds at the same time is taken as it is (on conflict do nothing).
 */
export async function codeIds(
  db: Executor,
  table: 'traffic_institution' | 'traffic_procedure',
  codes: readonly string[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>()
  const find = async (list: readonly string[]) => {
    for (let i = 0; i < list.length; i += 500) {
      const found = await db
        .selectFrom(table)
        .select(['id', 'code'])
        .where('code', 'in', list.slice(i, i + 500))
        .execute()
      for (const r of found) ids.set(r.code, r.id)
    }
  }
  await find(codes)
  const missing = codes.filter((c) => !ids.has(c))
  if (!missing.length) return ids
  for (const code of missing)
    await db
      .insertInto(table)
      .values({ code })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute()
  await find(missing)
  return ids
}

export async function findImportByHash(
  db: Executor,
  scenarioId: number,
  sha256: string,
): Promise<{ id: number; fileName: string } | undefined> {
  const row = await db
    .selectFrom('traffic_import')
    .select(['id', 'file_name'])
    .where('scenario_id', '=', scenarioId)
    .where('content_sha256', '=', sha256)
    .executeTakeFirst()
  return row ? { id: row.id, fileName: row.file_name } : undefined
}

export async function deleteImport(db: Executor, importId: number): Promise<void> {
  for (const t of ['traffic_row', 'traffic_pair', 'traffic_month'] as const)
    await db.deleteFrom(t).where('import_id', '=', importId).execute()
  await db.deleteFrom('traffic_import').where('id', '=', importId).execute()
}

export async function insertImport(
  db: Executor,
  values: { scenarioId: number; fileName: string; sha256: string; encoding: string },
): Promise<number> {
  const { id } = await db
    .insertInto('traffic_import')
    .values({
      scenario_id: values.scenarioId,
      file_name: values.fileName,
      content_sha256: values.sha256,
      encoding: values.encoding,
      row_count: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function finishImport(
  db: Executor,
  importId: number,
  values: {
    sha256: string
    encoding: string
    rows: number
    partial: TrafficPartial
    months: TrafficMonth[]
  },
): Promise<void> {
  await db
    .updateTable('traffic_import')
    .set({ row_count: values.rows, content_sha256: values.sha256, encoding: values.encoding })
    .where('id', '=', importId)
    .execute()
  const pairs = values.partial.pairs
  for (let i = 0; i < pairs.length; i += 1000) {
    await db
      .insertInto('traffic_pair')
      .values(
        pairs.slice(i, i + 1000).map(([requester, provider, queries, records, bytes]) => ({
          import_id: importId,
          requester,
          provider,
          queries,
          records,
          bytes,
        })),
      )
      .execute()
  }
  if (values.months.length) {
    await db
      .insertInto('traffic_month')
      .values(values.months.map((m) => ({ import_id: importId, ...m })))
      .execute()
  }
}

/**
 * Which imports a scenario's stored traffic is made of, as a short key: their count and highest id. Import
 * ids only grow, so any import added (higher id) or removed (lower count) gives a different key.
 */
export async function trafficImportsKey(db: Executor, scenarioId: number): Promise<string> {
  const r = await db
    .selectFrom('traffic_import')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('last')])
    .where('scenario_id', '=', scenarioId)
    .executeTakeFirstOrThrow()
  return `${Number(r.n)}:${r.last === null ? 0 : Number(r.last)}`
}

export const countRows = async (db: Executor, scenarioId?: number): Promise<number> => {
  let q = db.selectFrom('traffic_row').select((eb) => eb.fn.countAll<number>().as('n'))
  if (scenarioId !== undefined)
    q = q.where(
      'import_id',
      'in',
      db.selectFrom('traffic_import').select('id').where('scenario_id', '=', scenarioId),
    )
  const r = await q.executeTakeFirstOrThrow()
  return Number(r.n)
}

/** The stored traffic of a scenario: every import summed; undefined when nothing was imported. */
export async function loadTrafficAggregate(
  db: Executor,
  scenarioId: number,
): Promise<TrafficAggregate | undefined> {
  const imports = await db
    .selectFrom('traffic_import')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('row_count').as('rows')])
    .where('scenario_id', '=', scenarioId)
    .executeTakeFirstOrThrow()
  if (!Number(imports.n)) return undefined
  const pairs = await db
    .selectFrom('traffic_pair')
    .innerJoin('traffic_import', 'traffic_import.id', 'traffic_pair.import_id')
    .where('traffic_import.scenario_id', '=', scenarioId)
    .select((eb) => [
      'traffic_pair.requester as requester',
      'traffic_pair.provider as provider',
      eb.fn.sum<number>('traffic_pair.queries').as('queries'),
      eb.fn.sum<number>('traffic_pair.records').as('records'),
      eb.fn.sum<number>('traffic_pair.bytes').as('bytes'),
    ])
    .groupBy(['traffic_pair.requester', 'traffic_pair.provider'])
    .execute()
  return {
    rows: Number(imports.rows),
    pairs: pairs
      .map((p) => ({
        requester: p.requester,
        provider: p.provider,
        queries: Number(p.queries),
        records: Number(p.records),
        bytes: Number(p.bytes),
      }))
      .sort(
        (a, b) =>
          compareCodeUnits(a.requester, b.requester) || compareCodeUnits(a.provider, b.provider),
      ),
  }
}
