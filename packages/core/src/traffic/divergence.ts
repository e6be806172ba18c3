/**
 * 乖離レポート (divergence report): for each member, its share of the traffic-driven cost items under 人口割
 * (population) and under each 利用実績割 basis, with the difference. This is the question of 総務省 (2013)
 * §3.2.2(3): a town next to a large city answers more queries than its population suggests.
 */
import { allocate } from '../allocation/allocate'
import type { TrafficAggregate } from '../allocation/traffic-driver'
import type { InputIssue, Result } from '../scenario/issues'
import type { CostItem, Scenario, TrafficSettings } from '../scenario/schema'
import { ruleWeights } from '../scenario/validate'

export type TrafficBasis = TrafficSettings['basis']
export const TRAFFIC_BASES: readonly TrafficBasis[] = ['requester', 'provider', 'split']

export interface BasisShare {
  /** yen the member would pay with this basis */
  share: number
  /** share − population share, yen (positive: the population formula under-charges the member) */
  difference: number
  /** difference / population share; null when the population share is 0 */
  differenceRate: number | null
}

export interface DivergenceMember {
  code: string
  name: string
  population: number
  /** yen under 人口割 */
  populationShare: number
  bases: Record<TrafficBasis, BasisShare>
  /** the difference with the largest magnitude over the bases (what the list is sorted by) */
  largestGap: number
}

export interface DivergenceReport {
  costs: Array<{ id: string; name: string; amount: number; unit: TrafficSettings['unit'] }>
  /** sum of the amounts compared */
  amount: number
  /** largest |gap| first, ties by code */
  members: DivergenceMember[]
}

export interface DivergenceOptions {
  /** cost ids to compare; default every cost item whose rule has a traffic weight */
  costIds?: readonly string[]
}

/** Cost items whose rule uses 利用実績割. */
export const trafficCostItems = (scenario: Scenario): CostItem[] =>
  scenario.costs.filter((c) => ruleWeights(c.rule).traffic.n > 0n)

/**
 * Each chosen cost item is split again with its rule replaced by `{population: 1}` and by `{traffic: 1}` with each
 * basis (keeping the item's unit, participants and the scenario's rounding), so every column sums to the same
 * amount and the differences sum to 0.
 */
export function divergenceReport(
  scenario: Scenario,
  traffic: TrafficAggregate,
  options: DivergenceOptions = {},
): Result<DivergenceReport> {
  let items: CostItem[]
  if (options.costIds?.length) {
    const issues: InputIssue[] = []
    items = []
    for (const id of options.costIds) {
      const c = scenario.costs.find((x) => x.id === id)
      if (c) items.push(c)
      else issues.push({ path: 'costs', message: `費目 "${id}" はありません (no such cost id)` })
    }
    if (issues.length) return { ok: false, issues }
  } else {
    items = trafficCostItems(scenario)
    if (!items.length) {
      return {
        ok: false,
        issues: [
          {
            path: 'costs',
            message:
              '利用実績割 (traffic) の費目がありません。--cost で比べる費目を指定してください (no cost item uses the traffic driver; name one with --cost)',
          },
        ],
      }
    }
  }
  const totalsWith = (rule: (c: CostItem) => Pick<CostItem, 'rule' | 'traffic'>) => {
    const variant: Scenario = { ...scenario, costs: items.map((c) => ({ ...c, ...rule(c) })) }
    const result = allocate(variant, { traffic })
    if (!result.ok) return result
    return {
      ok: true as const,
      totals: new Map(result.value.output.members.map((m) => [m.code, m.total])),
    }
  }
  const population = totalsWith((c) => ({ rule: { population: 1 }, traffic: c.traffic }))
  if (!population.ok) return population
  const byBasis = new Map<TrafficBasis, Map<string, number>>()
  for (const basis of TRAFFIC_BASES) {
    const r = totalsWith((c) => ({
      rule: { traffic: 1 },
      traffic: { basis, unit: c.traffic?.unit ?? 'queries' },
    }))
    if (!r.ok) return r
    byBasis.set(basis, r.totals)
  }
  const members: DivergenceMember[] = scenario.members.map((m) => {
    const populationShare = population.totals.get(m.code) ?? 0
    let largestGap = 0
    const bases = {} as Record<TrafficBasis, BasisShare>
    for (const basis of TRAFFIC_BASES) {
      const share = byBasis.get(basis)!.get(m.code) ?? 0
      const difference = share - populationShare
      if (Math.abs(difference) > Math.abs(largestGap)) largestGap = difference
      bases[basis] = {
        share,
        difference,
        differenceRate: populationShare === 0 ? null : difference / populationShare,
      }
    }
    return {
      code: m.code,
      name: m.name,
      population: m.population,
      populationShare,
      bases,
      largestGap,
    }
  })
  members.sort(
    (a, b) =>
      Math.abs(b.largestGap) - Math.abs(a.largestGap) ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  )
  return {
    ok: true,
    value: {
      costs: items.map((c) => ({
        id: c.id,
        name: c.name,
        amount: c.amount,
        unit: c.traffic?.unit ?? 'queries',
      })),
      amount: items.reduce((a, c) => a + c.amount, 0),
      members,
    },
  }
}
