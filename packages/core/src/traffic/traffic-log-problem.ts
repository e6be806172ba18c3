/** What reading a 照会ログ gives back: the rows counted, or the first problem with its 1-based line and field. */
import type { TrafficAggregator } from './traffic-aggregator'
import type { TrafficColumns } from './traffic-header'
import type { RowProblem } from './traffic-row'

export interface TrafficLogProblem {
  /** 1-based physical line where the offending record starts */
  line: number
  field: RowProblem['field'] | 'header'
  message: string
}

export interface TrafficLogReaderOptions {
  /**
   * Known columns: the input has no header row (a slice of a file after its header, as read by a worker).
   * Then a blank line at the very end is not judged here but reported as `trailingBlankLine`.
   */
  columns?: TrafficColumns
  /** line number of the first line of the input (default 1) */
  firstLine?: number
  /** sum the rows (default true) */
  aggregate?: boolean
  /** sum into this aggregator (e.g. one per worker across slices) instead of a fresh one */
  aggregator?: TrafficAggregator
}

export type TrafficLogResult =
  | {
      ok: true
      rows: number
      columns: TrafficColumns | undefined
      /** a blank line that ended the input (slice mode only) */
      trailingBlankLine: number | undefined
    }
  | { ok: false; problem: TrafficLogProblem }

export const blankProblem = (line: number): TrafficLogProblem => ({
  line,
  field: 'line',
  message:
    '空行があります。空行を置けるのは最終行だけです (blank line; only the last line may be blank)',
})
