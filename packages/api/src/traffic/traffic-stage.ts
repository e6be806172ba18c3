/**
 * The first half of a stored import, with no database lock: the file is read once, in order (sha256 of its
 * bytes in the same pass), every row validated, and the valid rows written as numbers to a staging file that
 * the second half (traffic.service.ts) inserts in one short transaction. Also hashed: the rows as read —
 * timestamp instant, 照会元, 提供先, 事務番号, 件数, バイト数 in file order — so a copy of the same log in another
 * encoding, with other line ends, quoting or column order, is the same log (a duplicate), while any changed
 * row is not. Synchronous: run it in a worker (traffic-worker.ts) where the thread must stay responsive.
 */
import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs'
import type {
  TrafficByteRow,
  TrafficLogProblem,
  TrafficMonth,
  TrafficPartial,
} from '@warikan/core/traffic'
import { trafficByteReader } from './byte-reader'
import { detectFileEncoding, type LogEncoding } from './text-encoding'

/** numbers per staged row: line, instant, requester, provider, procedure (ids in `names`), records, bytes */
export const STAGED_ROW_NUMBERS = 7
const HASHED_NUMBERS = 6
const BATCH_ROWS = 8192

export interface StageRequest {
  /** the log to read */
  file: string
  /** where the staged rows go (created, overwritten) */
  stageFile: string
  encoding: LogEncoding | undefined
}

export interface StagedLog {
  ok: true
  encoding: LogEncoding
  rows: number
  /** sha256 of the file's bytes */
  sha256: string
  /** sha256 of the rows as read (see the module comment) */
  recordsSha256: string
  /** earliest / latest timestamp (ms since 1970 UTC); undefined without rows */
  firstAt: number | undefined
  lastAt: number | undefined
  /** the codes the staged ids stand for, by id */
  institutions: string[]
  procedures: string[]
  partial: TrafficPartial
  months: TrafficMonth[]
}

export type StageResult = StagedLog | { ok: false; problem: TrafficLogProblem }

export function stageTrafficFile(
  req: StageRequest,
  onProgress?: (bytes: number, rows: number) => void,
): StageResult {
  const fd = openSync(req.file, 'r')
  const out = openSync(req.stageFile, 'w')
  try {
    const size = fstatSync(fd).size
    const encoding = req.encoding ?? detectFileEncoding(fd, size)
    const bytesHash = createHash('sha256')
    const rowsHash = createHash('sha256')
    const staged = new Float64Array(BATCH_ROWS * STAGED_ROW_NUMBERS)
    const hashed = new Float64Array(BATCH_ROWS * HASHED_NUMBERS)
    let n = 0
    let rows = 0
    let firstAt = Infinity
    let lastAt = -Infinity
    const flush = () => {
      writeSync(out, new Uint8Array(staged.buffer, 0, n * STAGED_ROW_NUMBERS * 8))
      rowsHash.update(new Uint8Array(hashed.buffer, 0, n * HASHED_NUMBERS * 8))
      n = 0
    }
    const onRow = (row: TrafficByteRow, line: number) => {
      let o = n * STAGED_ROW_NUMBERS
      staged[o++] = line
      staged[o++] = row.instant
      staged[o++] = row.requesterId
      staged[o++] = row.providerId
      staged[o++] = row.procedureId
      staged[o++] = row.records
      staged[o] = row.bytes
      o = n * HASHED_NUMBERS
      hashed[o++] = row.instant
      hashed[o++] = row.requesterId
      hashed[o++] = row.providerId
      hashed[o++] = row.procedureId
      hashed[o++] = row.records
      hashed[o] = row.bytes
      if (row.instant < firstAt) firstAt = row.instant
      if (row.instant > lastAt) lastAt = row.instant
      rows++
      if (++n === BATCH_ROWS) flush()
    }
    const reader = trafficByteReader(encoding, { onRow, text: true })
    const chunk = Buffer.allocUnsafe(1 << 20)
    let position = 0
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, position)
      if (got === 0) break
      position += got
      const bytes = chunk.subarray(0, got)
      bytesHash.update(bytes)
      reader.push(bytes)
      if (reader.failed) break
      onProgress?.(position, rows)
    }
    const result = reader.end()
    if (!result.ok) return { ok: false, problem: result.problem }
    if (n) flush()
    const institutions = reader.aggregator.institutions.names.slice()
    const procedures = reader.procedures.names.slice()
    rowsHash.update(JSON.stringify([institutions, procedures]))
    return {
      ok: true,
      encoding,
      rows,
      sha256: bytesHash.digest('hex'),
      recordsSha256: rowsHash.digest('hex'),
      firstAt: rows ? firstAt : undefined,
      lastAt: rows ? lastAt : undefined,
      institutions,
      procedures,
      partial: reader.aggregator.toPartial(),
      months: reader.aggregator.months(),
    }
  } finally {
    closeSync(out)
    closeSync(fd)
  }
}

/** Reads staged rows back in batches (a view valid until the next call), for the insert. */
export function* stagedBatches(stageFile: string, rowsPerBatch = 4096): Generator<Float64Array> {
  const fd = openSync(stageFile, 'r')
  try {
    const buf = new Float64Array(rowsPerBatch * STAGED_ROW_NUMBERS)
    const bytes = new Uint8Array(buf.buffer)
    let position = 0
    for (;;) {
      let got = 0
      while (got < bytes.length) {
        const r = readSync(fd, bytes, got, bytes.length - got, position + got)
        if (r === 0) break
        got += r
      }
      if (got === 0) return
      position += got
      yield buf.subarray(0, got / 8)
      if (got < bytes.length) return
    }
  } finally {
    closeSync(fd)
  }
}
