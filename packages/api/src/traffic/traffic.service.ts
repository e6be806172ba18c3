/**
 * Stored 照会ログ imports: one transaction per file, all-or-nothing (the first bad row rolls everything back),
 * a file with the same content hash refused unless forced (then it replaces the earlier import, so counts are
 * never doubled). Also the stored aggregate a scenario's allocation uses.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { TrafficAggregate } from '@warikan/core'
import type { TrafficLogProblem } from '@warikan/core/traffic'
import type { Kysely } from 'kysely'
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
  try {
    return await db.transaction().execute(async (trx) => {
      const pending = `pending-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`
      const importId = await insertImport(trx, {
        scenarioId,
        fileName,
        sha256: pending,
        encoding: options.encoding ?? 'utf-8',
      })
      const writer = new TrafficRowWriter(trx)
      let values: unknown[] = []
      let rows = 0
      const result = await readTrafficStream(source, {
        encoding: options.encoding,
        hash: true,
        ...(options.totalBytes === undefined ? {} : { totalBytes: options.totalBytes }),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        onRow: (row, line) => {
          values.push(
            importId,
            line,
            row.timestamp,
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
        if (!options.force)
          throw new Abort({
            ok: false,
            reason: 'duplicate',
            sha256,
            existingFile: existing.fileName,
          })
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

/** Imports one log file: hashed first, so a duplicate is refused before anything is read twice. */
export async function importTrafficFile(
  db: Kysely<Database>,
  scenarioId: number,
  file: string,
  options: Omit<ImportOptions, 'sha256' | 'totalBytes'> = {},
): Promise<ImportOutcome> {
  const { size } = await stat(file)
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer)
  const stream = createReadStream(file, { highWaterMark: 1 << 20 })
  try {
    return await importTrafficStream(db, scenarioId, file, stream as AsyncIterable<Buffer>, {
      ...options,
      sha256: hash.digest('hex'),
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
