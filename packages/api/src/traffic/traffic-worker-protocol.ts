/** Messages between the main thread and traffic-worker.ts. */
import type { TrafficLogProblem, TrafficMonth, TrafficPartial } from '@warikan/core/traffic'
import type { LogEncoding } from './text-encoding'
import type { UnitPlan, UnitResult } from './traffic-range-reader'

/** Parse units of `file` (claimed from the shared counter) until none is left. */
export interface UnitsRequest {
  type: 'units'
  file: string
  plan: UnitPlan
  /** [next unit, stop flag] over a SharedArrayBuffer */
  counter: Int32Array
  chunkBytes: number
}

/** Read every row of `file` in order for a stored import (traffic-row-stream.ts). */
export interface ImportRequest {
  type: 'import'
  file: string
  encoding: LogEncoding | undefined
  batchRows: number
  /** [batches sent and not yet inserted] over a SharedArrayBuffer; the main thread decrements and notifies */
  credit: Int32Array
  maxOutstanding: number
}

export type WorkerRequest = UnitsRequest | ImportRequest

export type WorkerReply =
  | { type: 'done'; results: UnitResult[]; partial: TrafficPartial }
  | { type: 'error'; message: string }

export type ImportReply =
  | {
      type: 'batch'
      rows: number
      /** ROW_NUMBERS numbers per row (traffic-row-stream.ts) */
      values: Float64Array
      /** names of the reader's institution / procedure ids first seen since the previous batch */
      institutions: string[]
      procedures: string[]
      /** bytes read so far */
      bytes: number
    }
  | {
      type: 'end'
      ok: true
      encoding: LogEncoding
      rows: number
      sha256: string
      partial: TrafficPartial
      months: TrafficMonth[]
    }
  | { type: 'end'; ok: false; problem: TrafficLogProblem }
  | { type: 'error'; message: string }
