/**
 * Two allocations side by side, shared by `warikan compare` and `GET /api/compare`: the per-member diff in yen
 * and % (@warikan/core/whatif), plus — when the second has every member of the first and more — the 割り勘効果,
 * each existing member's saving from the joiners.
 */
import type { AllocationOutput } from '@warikan/core'
import {
  compareAllocations,
  joinEffect,
  membersJoined,
  type AllocationComparison,
  type JoinEffectRow,
} from '@warikan/core/whatif'

export interface Comparison extends AllocationComparison {
  /** present when B = A's members plus at least one joiner */
  joinEffect?: JoinEffectRow[]
}

export function compareOutputs(a: AllocationOutput, b: AllocationOutput): Comparison {
  const comparison = compareAllocations(a, b)
  return membersJoined(a, b) ? { ...comparison, joinEffect: joinEffect(a, b) } : comparison
}
