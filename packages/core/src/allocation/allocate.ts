import { cmp, fromDecimal, lcm, mul, rat, type Rational } from '../rational'
import type { InputIssue, Result } from '../scenario/issues'
import {
  itemRounding,
  netAmount,
  splitPlans,
  type ResolvedRounding,
  type SplitPlan,
} from '../scenario/ordinance'
import type { Adjustment, CostItem, Member, Scenario } from '../scenario/schema'
import { evaluateDrivers, type DriverCache, type DriverColumn } from './drivers'
import { largestRemainder, type RoundingOutcome } from './rounding'
import { adjustedRounding, type AdjustedRoundingOutcome } from './rounding-methods'
import type { TrafficAggregate } from './traffic-driver'

export interface MemberAllocation {
  code: string
  name: string
  total: number
  shares: Record<string, number>
  /** Σ of the member's adjustments (精算額・加算・減算), only for a member that has any */
  adjustments?: number
  standaloneCost?: number
  savingsRate?: number
  meetsTarget?: boolean
}

export interface CostAllocation {
  id: string
  /** gross amount */
  amount: number
  /** Σ deductions (特定財源), only where the item has the field */
  deductions?: number
  /** the net amount split: amount − deductions */
  allocated: number
}

/** The output of `warikan allocate --format json` (docs/formats/scenario.md). */
export interface AllocationOutput {
  total: number
  members: MemberAllocation[]
  costs: CostAllocation[]
}

/** One split of a cost item (the whole item, a part, or one driver of a perPart rule) and its rounding. */
export interface SplitWorking {
  /** index in the item's `parts` */
  part?: number
  name?: string
  /** field path of the split */
  path: string
  /** share of the item's net amount */
  weight: Rational
  /** net × weight, exact (before the part amounts are rounded) */
  exactAmount: Rational
  /** the amount split (the part amount after rounding among the parts) */
  amount: bigint
  participants: Member[]
  columns: DriverColumn[]
  /** exact share of participant i = numerators[i] / denominator */
  numerators: bigint[]
  denominator: bigint
  rounding: ResolvedRounding
  /** largestRemainder: the hand-out of units */
  remainder?: RoundingOutcome
  /** other methods: rounded figures, the adjuster and what it absorbed, the unit price */
  adjusted?: AdjustedRoundingOutcome
  /** what each participant pays for this split */
  shares: bigint[]
}

/** Everything needed to explain one cost item's split, kept alongside the output. */
export interface CostWorking {
  cost: CostItem
  costIndex: number
  participants: Member[]
  /** the drivers (for parts and perPart: each split's drivers, weighted by the split's weight) */
  columns: DriverColumn[]
  /** exact share of participant i = numerators[i] / denominator (Σ over the splits; sums to the net) */
  numerators: bigint[]
  denominator: bigint
  /** the item's rounding unit */
  unit: bigint
  /**
   * The item's largest-remainder hand-out when the item is one plain split; otherwise steps that carry
   * only each participant's final share (see `splits`).
   */
  rounding: RoundingOutcome
  /** Σ deductions */
  deductions: bigint
  /** amount − deductions: what is split */
  net: bigint
  /** the splits in order; one for a plain item */
  splits: SplitWorking[]
  /** what each participant pays (sums to the net) */
  shares: bigint[]
}

export interface Allocation {
  output: AllocationOutput
  workings: CostWorking[]
  /** the scenario's adjustments, as given (for explanations) */
  adjustments: Adjustment[]
}

export interface AllocateOptions {
  traffic?: TrafficAggregate
}

/** Exact allocation of every cost item (docs/formats/scenario.md, "Semantics"). */
export function allocate(scenario: Scenario, options: AllocateOptions = {}): Result<Allocation> {
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
    const participants = participantList(scenario, cost.members, subsets)
    const rounding = itemRounding(scenario, cost, costIndex)
    const plain =
      cost.parts === undefined &&
      rounding.method === 'largestRemainder' &&
      !(rounding.perPart && splitPlans(scenario, cost, costIndex, rounding).length > 1)
    let working: CostWorking
    if (plain) {
      const drivers = evaluateDrivers(cost, costIndex, participants, options.traffic, cache)
      if (!drivers.ok) {
        issues.push({ path: drivers.path, message: drivers.message })
        return
      }
      working = splitCost(cost, costIndex, participants, drivers.columns, rounding, weightings)
    } else {
      const composite = splitComposite(scenario, cost, costIndex, participants, rounding, {
        traffic: options.traffic,
        cache,
        weightings,
        subsets,
      })
      if (!composite.ok) {
        issues.push(...composite.issues)
        return
      }
      working = composite.value
    }
    workings.push(working)
    for (const record of shares) record[cost.id] = 0
    let allocated = 0n
    const itemShares = working.shares
    for (let i = 0; i < participants.length; i++) {
      const mi = participants === scenario.members ? i : indexOf.get(participants[i]!.code)!
      const share = itemShares[i]!
      shares[mi]![cost.id] = Number(share)
      totals[mi] = totals[mi]! + share
      allocated += share
    }
    costs.push({
      id: cost.id,
      amount: cost.amount,
      ...(cost.deductions === undefined ? {} : { deductions: Number(working.deductions) }),
      allocated: Number(allocated),
    })
  })
  if (issues.length) return { ok: false, issues }

  const adjustments = new Array<bigint | undefined>(memberCount)
  for (const a of scenario.adjustments ?? []) {
    const mi = indexOf.get(a.code)
    if (mi === undefined) {
      issues.push({
        path: 'adjustments',
        message: `未登録の団体コード ${a.code} です (unknown member code in adjustments)`,
      })
      continue
    }
    adjustments[mi] = (adjustments[mi] ?? 0n) + BigInt(a.amount)
  }
  if (issues.length) return { ok: false, issues }

  const minRate =
    scenario.target?.minSavingsRate === undefined
      ? undefined
      : fromDecimal(scenario.target.minSavingsRate)
  const members: MemberAllocation[] = scenario.members.map((m, i) => {
    const shareTotal = Number(totals[i]!)
    const adjustment = adjustments[i]
    const total = adjustment === undefined ? shareTotal : Number(totals[i]! + adjustment)
    const out: MemberAllocation = { code: m.code, name: m.name, total, shares: shares[i]! }
    if (adjustment !== undefined) out.adjustments = Number(adjustment)
    if (m.standaloneCost !== undefined && m.standaloneCost > 0) {
      out.standaloneCost = m.standaloneCost
      // this year's cost: Σ shares, adjustments left out
      out.savingsRate = (m.standaloneCost - shareTotal) / m.standaloneCost
      if (minRate !== undefined)
        out.meetsTarget = meetsTarget(m.standaloneCost, shareTotal, minRate)
    }
    return out
  })
  const total = members.reduce((a, m) => a + m.total, 0)
  return {
    ok: true,
    value: {
      output: { total, members, costs },
      workings,
      adjustments: scenario.adjustments ?? [],
    },
  }
}

/** Participants in input order; the same subset yields the same array (so driver columns are shared). */
function participantList(
  scenario: Scenario,
  codes: readonly string[] | undefined,
  subsets: Map<string, Member[]>,
): Member[] {
  if (!codes) return scenario.members
  const wanted = new Set(codes)
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
  rounding: ResolvedRounding,
  cache: WeightingCache,
): CostWorking {
  const amount = BigInt(cost.amount) - sumDeductions(cost)
  const unit = BigInt(rounding.unit)
  const { denominator, weights } = weighting(participants, columns, cache)
  const numerators = weights.map((g) => amount * g)
  const outcome = largestRemainder({
    amount,
    unit,
    numerators,
    denominator,
    codes: participants.map((m) => m.code),
  })
  const shares = outcome.steps.map((s) => s.share)
  const split: SplitWorking = {
    path: `costs[${costIndex}]`,
    weight: rat(1),
    exactAmount: rat(amount),
    amount,
    participants,
    columns,
    numerators,
    denominator,
    rounding,
    remainder: outcome,
    shares,
  }
  return {
    cost,
    costIndex,
    participants,
    columns,
    numerators,
    denominator,
    unit,
    rounding: outcome,
    deductions: BigInt(cost.amount) - amount,
    net: amount,
    splits: [split],
    shares,
  }
}

const sumDeductions = (cost: CostItem): bigint =>
  cost.deductions === undefined ? 0n : BigInt(cost.amount) - netAmount(cost)

interface CompositeContext {
  traffic: TrafficAggregate | undefined
  cache: DriverCache
  weightings: WeightingCache
  subsets: Map<string, Member[]>
}

/** Part amounts: net × w_p rounded to the item's unit by largest remainder among the parts (ties by part order). */
function partAmounts(net: bigint, unit: bigint, plans: readonly SplitPlan[]): bigint[] {
  if (plans.length === 1) return [net]
  let denominator = 1n
  for (const p of plans) denominator = lcm(denominator, p.weight.d)
  const numerators = plans.map((p) => net * p.weight.n * (denominator / p.weight.d))
  const width = String(plans.length).length
  const outcome = largestRemainder({
    amount: net,
    unit,
    numerators,
    denominator,
    codes: plans.map((_, k) => String(k).padStart(width, '0')),
  })
  return outcome.steps.map((s) => s.share)
}

/** Where a split is named in messages: the cost id, and the part when there is one. */
const splitLabel = (cost: CostItem, plan: SplitPlan) =>
  plan.part === undefined
    ? `費目 "${cost.id}"`
    : `費目 "${cost.id}" の parts[${plan.part}]${plan.name ? `（${plan.name}）` : ''}`

/** A cost item with parts, a perPart rule or a method other than largestRemainder. */
function splitComposite(
  scenario: Scenario,
  cost: CostItem,
  costIndex: number,
  participants: Member[],
  rounding: ResolvedRounding,
  ctx: CompositeContext,
): Result<CostWorking> {
  const deductions = sumDeductions(cost)
  const net = BigInt(cost.amount) - deductions
  const unit = BigInt(rounding.unit)
  const plans = splitPlans(scenario, cost, costIndex, rounding)
  const amounts = partAmounts(net, unit, plans)
  const position = new Map(participants.map((m, i) => [m.code, i]))
  const splits: SplitWorking[] = []
  const columns: DriverColumn[] = []
  const issues: InputIssue[] = []
  plans.forEach((plan, k) => {
    const amount = amounts[k]!
    if (amount === 0n) return // a part of amount 0 is skipped
    const members =
      plan.members === undefined
        ? participants
        : participantList(scenario, plan.members, ctx.subsets)
    const drivers = evaluateDrivers(
      cost,
      costIndex,
      members,
      ctx.traffic,
      ctx.cache,
      plan.rule,
      plan.rulePath,
    )
    if (!drivers.ok) {
      issues.push({ path: drivers.path, message: drivers.message })
      return
    }
    const { denominator, weights } = weighting(members, drivers.columns, ctx.weightings)
    const numerators = weights.map((g) => amount * g)
    const codes = members.map((m) => m.code)
    const r = plan.rounding
    const split: SplitWorking = {
      ...(plan.part === undefined ? {} : { part: plan.part }),
      ...(plan.name === undefined ? {} : { name: plan.name }),
      path: plan.path,
      weight: plan.weight,
      exactAmount: mul(rat(net), plan.weight),
      amount,
      participants: members,
      columns: drivers.columns,
      numerators,
      denominator,
      rounding: r,
      shares: [],
    }
    if (r.method === 'largestRemainder') {
      split.remainder = largestRemainder({
        amount,
        unit: BigInt(r.unit),
        numerators,
        denominator,
        codes,
      })
      split.shares = split.remainder.steps.map((s) => s.share)
    } else {
      const outcome = adjustedRounding({
        method: r.method,
        amount,
        unit: BigInt(r.unit),
        numerators,
        denominator,
        codes,
        adjuster: r.adjuster ?? 'largestShare',
        priceDecimals: r.priceDecimals,
        ...(drivers.columns.length === 1 ? { driver: drivers.columns[0]! } : {}),
      })
      if (!outcome.ok) {
        issues.push({
          path: r.from.adjuster ?? `${plan.path}.rounding.adjuster`,
          message: `${splitLabel(cost, plan)}: 調整団体 ${outcome.adjusterCode} の負担額が ${outcome.share} 円と負になります (the adjuster would pay less than 0)`,
        })
        return
      }
      split.adjusted = outcome.value
      split.shares = outcome.value.shares
    }
    for (const c of drivers.columns) columns.push({ ...c, weight: mul(c.weight, plan.weight) })
    splits.push(split)
  })
  if (issues.length) return { ok: false, issues }

  // exact item shares: Σ over the splits over one common denominator, worked out only when asked for
  // (explanations, fairness): the allocation itself needs only the splits.
  let exact: { numerators: bigint[]; denominator: bigint } | undefined
  const exactShares = () => {
    if (exact) return exact
    let denominator = 1n
    for (const sp of splits) denominator = lcm(denominator, sp.denominator)
    const numerators = new Array<bigint>(participants.length).fill(0n)
    for (const sp of splits) {
      const f = denominator / sp.denominator
      for (let i = 0; i < sp.participants.length; i++) {
        const at = sp.participants === participants ? i : position.get(sp.participants[i]!.code)!
        numerators[at] = numerators[at]! + sp.numerators[i]! * f
      }
    }
    return (exact = { numerators, denominator })
  }
  // A member's share of the item is the sum of its parts: start from a split over every participant
  // (its shares as they are when it is the only split), then add the others.
  const whole = splits.find((sp) => sp.participants === participants)
  let shares: bigint[]
  if (whole && splits.length === 1) shares = whole.shares
  else {
    shares = whole ? whole.shares.slice() : new Array<bigint>(participants.length).fill(0n)
    for (const sp of splits) {
      if (sp === whole) continue
      for (let i = 0; i < sp.participants.length; i++) {
        const at = sp.participants === participants ? i : position.get(sp.participants[i]!.code)!
        shares[at] = shares[at]! + sp.shares[i]!
      }
    }
  }
  // steps that carry only the final shares, for readers of `rounding` (built when asked for)
  let steps: RoundingOutcome['steps'] | undefined
  const finalSteps = () =>
    (steps ??= shares.map((share) => ({
      floor: share,
      remainder: 0n,
      rank: 0,
      unitsAdded: 0,
      yenAdded: 0n,
      share,
    })))
  return {
    ok: true,
    value: {
      cost,
      costIndex,
      participants,
      columns,
      get numerators() {
        return exactShares().numerators
      },
      get denominator() {
        return exactShares().denominator
      },
      unit,
      rounding: {
        get steps() {
          return finalSteps()
        },
        unitsHandedOut: 0n,
        leftoverYen: 0n,
      },
      deductions,
      net,
      splits,
      shares,
    },
  }
}
