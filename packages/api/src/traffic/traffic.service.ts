/**
 * Stored 照会ログ imports: one transaction per file, all-or-nothing (the first bad row rolls everything back),
 * a file with the same content hash refused unless forced (then it replaces the earlier import, so counts are
 * never doubled). Also the stored aggregate a scenario's allocation uses.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { TrafficAggregate } from '@warikan/core'
import type { TrafficLogProblem, TrafficMonth, TrafficPartial } from '@warikan/core/traffic'
import { Worker } from 'node:worker_threads'
import { SqliteAdapter, type Kysely } from 'kysely'
import type { Database } from '../db/database'
import { scenarioExists } from '../scenario/scenario.repository'
import type { LogEncoding } from './text-encoding'
import {
  defaultThreads,
  readTrafficStream,
  WORKER_LIMITS,
  workerUrl,
  type ReadProgress,
} from './traffic-file-reader'
import { ROW_NUMBERS } from './traffic-row-stream'
import type { ImportReply, WorkerRequest } from './traffic-worker-protocol'
import {
  codeIds,
  countRows,
  deleteImport,
  finishImport,
  findImportByHash,
  insertImport,
  loadTrafficAggregate,
  ROW_WIDTH,
  TrafficRowWriter,
  trafficImportsKey,
} from './traffic.repository'
import { SqliteTrafficImport, sqliteFileOf } from './traffic-sqlite'

export type ImportOutcome =
  | { ok: true; importId: number; rows: number; sha256: string; replaced: boolean }
  | { ok: false; reason: 'no-scenario' }
  | { ok: false; reason: 'duplicate'; sha256: string; existingFile: string }
  | { ok: false; reason: 'invalid'; problem: TrafficLogProblem }

export interface ImportOptions {
  force?: boolean
  encoding?: LogEncoding | undefined
  onProgress?: (p: ReadProgress) => void
  /** known sha256 of the content (checked for duplicates before anything is written) */
  sha256?: string
  totalBytes?: number
  /** files on a SQLite file database: 2+ parses in a worker while this thread inserts (default: cores) */
  threads?: number
}

class Abort extends Error {
  constructor(readonly outcome: Exclude<ImportOutcome, { ok: true }>) {
    super(outcome.reason)
  }
}

/** Imports one log from a byte stream (a file or an upload). */
export async function importTrafficStream(
  db: Kysely<Database>,
  scenarioId: number,
  fileName: string,
  source: AsyncIterable<Uint8Array>,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  if (!(await scenarioExists(db, scenarioId))) return { ok: false, reason: 'no-scenario' }
  if (options.sha256 && !options.force) {
    const existing = await findImportByHash(db, scenarioId, options.sha256)
    if (existing)
      return {
        ok: false,
        reason: 'duplicate',
        sha256: options.sha256,
        existingFile: existing.fileName,
      }
  }
  const sqliteFile =
    db.getExecutor().adapter instanceof SqliteAdapter ? await sqliteFileOf(db) : undefined
  if (sqliteFile) return importIntoSqliteFile(sqliteFile, scenarioId, fileName, source, options)
  try {
    return await db.transaction().execute(async (trx) => {
      const importId = await insertImport(trx, {
        scenarioId,
        fileName,
        sha256: pendingHash(),
        encoding: options.encoding ?? 'utf-8',
      })
      const writer = new TrafficRowWriter(trx)
      let values: unknown[] = []
      let rows = 0
      // the reader's interned ids (stored in `values` until the block is written) → lookup-table ids
      const codes = {
        traffic_institution: { names: [] as string[], ids: [] as number[] },
        traffic_procedure: { names: [] as string[], ids: [] as number[] },
      }
      const resolve = async (table: keyof typeof codes) => {
        const { names, ids } = codes[table]
        const locals = names.flatMap((_, local) => (ids[local] === undefined ? [local] : []))
        if (!locals.length) return
        const found = await codeIds(
          trx,
          table,
          locals.map((l) => names[l]!),
        )
        for (const l of locals) ids[l] = found.get(names[l]!)!
      }
      const result = await readTrafficStream(source, {
        ...readOptions(options),
        onRow: (row, line) => {
          const inst = codes.traffic_institution.names
          inst[row.requesterId] ??= row.requester
          inst[row.providerId] ??= row.provider
          codes.traffic_procedure.names[row.procedureId] ??= row.procedure
          values.push(
            importId,
            line,
            row.instant,
            row.requesterId,
            row.providerId,
            row.procedureId,
            row.records,
            row.bytes,
          )
          rows++
        },
        afterBlock: async () => {
          if (!rows) return
          const batch = values
          const n = rows
          values = []
          rows = 0
          await resolve('traffic_institution')
          await resolve('traffic_procedure')
          const inst = codes.traffic_institution.ids
          const proc = codes.traffic_procedure.ids
          for (let o = 0; o < batch.length; o += ROW_WIDTH) {
            batch[o + 3] = inst[batch[o + 3] as number]
            batch[o + 4] = inst[batch[o + 4] as number]
            batch[o + 5] = proc[batch[o + 5] as number]
          }
          await writer.write(batch, n)
        },
      })
      if (!result.ok) throw new Abort({ ok: false, reason: 'invalid', problem: result.problem })
      const sha256 = result.sha256!
      const existing = await findImportByHash(trx, scenarioId, sha256)
      let replaced = false
      if (existing) {
        if (!options.force) throw new Abort(duplicate(sha256, existing.fileName))
        await deleteImport(trx, existing.id)
        replaced = true
      }
      await finishImport(trx, importId, {
        sha256,
        encoding: result.encoding,
        rows: result.rows,
        partial: result.aggregator.toPartial(),
        months: result.aggregator.months(),
      })
      return { ok: true as const, importId, rows: result.rows, sha256, replaced }
    })
  } catch (e) {
    if (e instanceof Abort) return e.outcome
    throw e
  }
}

const pendingHash = () =>
  `pending-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`

const duplicate = (sha256: string, existingFile: string): Exclude<ImportOutcome, { ok: true }> => ({
  ok: false,
  reason: 'duplicate',
  sha256,
  existingFile,
})

const readOptions = (options: ImportOptions) => ({
  encoding: options.encoding,
  hash: true,
  ...(options.totalBytes === undefined ? {} : { totalBytes: options.totalBytes }),
  ...(options.onProgress ? { onProgress: options.onProgress } : {}),
})

/** The same import on a SQLite file through its own connection and one cached INSERT (traffic-sqlite.ts). */
async function importIntoSqliteFile(
  file: string,
  scenarioId: number,
  fileName: string,
  source: AsyncIterable<Uint8Array>,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const store = new SqliteTrafficImport(file)
  try {
    store.begin()
    const importId = store.insertImport({
      scenarioId,
      fileName,
      sha256: pendingHash(),
      encoding: options.encoding ?? 'utf-8',
    })
    // the reader's interned ids → ids in the lookup tables (resolved once per distinct code)
    const institutions: number[] = []
    const procedures: number[] = []
    const institution = (local: number, code: string) =>
      (institutions[local] ??= store.codeId('traffic_institution', code))
    const procedure = (local: number, code: string) =>
      (procedures[local] ??= store.codeId('traffic_procedure', code))
    const result = await readTrafficStream(source, {
      ...readOptions(options),
      onRow: (row, line) =>
        store.row(
          importId,
          line,
          row.instant,
          institution(row.requesterId, row.requester),
          institution(row.providerId, row.provider),
          procedure(row.procedureId, row.procedure),
          row.records,
          row.bytes,
        ),
    })
    if (!result.ok) return { ok: false, reason: 'invalid', problem: result.problem }
    return finishSqliteImport(store, scenarioId, importId, options, {
      sha256: result.sha256!,
      encoding: result.encoding,
      rows: result.rows,
      partial: result.aggregator.toPartial(),
      months: result.aggregator.months(),
    })
  } finally {
    store.close() // rolls back unless committed
  }
}

/** The end of an import on a SQLite file: the duplicate check (or replacement), the sums, the commit. */
function finishSqliteImport(
  store: SqliteTrafficImport,
  scenarioId: number,
  importId: number,
  options: ImportOptions,
  result: {
    sha256: string
    encoding: string
    rows: number
    partial: TrafficPartial
    months: TrafficMonth[]
  },
): ImportOutcome {
  const { sha256 } = result
  const existing = store.findImportByHash(scenarioId, sha256)
  let replaced = false
  if (existing) {
    if (!options.force) return duplicate(sha256, existing.fileName)
    store.deleteImport(existing.id)
    replaced = true
  }
  store.finishImport(importId, result)
  store.commit()
  return { ok: true, importId, rows: result.rows, sha256, replaced }
}

/**
 * A file into a SQLite file on two threads: a worker parses (traffic-row-stream.ts) while this thread only
 * binds and steps the cached INSERT — parsing and inserting overlap. Same transaction, same outcomes.
 */
async function importFileWithWorker(
  sqliteFile: string,
  scenarioId: number,
  file: string,
  size: number,
  options: ImportOptions,
): Promise<ImportOutcome> {
  const store = new SqliteTrafficImport(sqliteFile)
  const credit = new Int32Array(new SharedArrayBuffer(4))
  let worker: Worker | undefined
  try {
    store.begin()
    const importId = store.insertImport({
      scenarioId,
      fileName: file,
      sha256: pendingHash(),
      encoding: options.encoding ?? 'utf-8',
    })
    const w = (worker = new Worker(await workerUrl(), WORKER_LIMITS))
    // the worker's interned ids → ids in the lookup tables (resolved once per distinct code)
    const institutions: string[] = []
    const procedures: string[] = []
    const institutionIds: number[] = []
    const procedureIds: number[] = []
    let rows = 0
    const end = await new Promise<Extract<ImportReply, { type: 'end' }>>((resolve, reject) => {
      w.on('message', (m: ImportReply) => {
        if (m.type === 'end') return resolve(m)
        if (m.type === 'error') return reject(new Error(`traffic worker: ${m.message}`))
        try {
          for (const name of m.institutions) institutions.push(name)
          for (const name of m.procedures) procedures.push(name)
          const v = m.values
          for (let o = 0; o < v.length; o += ROW_NUMBERS) {
            const r = v[o + 2]!
            const p = v[o + 3]!
            const c = v[o + 4]!
            store.row(
              importId,
              v[o]!,
              v[o + 1]!,
              (institutionIds[r] ??= store.codeId('traffic_institution', institutions[r]!)),
              (institutionIds[p] ??= store.codeId('traffic_institution', institutions[p]!)),
              (procedureIds[c] ??= store.codeId('traffic_procedure', procedures[c]!)),
              v[o + 5]!,
              v[o + 6]!,
            )
          }
          rows += m.rows
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)))
          return
        }
        Atomics.sub(credit, 0, 1)
        Atomics.notify(credit, 0)
        options.onProgress?.({ bytes: m.bytes, totalBytes: size, rows })
      })
      w.on('error', reject)
      w.on('exit', (code) => reject(new Error(`traffic worker exited (${code})`)))
      w.postMessage({
        type: 'import',
        file,
        encoding: options.encoding,
        batchRows: 8192,
        credit,
        maxOutstanding: 4,
      } satisfies WorkerRequest)
    })
    if (!end.ok) return { ok: false, reason: 'invalid', problem: end.problem }
    options.onProgress?.({ bytes: size, totalBytes: size, rows })
    return finishSqliteImport(store, scenarioId, importId, options, end)
  } finally {
    if (worker) {
      Atomics.store(credit, 0, -1_000_000) // release a worker waiting for credit
      Atomics.notify(credit, 0)
      await worker.terminate()
    }
    store.close() // rolls back unless committed
  }
}

/**
 * Imports one log file. Its sha256 is computed while it is read (one pass over the bytes); a duplicate is
 * therefore refused at the end of the read, and the transaction rolled back.
 */
export async function importTrafficFile(
  db: Kysely<Database>,
  scenarioId: number,
  file: string,
  options: Omit<ImportOptions, 'sha256' | 'totalBytes'> = {},
): Promise<ImportOutcome> {
  const { size } = await stat(file)
  if (
    (options.threads ?? defaultThreads()) > 1 &&
    db.getExecutor().adapter instanceof SqliteAdapter
  ) {
    const sqliteFile = await sqliteFileOf(db)
    if (sqliteFile) {
      if (!(await scenarioExists(db, scenarioId))) return { ok: false, reason: 'no-scenario' }
      return importFileWithWorker(sqliteFile, scenarioId, file, size, options)
    }
  }
  const stream = createReadStream(file, { highWaterMark: 1 << 20 })
  try {
    return await importTrafficStream(db, scenarioId, file, stream as AsyncIterable<Buffer>, {
      ...options,
      totalBytes: size,
    })
  } finally {
    stream.destroy()
  }
}

/** The traffic stored for a scenario (every import summed); undefined when none. */
export const storedTraffic = (
  db: Kysely<Database>,
  scenarioId: number,
): Promise<TrafficAggregate | undefined> => loadTrafficAggregate(db, scenarioId)

/** Changes whenever the scenario's stored traffic changes (an import added, replaced or deleted). */
export const storedTrafficKey = (db: Kysely<Database>, scenarioId: number): Promise<string> =>
  trafficImportsKey(db, scenarioId)

export const storedRowCount = (db: Kysely<Database>, scenarioId?: number): Promise<number> =>
  countRows(db, scenarioId)
