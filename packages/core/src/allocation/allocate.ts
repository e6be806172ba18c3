import { cmp, fromDecimal, lcm, rat, type Rational } from '../rational'
import type { InputIssue, Result } from '../scenario/issues'
import type { CostItem, Member, Scenario } from '../scenario/schema'
import { evaluateDrivers, type DriverCache, type DriverColumn } from './drivers'
import { largestRemainder, type RoundingOutcome } from './rounding'
import type { TrafficAggregate } from './traffic-driver'

export interface MemberAllocation {
  code: string
  name: string
  total: number
  shares: Record<string, number>
  standaloneCost?: number
  savingsRate?: number
  meetsTarget?: boolean
}

export interface CostAllocation {
  id: string
  amount: number
  allocated: number
}

/** The output of `warikan allocate --format json` (docs/formats/scenario.md). */
export interface AllocationOutput {
  total: number
  members: MemberAllocation[]
  costs: CostAllocation[]
}

/** Everything needed to explain one cost item's split, kept alongside the output. */
export interface CostWorking {
  cost: CostItem
  costIndex: number
  participants: Member[]
  columns: DriverColumn[]
  /** exact share of participant i = numerators[i] / denominator */
  numerators: bigint[]
  denominator: bigint
  unit: bigint
  rounding: RoundingOutcome
}

export interface Allocation {
  output: AllocationOutput
  workings: CostWorking[]
}

export interface AllocateOptions {
  traffic?: TrafficAggregate
}

/** Exact allocation of every cost item (docs/formats/scenario.md, "Semantics"). */
export function allocate(scenario: Scenario, options: AllocateOptions = {}): Result<Allocation> {
  const unit = BigInt(scenario.rounding?.unit ?? 1)
  const memberCount = scenario.members.length
  const indexOf = new Map(scenario.members.map((m, i) => [m.code, i]))
  const totals = new Array<bigint>(memberCount).fill(0n)
  const shares: Array<Record<string, number>> = scenario.members.map(() => ({}))
  const issues: InputIssue[] = []
  const workings: CostWorking[] = []
  const costs: CostAllocation[] = []
  const cache: DriverCache = new WeakMap()
  const weightings: WeightingCache = new WeakMap()
  const subsets = new Map<string, Member[]>()

  scenario.costs.forEach((cost, costIndex) => {
    const participants = participantList(scenario, cost, subsets)
    const drivers = evaluateDrivers(cost, costIndex, participants, options.traffic, cache)
    if (!drivers.ok) {
      issues.push({ path: drivers.path, message: drivers.message })
      return
    }
    const working = splitCost(cost, costIndex, participants, drivers.columns, unit, weightings)
    workings.push(working)
    for (const record of shares) record[cost.id] = 0
    let allocated = 0n
    const steps = working.rounding.steps
    for (let i = 0; i < participants.length; i++) {
      const mi = participants === scenario.members ? i : indexOf.get(participants[i]!.code)!
      const share = steps[i]!.share
      shares[mi]![cost.id] = Number(share)
      totals[mi] = totals[mi]! + share
      allocated += share
    }
    costs.push({ id: cost.id, amount: cost.amount, allocated: Number(allocated) })
  })
  if (issues.length) return { ok: false, issues }

  const minRate =
    scenario.target?.minSavingsRate === undefined
      ? undefined
      : fromDecimal(scenario.target.minSavingsRate)
  const members: MemberAllocation[] = scenario.members.map((m, i) => {
    const total = Number(totals[i]!)
    const out: MemberAllocation = { code: m.code, name: m.name, total, shares: shares[i]! }
    if (m.standaloneCost !== undefined && m.standaloneCost > 0) {
      out.standaloneCost = m.standaloneCost
      out.savingsRate = (m.standaloneCost - total) / m.standaloneCost
      if (minRate !== undefined) out.meetsTarget = meetsTarget(m.standaloneCost, total, minRate)
    }
    return out
  })
  const total = members.reduce((a, m) => a + m.total, 0)
  return { ok: true, value: { output: { total, members, costs }, workings } }
}

/** Participants in input order; the same subset yields the same array (so driver columns are shared). */
function participantList(
  scenario: Scenario,
  cost: CostItem,
  subsets: Map<string, Member[]>,
): Member[] {
  if (!cost.members) return scenario.members
  const wanted = new Set(cost.members)
  const list = scenario.members.filter((m) => wanted.has(m.code))
  const key = list.map((m) => m.code).join(',')
  const known = subsets.get(key)
  if (known) return known
  subsets.set(key, list)
  return list
}

/** savingsRate ≥ minSavingsRate, decided exactly: (standalone − total)/standalone ≥ r. */
export function meetsTarget(standaloneCost: number, total: number, minRate: Rational): boolean {
  const rate = rat(BigInt(standaloneCost) - BigInt(total), BigInt(standaloneCost))
  return cmp(rate, minRate) >= 0
}

/**
 * The amount-free part of a split: s(i) = A·G(i)/M with G(i) = Σ_k p_k·(M/(q_k·S_k))·a_k(i) and
 * M = lcm_k(q_k·S_k). Cost items with the same rule over the same participants share it.
 */
interface Weighting {
  denominator: bigint
  weights: bigint[]
}

/** Weightings by participant list, then by the rule's drivers and weights (one cache per allocation run). */
type WeightingCache = WeakMap<readonly Member[], Map<string, Weighting>>

function weighting(
  participants: Member[],
  columns: DriverColumn[],
  cache: WeightingCache,
): Weighting {
  // `fixed` columns are built per cost item, so only rules made of shared driver columns are cached.
  const key = columns.every((c) => c.key !== 'fixed')
    ? columns.map((c) => `${c.key}:${c.detail ?? ''}:${c.weight.n}/${c.weight.d}`).join('|')
    : undefined
  let byKey = cache.get(participants)
  const hit = key === undefined ? undefined : byKey?.get(key)
  if (hit) return hit
  let denominator = 1n
  for (const c of columns) denominator = lcm(denominator, c.weight.d * c.integerTotal)
  const factors = columns.map((c) => c.weight.n * (denominator / (c.weight.d * c.integerTotal)))
  const weights = participants.map((_, i) => {
    let g = 0n
    for (let k = 0; k < columns.length; k++) g += factors[k]! * columns[k]!.integers[i]!
    return g
  })
  const result = { denominator, weights }
  if (key !== undefined) {
    if (!byKey) cache.set(participants, (byKey = new Map()))
    byKey.set(key, result)
  }
  return result
}

function splitCost(
  cost: CostItem,
  costIndex: number,
  participants: Member[],
  columns: DriverColumn[],
  unit: bigint,
  cache: WeightingCache,
): CostWorking {
  const amount = BigInt(cost.amount)
  const { denominator, weights } = weighting(participants, columns, cache)
  const numerators = weights.map((g) => amount * g)
  const rounding = largestRemainder({
    amount,
    unit,
    numerators,
    denominator,
    codes: participants.map((m) => m.code),
  })
  return { cost, costIndex, participants, columns, numerators, denominator, unit, rounding }
}
