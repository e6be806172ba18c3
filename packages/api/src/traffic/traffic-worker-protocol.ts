/** Messages between the main thread and traffic-worker.ts. */
import type { TrafficColumns, TrafficLogProblem, TrafficPartial } from '@warikan/core/traffic'
import type { LogEncoding } from './text-encoding'

export type WorkerRequest =
  | {
      type: 'slice'
      id: number
      /** the slice is buffer[0, length) */
      buffer: ArrayBuffer
      length: number
      encoding: LogEncoding
      columns: TrafficColumns
    }
  | { type: 'finish' }

/** What parsing one slice gave. */
export type SliceResult =
  | {
      ok: true
      rows: number
      /** physical lines in the slice */
      lines: number
      /** slice-relative line of a blank line that ended the slice */
      trailingBlankLine: number | undefined
    }
  | { ok: false; problem: TrafficLogProblem }

export type WorkerReply =
  ({ type: 'slice'; id: number } & SliceResult) | { type: 'partial'; partial: TrafficPartial }
