/** Validating one record of a 照会ログ against its header (docs/formats/traffic-log.md, "Columns"). */
import type { TrafficColumns, TrafficField } from './traffic-header'
import { timestampMonthJst } from './timestamp'

/** One validated row. The reader reuses a single object; copy what you keep. */
export interface TrafficRow {
  timestamp: string
  requester: string
  provider: string
  /** 事務番号; '' when absent */
  procedure: string
  records: number
  bytes: number
  /** JST month, `year * 12 + month − 1` */
  month: number
}

export interface RowProblem {
  field: TrafficField | 'columns' | 'line'
  message: string
}

export const emptyTrafficRow = (): TrafficRow => ({
  timestamp: '',
  requester: '',
  provider: '',
  procedure: '',
  records: 1,
  bytes: 0,
  month: 0,
})

/** Non-negative integer written with digits only (no sign, no spaces, no decimals); −1 otherwise. */
export function parseCount(s: string): number {
  const len = s.length
  if (len === 0 || len > 15) return -1
  let n = 0
  for (let i = 0; i < len; i++) {
    const d = s.charCodeAt(i) - 48
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 0x3000
const trimmed = (s: string): string =>
  s.length && (isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1))) ? s.trim() : s

const show = (s: string) => JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s)

/** Fills `out` from the record; returns the first problem, or undefined when the row is valid. */
export function readTrafficRow(
  fields: readonly string[],
  count: number,
  columns: TrafficColumns,
  out: TrafficRow,
): RowProblem | undefined {
  if (count !== columns.count) {
    return {
      field: 'columns',
      message: `列数が ${count} です。見出しは ${columns.count} 列です (wrong column count: ${count}, header has ${columns.count})`,
    }
  }
  const timestamp = trimmed(fields[columns.timestamp]!)
  if (!timestamp.length)
    return { field: 'timestamp', message: '照会日時が空です (missing timestamp)' }
  const month = timestampMonthJst(timestamp)
  if (month < 0) {
    return {
      field: 'timestamp',
      message: `照会日時の形式が不正です (bad timestamp ${show(timestamp)}; expected ISO 8601 with offset, e.g. 2026-06-01T09:15:00+09:00, or YYYY/MM/DD HH:MM:SS)`,
    }
  }
  const requester = trimmed(fields[columns.requester]!)
  if (!requester.length)
    return { field: 'requester', message: '照会機関コードが空です (missing requester)' }
  const provider = trimmed(fields[columns.provider]!)
  if (!provider.length)
    return { field: 'provider', message: '提供機関コードが空です (missing provider)' }
  let records = 1
  if (columns.records >= 0) {
    const s = trimmed(fields[columns.records]!)
    if (s.length) {
      records = parseCount(s)
      if (records < 1) {
        return {
          field: 'records',
          message: `件数は 1 以上の整数です (records must be an integer ≥ 1, got ${show(s)})`,
        }
      }
    }
  }
  let bytes = 0
  if (columns.bytes >= 0) {
    const s = trimmed(fields[columns.bytes]!)
    if (s.length) {
      bytes = parseCount(s)
      if (bytes < 0) {
        return {
          field: 'bytes',
          message: `バイト数は 0 以上の整数です (bytes must be an integer ≥ 0, got ${show(s)})`,
        }
      }
    }
  }
  out.timestamp = timestamp
  out.requester = requester
  out.provider = provider
  out.procedure = columns.procedure >= 0 ? fields[columns.procedure]! : ''
  out.records = records
  out.bytes = bytes
  out.month = month
  return undefined
}
