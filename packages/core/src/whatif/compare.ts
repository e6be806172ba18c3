/**
 * Comparing two allocations member by member (yen and %), and the 割り勘効果 of a member joining: how much
 * every existing member saves because the newcomer shares the costs (seed 002 §1.1.3 表1-3).
 */
import type { AllocationOutput } from '../allocation/allocate'

export interface DiffRow {
  code: string
  name: string
  /** absent when the member is only in the second allocation */
  before?: number
  /** absent when the member is only in the first allocation */
  after?: number
  /** after − before (a missing side counts as 0) */
  diff: number
  /** diff / before; null when before is 0 or absent */
  percent: number | null
}

export interface AllocationComparison {
  rows: DiffRow[]
  totalBefore: number
  totalAfter: number
  totalDiff: number
}

/** Members in the order of the first allocation, then those only in the second. */
export function compareAllocations(a: AllocationOutput, b: AllocationOutput): AllocationComparison {
  const after = new Map(b.members.map((m) => [m.code, m]))
  const rows: DiffRow[] = a.members.map((m) => {
    const other = after.get(m.code)
    const diff = (other?.total ?? 0) - m.total
    return {
      code: m.code,
      name: m.name,
      before: m.total,
      ...(other ? { after: other.total } : {}),
      diff,
      percent: m.total === 0 ? null : diff / m.total,
    }
  })
  const seen = new Set(a.members.map((m) => m.code))
  for (const m of b.members)
    if (!seen.has(m.code))
      rows.push({ code: m.code, name: m.name, after: m.total, diff: m.total, percent: null })
  return { rows, totalBefore: a.total, totalAfter: b.total, totalDiff: b.total - a.total }
}

export interface JoinEffectRow {
  code: string
  name: string
  before: number
  after: number
  /** before − after: what the member saves because the newcomer joined (割り勘効果) */
  saving: number
  savingRate: number | null
}

/** True when `after` has every member of `before` and at least one more: a join, with a 割り勘効果. */
export function membersJoined(before: AllocationOutput, after: AllocationOutput): boolean {
  const inAfter = new Set(after.members.map((m) => m.code))
  return (
    after.members.length > before.members.length && before.members.every((m) => inAfter.has(m.code))
  )
}

/** 割り勘効果 of a joiner: every existing member's saving. */
export function joinEffect(before: AllocationOutput, after: AllocationOutput): JoinEffectRow[] {
  const next = new Map(after.members.map((m) => [m.code, m.total]))
  return before.members.map((m) => {
    const a = next.get(m.code) ?? 0
    return {
      code: m.code,
      name: m.name,
      before: m.total,
      after: a,
      saving: m.total - a,
      savingRate: m.total === 0 ? null : (m.total - a) / m.total,
    }
  })
}
