/** Messages between the main thread and traffic-worker.ts. */
import type { TrafficColumns, TrafficLogProblem, TrafficPartial } from '@warikan/core/traffic'
import type { LogEncoding } from './text-encoding'

export type WorkerRequest =
  | {
      type: 'slice'
      id: number
      buffer: ArrayBuffer
      encoding: LogEncoding
      columns: TrafficColumns
    }
  | { type: 'finish' }

export type WorkerReply =
  | {
      type: 'slice'
      id: number
      ok: true
      rows: number
      /** physical lines in the slice */
      lines: number
      /** slice-relative line of a blank line that ended the slice */
      trailingBlankLine: number | undefined
    }
  | { type: 'slice'; id: number; ok: false; problem: TrafficLogProblem }
  | { type: 'partial'; partial: TrafficPartial }
