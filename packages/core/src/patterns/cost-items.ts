/**
 * Each pattern's server cost as scenario cost items, split by the ordinary allocation engine, so the
 * 負担金 per member under each pattern can be put side by side.
 *
 * One cost item per server group: amount = servers × costPerServer, participants = the group's members,
 * rule by `patterns.allocation`:
 *   load (default) — 従量: each member's demand in the group summed over the 24 h × 12 month grid
 *                    (an integer metric, so the split is exact); a group with no load at all is split equally
 *   population     — 人口割
 *   equal          — 均等割
 */
import { allocate } from '../allocation/allocate'
import type { Result } from '../scenario/issues'
import type { CostItem, Member, Scenario } from '../scenario/schema'
import type { PatternModel } from './schema'
import type { PatternSizing } from './sizing'
import type { PatternNumber } from './scope'

export interface PatternCostItems {
  pattern: PatternNumber
  costs: CostItem[]
  /** metrics to merge into the members (metric name → code → value) */
  metrics: Map<string, Map<string, number>>
}

export const loadMetricName = (groupId: string): string => `load:${groupId}`

export function patternCostItems(model: PatternModel, sizing: PatternSizing): PatternCostItems {
  const metrics = new Map<string, Map<string, number>>()
  const costs = sizing.groups.map((g): CostItem => {
    const base = {
      id: g.id,
      name: `${g.label} サーバ費用`,
      amount: g.annualCost,
      members: g.members,
    }
    const basis = model.settings.allocation
    const totalLoad = Object.values(g.memberLoad).reduce((a, b) => a + b, 0)
    if (basis === 'population') return { ...base, rule: { population: 1 } }
    if (basis === 'equal' || totalLoad === 0) return { ...base, rule: { equal: 1 } }
    const name = loadMetricName(g.id)
    metrics.set(name, new Map(Object.entries(g.memberLoad)))
    return { ...base, rule: { metric: { name, weight: 1 } } }
  })
  return { pattern: sizing.pattern, costs, metrics }
}

/** A scenario whose costs are exactly this pattern's server cost items. */
export function patternScenario(model: PatternModel, items: PatternCostItems): Scenario {
  const members: Member[] = model.members.map((m) => {
    const extra: Record<string, number> = {}
    for (const [name, byCode] of items.metrics) {
      const v = byCode.get(m.code)
      if (v !== undefined) extra[name] = v
    }
    return Object.keys(extra).length ? { ...m, metrics: { ...m.metrics, ...extra } } : m
  })
  return {
    version: 1,
    consortium: { name: 'patterns', fiscalYear: 2000 },
    members,
    costs: items.costs,
    rounding: { unit: model.roundingUnit },
  }
}

export interface MemberBurden {
  code: string
  name: string
  /** pattern number → the member's share of that pattern's server cost, integer yen */
  burden: Record<PatternNumber, number>
}

/** Allocate each pattern's server cost; members side by side. */
export function allocatePatterns(
  model: PatternModel,
  sizings: PatternSizing[],
): Result<{ items: PatternCostItems[]; members: MemberBurden[] }> {
  const items = sizings.map((s) => patternCostItems(model, s))
  const members: MemberBurden[] = model.members.map((m) => ({
    code: m.code,
    name: m.name,
    burden: { 1: 0, 2: 0, 3: 0 },
  }))
  for (const it of items) {
    const result = allocate(patternScenario(model, it))
    if (!result.ok) return result
    result.value.output.members.forEach((m, i) => (members[i]!.burden[it.pattern] = m.total))
  }
  return { ok: true, value: { items, members } }
}
