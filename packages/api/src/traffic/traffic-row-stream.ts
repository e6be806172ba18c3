/**
 * The parsing half of a stored import, run in a worker thread (traffic-worker.ts) so that the main thread
 * only binds and inserts: the file is read in order on this thread (sha256 in the same pass), every valid row
 * packed as numbers into a batch that is transferred (not copied) to the main thread, with the codes first
 * seen in it. At most `maxOutstanding` batches are in flight; past that this thread waits on the shared
 * credit counter, so memory stays constant however far the parse runs ahead of the inserts.
 */
import { createHash } from 'node:crypto'
import { closeSync, openSync, readSync } from 'node:fs'
import type { TrafficByteRow } from '@warikan/core/traffic'
import { trafficByteReader } from './byte-reader'
import { detectEncoding } from './text-encoding'
import type { ImportReply, ImportRequest } from './traffic-worker-protocol'

/** numbers per row in a batch: line, instant, requester, provider, procedure (reader ids), records, bytes */
export const ROW_NUMBERS = 7

export function streamRows(
  req: ImportRequest,
  post: (m: ImportReply, transfer?: ArrayBuffer[]) => void,
) {
  const fd = openSync(req.file, 'r')
  try {
    const hash = createHash('sha256')
    const chunk = Buffer.allocUnsafe(1 << 20)
    const credit = req.credit
    let values = new Float64Array(req.batchRows * ROW_NUMBERS)
    let n = 0
    let sentInstitutions = 0
    let sentProcedures = 0
    let position = 0
    let reader: ReturnType<typeof trafficByteReader> | undefined
    const flush = () => {
      if (!reader) return
      while (Atomics.load(credit, 0) >= req.maxOutstanding)
        Atomics.wait(credit, 0, req.maxOutstanding)
      Atomics.add(credit, 0, 1)
      const inst = reader.aggregator.institutions.names
      const proc = reader.procedures.names
      const batch = values.subarray(0, n * ROW_NUMBERS)
      post(
        {
          type: 'batch',
          rows: n,
          values: batch,
          institutions: inst.slice(sentInstitutions),
          procedures: proc.slice(sentProcedures),
          bytes: position,
        },
        [values.buffer as ArrayBuffer],
      )
      sentInstitutions = inst.length
      sentProcedures = proc.length
      values = new Float64Array(req.batchRows * ROW_NUMBERS)
      n = 0
    }
    const onRow = (row: TrafficByteRow, line: number) => {
      let o = n * ROW_NUMBERS
      values[o++] = line
      values[o++] = row.instant
      values[o++] = row.requesterId
      values[o++] = row.providerId
      values[o++] = row.procedureId
      values[o++] = row.records
      values[o] = row.bytes
      if (++n === req.batchRows) flush()
    }
    let encoding = req.encoding
    for (;;) {
      const got = readSync(fd, chunk, 0, chunk.length, position)
      if (got === 0) break
      position += got
      const bytes = chunk.subarray(0, got)
      hash.update(bytes)
      if (!reader) {
        encoding ??= detectEncoding(bytes)
        reader = trafficByteReader(encoding, { onRow, text: true })
      }
      reader.push(bytes)
      if (reader.failed) break
    }
    reader ??= trafficByteReader(encoding ?? 'utf-8')
    const result = reader.end()
    if (!result.ok) {
      post({ type: 'end', ok: false, problem: result.problem })
      return
    }
    if (n) flush()
    post({
      type: 'end',
      ok: true,
      encoding: encoding ?? 'utf-8',
      rows: result.rows,
      sha256: hash.digest('hex'),
      partial: reader.aggregator.toPartial(),
      months: reader.aggregator.months(),
    })
  } finally {
    closeSync(fd)
  }
}
