/**
 * Parsing byte ranges ("units") of one 照会ログ file, on whichever thread claims them: the main thread and the
 * worker threads each read their own units straight from the file (no bytes pass between threads), taking the
 * next unit from a shared counter until none is left, and summing every row into one aggregator per thread.
 *
 * A unit [a, b) owns the records that start in it: it starts after the first line feed at or after a − 1 (the
 * first unit at the body's start) and parses until the first record that starts at or after b. Without a
 * quoted line break near a boundary, where one unit stops is exactly where the next starts; the main thread
 * checks that chain ({@link UnitResult} start/end) and reads the file on one thread when it does not hold,
 * so a quoted line break can never cut a record in two.
 */
import { readSync } from 'node:fs'
import type { TrafficAggregator, TrafficColumns, TrafficLogProblem } from '@warikan/core/traffic'
import { trafficByteReader } from './byte-reader'
import type { LogEncoding } from './text-encoding'

export type UnitResult =
  | {
      unit: number
      ok: true
      /** absolute offsets of the first record parsed and just after the last */
      start: number
      end: number
      rows: number
      /** physical lines in [start, end) */
      lines: number
      /** unit-relative line of a blank line that ended the unit */
      trailingBlankLine: number | undefined
    }
  | { unit: number; ok: false; start: number; problem: TrafficLogProblem }

export interface UnitPlan {
  /** unit k is [bounds[k], bounds[k + 1]); bounds[0] is the body's start (after the header) */
  bounds: number[]
  size: number
  encoding: LogEncoding
  columns: TrafficColumns
}

/** Shared between threads: [next unit to claim, stop flag]. */
export const unitCounter = () => new Int32Array(new SharedArrayBuffer(8))

const LF = 10
/** read past a unit's end in small steps: only its last record is wanted there */
const TAIL_BYTES = 16 * 1024

/** Claims and parses units until none is left (or one failed); returns this thread's results. */
export function parseUnits(
  fd: number,
  plan: UnitPlan,
  counter: Int32Array,
  aggregator: TrafficAggregator,
  chunkBytes: number,
  onUnit?: (result: UnitResult) => void,
): UnitResult[] {
  const results: UnitResult[] = []
  const scratch = { buf: Buffer.allocUnsafe(chunkBytes) }
  for (;;) {
    if (Atomics.load(counter, 1) !== 0) break
    const unit = Atomics.add(counter, 0, 1)
    if (unit >= plan.bounds.length - 1) break
    const r = parseUnit(fd, plan, unit, aggregator, scratch)
    results.push(r)
    onUnit?.(r)
    if (!r.ok) Atomics.store(counter, 1, 1)
  }
  return results
}

/** The offset just after the first line feed at or after `from` (the file's size when there is none). */
function nextRecordStart(fd: number, from: number, size: number, buf: Buffer): number {
  let pos = from
  while (pos < size) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, size - pos), pos)
    if (n === 0) break
    const lf = buf.subarray(0, n).indexOf(LF)
    if (lf >= 0) return pos + lf + 1
    pos += n
  }
  return size
}

function parseUnit(
  fd: number,
  plan: UnitPlan,
  unit: number,
  aggregator: TrafficAggregator,
  scratch: { buf: Buffer },
): UnitResult {
  const { size } = plan
  const a = plan.bounds[unit]!
  const b = plan.bounds[unit + 1]!
  const start = unit === 0 ? a : nextRecordStart(fd, a - 1, size, scratch.buf)
  if (start >= b)
    return { unit, ok: true, start, end: start, rows: 0, lines: 0, trailingBlankLine: undefined }
  const reader = trafficByteReader(plan.encoding, { columns: plan.columns, aggregator })
  const fail = (): UnitResult => {
    const r = reader.end()
    if (r.ok) throw new Error('reader stopped without a problem')
    return { unit, ok: false, start, problem: r.problem }
  }
  const done = (end: number): UnitResult => {
    const r = reader.end()
    if (!r.ok) return { unit, ok: false, start, problem: r.problem }
    return {
      unit,
      ok: true,
      start,
      end,
      rows: r.rows,
      lines: reader.linesRead,
      trailingBlankLine: r.trailingBlankLine,
    }
  }
  let buf = scratch.buf
  /** absolute offset of buf[0] */
  let base = start
  /** bytes in buf not yet consumed */
  let have = 0
  const read = (limit: number, most = buf.length): number => {
    if (have === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2) // one record longer than the buffer
      buf.copy(bigger, 0, 0, have)
      scratch.buf = buf = bigger
    }
    const pos = base + have
    const n = readSync(fd, buf, have, Math.min(buf.length - have, limit - pos, most), pos)
    have += n
    return n
  }
  const consume = (n: number) => {
    buf.copyWithin(0, n, have)
    base += n
    have -= n
  }
  // the records that start before b, whole records only
  while (base + have < b) {
    if (read(b) === 0) break
    const used = reader.feed(buf.subarray(0, have))
    if (reader.failed) return fail()
    consume(used)
  }
  // the record that started before b and ends after it: up to its line feed (more than one when quoted)
  let scanFrom = 0
  while (have > 0) {
    let lf = buf.subarray(scanFrom, have).indexOf(LF)
    if (lf < 0) {
      scanFrom = have
      if (read(size, TAIL_BYTES) === 0) {
        reader.push(buf.subarray(0, have)) // the file ends inside this record
        return done(size)
      }
      continue
    }
    lf += scanFrom
    const used = reader.feed(buf.subarray(0, lf + 1))
    if (reader.failed) return fail()
    if (used === lf + 1) return done(base + used)
    scanFrom = lf + 1
  }
  return done(base)
}
