/** Messages between the main thread and traffic-worker.ts. */
import type { TrafficPartial } from '@warikan/core/traffic'
import type { StageRequest, StageResult } from './traffic-stage'
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

/** Validate and stage every row of `file` for a stored import (traffic-stage.ts). */
export interface StageMessage extends StageRequest {
  type: 'stage'
}

export type WorkerRequest = UnitsRequest | StageMessage

export type WorkerReply =
  | { type: 'done'; results: UnitResult[]; partial: TrafficPartial }
  | { type: 'error'; message: string }

export type StageReply =
  | { type: 'progress'; bytes: number; rows: number }
  | { type: 'staged'; result: StageResult }
  | { type: 'error'; message: string }
