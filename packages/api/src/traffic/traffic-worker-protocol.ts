/** Messages between the main thread and traffic-worker.ts. */
import type { TrafficPartial } from '@warikan/core/traffic'
import type { UnitPlan, UnitResult } from './traffic-range-reader'

/** Parse units of `file` (claimed from the shared counter) until none is left. */
export interface WorkerRequest {
  type: 'units'
  file: string
  plan: UnitPlan
  /** [next unit, stop flag] over a SharedArrayBuffer */
  counter: Int32Array
  chunkBytes: number
}

export type WorkerReply =
  | { type: 'done'; results: UnitResult[]; partial: TrafficPartial }
  | { type: 'error'; message: string }
