/**
 * Stored 照会ログ imports: one transaction per file, all-or-nothing (the first bad row rolls everything back),
 * a file with the same content hash refused unless forced (then it replaces the earlier import, so counts are
 * never doubled). Also the stored aggregate a scenario's allocation uses.
 */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { TrafficAggregate } from '@warikan/core'
import type { TrafficLogProblem } from '@warikan/core/traffic'
import { SqliteAdapter, type Kysely } from 'kysely'
import type { Database } from '../db/database'
import { scenarioExists } from '../scenario/scenario.repository'
import type { LogEncoding } from './text-encoding'
import { readTrafficStream, type ReadProgress } from './traffic-file-reader'
import {
  countRows,
  deleteImport,
  finishImport,
  findImportByHash,
  insertImport,
  loadTrafficAggregate,
  TrafficRowWriter,
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
      const result = await readTrafficStream(source, {
        ...readOptions(options),
        onRow: (row, line) => {
          values.push(
            importId,
            line,
            row.instant,
            row.requester,
            row.provider,
            row.procedure,
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
    const result = await readTrafficStream(source, {
      ...readOptions(options),
      onRow: (row, line) =>
        store.row(
          importId,
          line,
          row.instant,
          row.requester,
          row.provider,
          row.procedure,
          row.records,
          row.bytes,
        ),
    })
    if (!result.ok) return { ok: false, reason: 'invalid', problem: result.problem }
    const sha256 = result.sha256!
    const existing = store.findImportByHash(scenarioId, sha256)
    let replaced = false
    if (existing) {
      if (!options.force) return duplicate(sha256, existing.fileName)
      store.deleteImport(existing.id)
      replaced = true
    }
    store.finishImport(importId, {
      sha256,
      encoding: result.encoding,
      rows: result.rows,
      partial: result.aggregator.toPartial(),
      months: result.aggregator.months(),
    })
    store.commit()
    return { ok: true, importId, rows: result.rows, sha256, replaced }
  } finally {
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

export const storedRowCount = (db: Kysely<Database>, scenarioId?: number): Promise<number> =>
  countRows(db, scenarioId)
