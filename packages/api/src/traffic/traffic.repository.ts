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

const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter

/**
 * Rows per INSERT, chosen once per dialect: SQLite 500 × 8 = 4,000 parameters (measured: 128 → 500 ≈ 8 %
 * faster, more buys nothing); PostgreSQL 2,000 × 8 = 16,000 (under its 65,535).
 */
const rowsPerInsert = (db: Executor) => (isPostgres(db) ? 2000 : 500)

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

/**
 * Writes traffic rows in multi-row INSERTs of one SQL text (prepared once: create-db.ts caches statements by
 * text), the same on both dialects. Call {@link row} per row, then {@link flush}.
 */
export class TrafficRowWriter {
  private readonly batch: number
  private readonly fullSql: string
  private values: unknown[]
  private used = 0
  constructor(private readonly db: Executor) {
    this.batch = rowsPerInsert(db)
    this.fullSql = insertSql(db, this.batch)
    this.values = this.freshValues()
  }

  /**
   * A parameter array of tagged elements (filled with null first): the integers of a row then stay small
   * integers instead of the unboxed doubles a numbers-only array holds, which the driver would box again one by
   * one while it binds them (measured by alternated runs: docs/traffic.md, "Row writer").
   */
  private freshValues(): unknown[] {
    return new Array<unknown>(this.batch * ROW_WIDTH).fill(null)
  }

  /** One row (ROW_COLUMNS order); resolves at once unless a full INSERT was sent. */
  row(
    importId: number,
    line: number,
    instant: number,
    requesterId: number,
    providerId: number,
    procedureId: number,
    records: number,
    bytes: number,
  ): Promise<void> | undefined {
    const v = this.values
    let i = this.used
    v[i++] = importId
    v[i++] = line
    v[i++] = instant
    v[i++] = requesterId
    v[i++] = providerId
    v[i++] = procedureId
    v[i++] = records
    v[i++] = bytes
    this.used = i
    if (i < v.length) return undefined
    // the compiled query keeps (and freezes) its parameter array: the next rows go into a new one
    this.values = this.freshValues()
    this.used = 0
    return this.send(this.fullSql, v)
  }

  async flush(): Promise<void> {
    const v = this.values.slice(0, this.used)
    this.values = this.freshValues()
    this.used = 0
    if (v.length) await this.send(insertSql(this.db, v.length / ROW_WIDTH), v)
  }

  private async send(sqlText: string, params: unknown[]): Promise<void> {
    await this.db.executeQuery(CompiledQuery.raw(sqlText, params))
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

/** Imports of a scenario with the same rows (or, for imports made before rows were hashed, the same bytes). */
export async function findDuplicateImports(
  db: Executor,
  scenarioId: number,
  hashes: { sha256: string; recordsSha256: string },
  exceptId: number,
): Promise<Array<{ id: number; fileName: string }>> {
  const rows = await db
    .selectFrom('traffic_import')
    .select(['id', 'file_name'])
    .where('scenario_id', '=', scenarioId)
    .where('id', '!=', exceptId)
    .where((eb) =>
      eb.or([
        eb('records_sha256', '=', hashes.recordsSha256),
        eb('content_sha256', '=', hashes.sha256),
      ]),
    )
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: r.id, fileName: r.file_name }))
}

/** The consortium a scenario belongs to; undefined when there is no such scenario. */
export async function scenarioConsortium(
  db: Executor,
  scenarioId: number,
): Promise<number | undefined> {
  const r = await db
    .selectFrom('scenario')
    .select('consortium_id')
    .where('id', '=', scenarioId)
    .executeTakeFirst()
  return r?.consortium_id
}

/** One row of a scenario's list of imports. */
export interface TrafficImportListing {
  id: number
  fileName: string
  rows: number
  encoding: string
  sha256: string
  recordsSha256: string | null
  firstAt: number | null
  lastAt: number | null
  importedBy: string | null
  importedAt: string | Date
}

export async function selectImports(
  db: Executor,
  scenarioId: number,
  importId?: number,
): Promise<TrafficImportListing[]> {
  let q = db
    .selectFrom('traffic_import')
    .select([
      'id',
      'file_name',
      'row_count',
      'encoding',
      'content_sha256',
      'records_sha256',
      'first_at',
      'last_at',
      'imported_by',
      'imported_at',
    ])
    .where('scenario_id', '=', scenarioId)
  if (importId !== undefined) q = q.where('id', '=', importId)
  const rows = await q.orderBy('id').execute()
  const num = (v: unknown) => (v === null ? null : Number(v))
  return rows.map((r) => ({
    id: r.id,
    fileName: r.file_name,
    rows: Number(r.row_count),
    encoding: r.encoding,
    sha256: r.content_sha256,
    recordsSha256: r.records_sha256,
    firstAt: num(r.first_at),
    lastAt: num(r.last_at),
    importedBy: r.imported_by,
    importedAt: r.imported_at,
  }))
}

export async function deleteImport(db: Executor, importId: number): Promise<void> {
  for (const t of ['traffic_row', 'traffic_pair', 'traffic_month'] as const)
    await db.deleteFrom(t).where('import_id', '=', importId).execute()
  await db.deleteFrom('traffic_import').where('id', '=', importId).execute()
}

export async function insertImport(
  db: Executor,
  values: {
    scenarioId: number
    fileName: string
    sha256: string
    encoding: string
    importedBy: string
  },
): Promise<number> {
  const { id } = await db
    .insertInto('traffic_import')
    .values({
      scenario_id: values.scenarioId,
      file_name: values.fileName,
      content_sha256: values.sha256,
      encoding: values.encoding,
      row_count: 0,
      imported_by: values.importedBy,
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
    recordsSha256: string
    encoding: string
    rows: number
    firstAt: number | undefined
    lastAt: number | undefined
    partial: TrafficPartial
    months: TrafficMonth[]
  },
): Promise<void> {
  await db
    .updateTable('traffic_import')
    .set({
      row_count: values.rows,
      content_sha256: values.sha256,
      records_sha256: values.recordsSha256,
      encoding: values.encoding,
      first_at: values.firstAt ?? null,
      last_at: values.lastAt ?? null,
    })
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
