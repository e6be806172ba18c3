/**
 * Savings targets (削減率目標, seed 002 §3.5.2(5): "各団体最低2割"): who misses the target and by how much, the
 * exact interval of α for a two-driver mix that meets every target, and the smallest per-member adjustment
 * that meets every target with yen-exact sums.
 */
import { evaluateDrivers, type DriverColumn } from '../allocation/drivers'
import type { Allocation, AllocationOutput } from '../allocation/allocate'
import { largestRemainder } from '../allocation/rounding'
import type { TrafficAggregate } from '../allocation/traffic-driver'
import {
  add,
  cmp,
  div,
  floorDiv,
  fromDecimal,
  mul,
  rat,
  sub,
  ZERO,
  ONE,
  type Rational,
} from '../rational'
import type { CostItem, Rule, Scenario } from '../scenario/schema'
import { ruleWeights } from '../scenario/validate'

export interface TargetRow {
  code: string
  name: string
  /** the member's total as billed (rounded yen) */
  total: bigint
  standaloneCost?: bigint
  /** exact (standalone − total) / standalone */
  savingsRate?: Rational
  /** the most the member may pay and still meet the target: floor((1 − r)·standalone) */
  cap?: bigint
  meetsTarget?: boolean
  /** yen above the cap (0 when the target is met) */
  shortfall: bigint
  /** yen below the cap (0 when the target is missed) */
  slack: bigint
}

export interface TargetsReport {
  minSavingsRate: Rational
  rows: TargetRow[]
  /** codes of members missing the target */
  missing: string[]
  totalShortfall: bigint
  totalSlack: bigint
}

/**
 * Targets on the rounded yen (what a member is billed). Members without a positive standaloneCost have no
 * target and take no part in adjustments.
 */
export function targetsReport(
  scenario: Scenario,
  output: AllocationOutput,
): TargetsReport | undefined {
  const rate = scenario.target?.minSavingsRate
  if (rate === undefined) return undefined
  const r = fromDecimal(rate)
  const keep = sub(ONE, r)
  const rows = scenario.members.map((m, i): TargetRow => {
    const total = BigInt(output.members[i]!.total)
    if (!m.standaloneCost) return { code: m.code, name: m.name, total, shortfall: 0n, slack: 0n }
    const sc = BigInt(m.standaloneCost)
    const cap = floorDiv(keep.n * sc, keep.d)
    return {
      code: m.code,
      name: m.name,
      total,
      standaloneCost: sc,
      savingsRate: rat(sc - total, sc),
      cap,
      meetsTarget: total <= cap,
      shortfall: total > cap ? total - cap : 0n,
      slack: total < cap ? cap - total : 0n,
    }
  })
  return {
    minSavingsRate: r,
    rows,
    missing: rows.filter((x) => x.meetsTarget === false).map((x) => x.code),
    totalShortfall: rows.reduce((a, x) => a + x.shortfall, 0n),
    totalSlack: rows.reduce((a, x) => a + x.slack, 0n),
  }
}

export interface AdjustmentRow {
  code: string
  name: string
  before: bigint
  /** + pays more, − pays less */
  adjustment: bigint
  after: bigint
}

export type AdjustmentResult =
  | { kind: 'notNeeded' }
  | { kind: 'adjusted'; rows: AdjustmentRow[]; transferred: bigint }
  | { kind: 'infeasible'; shortfall: bigint; slack: bigint }

/**
 * The smallest adjustment meeting every target: each short member pays exactly its cap (a total transfer
 * equal to the total shortfall, the least possible), and the members with slack carry it in proportion to
 * their slack, rounded by largest remainder (ties by code) so the transfers sum to the yen. No member is
 * pushed past its own cap (its part is at most its slack).
 */
export function adjustToTargets(report: TargetsReport): AdjustmentResult {
  const d = report.totalShortfall
  if (d === 0n) return { kind: 'notNeeded' }
  const l = report.totalSlack
  if (d > l) return { kind: 'infeasible', shortfall: d, slack: l }
  const payers = report.rows.filter((x) => x.slack > 0n)
  const rounding = largestRemainder({
    amount: d,
    unit: 1n,
    numerators: payers.map((x) => d * x.slack),
    denominator: l,
    codes: payers.map((x) => x.code),
  })
  const extra = new Map(payers.map((x, k) => [x.code, rounding.steps[k]!.share]))
  const rows = report.rows.map((x) => {
    const adjustment = x.shortfall > 0n ? -x.shortfall : (extra.get(x.code) ?? 0n)
    return { code: x.code, name: x.name, before: x.total, adjustment, after: x.total + adjustment }
  })
  return { kind: 'adjusted', rows, transferred: d }
}

/** A driver as named on the command line: equal, population, scaledPopulation, metric:NAME. */
export type DriverName = string

/** The drivers a rule uses with positive weight, by name (metric drivers as metric:NAME). */
export function ruleDrivers(rule: Rule | undefined): DriverName[] {
  if (rule?.fixed !== undefined) return ['fixed']
  const w = ruleWeights(rule)
  const out: string[] = []
  if (w.equal.n > 0n) out.push('equal')
  if (w.population.n > 0n) out.push('population')
  if (w.scaledPopulation.n > 0n) out.push('scaledPopulation')
  if (w.traffic.n > 0n) out.push('traffic')
  for (const m of w.metrics) if (m.weight.n > 0n) out.push(`metric:${m.name}`)
  return out
}

const columnName = (c: DriverColumn): string => (c.key === 'metric' ? `metric:${c.detail}` : c.key)

export interface AlphaConstraint {
  code: string
  name: string
  /** exact unrounded total at α: a + b·α */
  a: Rational
  b: Rational
  /** (1 − r)·standaloneCost */
  cap: Rational
}

export type AlphaResult =
  | {
      kind: 'interval'
      drivers: [DriverName, DriverName]
      /** the cost items whose rule is replaced by α·first + (1 − α)·second */
      costIds: string[]
      /** current weight of the first driver per mixed item */
      current: Record<string, Rational>
      lo: Rational
      hi: Rational
      /** members whose target fixes the lower / upper end (absent when the end is 0 or 1) */
      lowerBinding?: string
      upperBinding?: string
      /** a narrower interval where even the rounded bills meet every target (absent when empty) */
      safe?: { lo: Rational; hi: Rational }
      constraints: AlphaConstraint[]
    }
  | {
      kind: 'none'
      drivers: [DriverName, DriverName]
      costIds: string[]
      /** the members whose targets cannot be met together (or one member no α helps) */
      binding: string[]
      reason: string
      constraints: AlphaConstraint[]
    }
  | { kind: 'error'; message: string }

/**
 * The exact interval of α ∈ [0, 1] for which every member meets its target when every cost item mixing
 * exactly the two named drivers is split α·first + (1 − α)·second (other items keep their rules).
 * Checked on the exact, unrounded shares: member i's total is a_i + b_i·α, and the target is
 * a_i + b_i·α ≤ (1 − r)·standalone_i. Rounding can move a bill up by less than one rounding unit per cost
 * item, so `safe` also gives the sub-interval where a_i + b_i·α + items_i·unit ≤ floor((1 − r)·standalone_i)
 * guarantees the rounded yen too.
 */
export function alphaInterval(
  scenario: Scenario,
  allocation: Allocation,
  drivers: [DriverName, DriverName],
  options: { traffic?: TrafficAggregate } = {},
): AlphaResult {
  const rate = scenario.target?.minSavingsRate
  if (rate === undefined)
    return { kind: 'error', message: 'target.minSavingsRate がありません (no savings target)' }
  const [first, second] = drivers
  if (first === second)
    return {
      kind: 'error',
      message: '異なる2つの按分方法を指定してください (two different drivers)',
    }
  const keep = sub(ONE, fromDecimal(rate))
  const unit = BigInt(scenario.rounding?.unit ?? 1)
  const index = new Map(scenario.members.map((m, i) => [m.code, i]))
  const n = scenario.members.length
  const a: Rational[] = new Array<Rational>(n).fill(ZERO)
  const b: Rational[] = new Array<Rational>(n).fill(ZERO)
  const items = new Array<bigint>(n).fill(0n)
  const costIds: string[] = []
  const current: Record<string, Rational> = {}
  for (const w of allocation.workings) {
    const used = ruleDrivers(w.cost.rule)
    const mixed = used.length === 2 && used.includes(first) && used.includes(second)
    w.participants.forEach((m) => (items[index.get(m.code)!]! += 1n))
    if (!mixed) {
      w.participants.forEach((m, k) => {
        const i = index.get(m.code)!
        a[i] = add(a[i]!, rat(w.numerators[k]!, w.denominator))
      })
      continue
    }
    costIds.push(w.cost.id)
    const cols = evaluateDrivers(
      halfRule(w.cost, first, second),
      w.costIndex,
      w.participants,
      options.traffic,
    )
    if (!cols.ok) return { kind: 'error', message: cols.message }
    const c1 = cols.columns.find((c) => columnName(c) === first)!
    const c2 = cols.columns.find((c) => columnName(c) === second)!
    current[w.cost.id] = c1Weight(w.columns, first)
    const amount = rat(w.cost.amount)
    w.participants.forEach((m, k) => {
      const i = index.get(m.code)!
      const s1 = div(mul(amount, c1.values[k]!), c1.total)
      const s2 = div(mul(amount, c2.values[k]!), c2.total)
      a[i] = add(a[i]!, s2)
      b[i] = add(b[i]!, sub(s1, s2))
    })
  }
  if (costIds.length === 0)
    return {
      kind: 'error',
      message: `${first} と ${second} だけを組み合わせた費目がありません (no cost item mixes exactly these two drivers)`,
    }
  const constraints: AlphaConstraint[] = []
  scenario.members.forEach((m, i) => {
    if (!m.standaloneCost) return
    constraints.push({
      code: m.code,
      name: m.name,
      a: a[i]!,
      b: b[i]!,
      cap: mul(keep, rat(m.standaloneCost)),
    })
  })
  const solve = (slackOf: (c: AlphaConstraint, i: number) => Rational) => {
    let lo = ZERO
    let hi = ONE
    let lowerBinding: string | undefined
    let upperBinding: string | undefined
    const hopeless: string[] = []
    constraints.forEach((c, k) => {
      const room = slackOf(c, k) // need b·α ≤ room
      const sign = cmp(c.b, ZERO)
      if (sign === 0) {
        if (cmp(room, ZERO) < 0) hopeless.push(c.code)
      } else if (sign > 0) {
        const bound = div(room, c.b)
        if (cmp(bound, hi) < 0) {
          hi = bound
          upperBinding = c.code
        }
      } else {
        const bound = div(room, c.b)
        if (cmp(bound, lo) > 0) {
          lo = bound
          lowerBinding = c.code
        }
      }
    })
    return { lo, hi, lowerBinding, upperBinding, hopeless }
  }
  const exact = solve((c) => sub(c.cap, c.a))
  const memberIndex = constraints.map((c) => index.get(c.code)!)
  const safe = solve((c, k) =>
    sub(rat(floorDiv(c.cap.n, c.cap.d) - items[memberIndex[k]!]! * unit), c.a),
  )
  if (exact.hopeless.length)
    return {
      kind: 'none',
      drivers,
      costIds,
      binding: exact.hopeless,
      reason: 'α によらず目標に届かない団体があります (these members miss the target for every α)',
      constraints,
    }
  if (cmp(exact.lo, exact.hi) > 0)
    return {
      kind: 'none',
      drivers,
      costIds,
      binding: [exact.lowerBinding, exact.upperBinding].filter((x): x is string => x !== undefined),
      reason: '下限が上限を超えます (the lower bound exceeds the upper bound)',
      constraints,
    }
  return {
    kind: 'interval',
    drivers,
    costIds,
    current,
    lo: exact.lo,
    hi: exact.hi,
    ...(exact.lowerBinding ? { lowerBinding: exact.lowerBinding } : {}),
    ...(exact.upperBinding ? { upperBinding: exact.upperBinding } : {}),
    ...(!safe.hopeless.length && cmp(safe.lo, safe.hi) <= 0
      ? { safe: { lo: safe.lo, hi: safe.hi } }
      : {}),
    constraints,
  }
}

function c1Weight(columns: DriverColumn[], first: DriverName): Rational {
  return columns.find((c) => columnName(c) === first)?.weight ?? ZERO
}

/** The same cost with its two drivers at weight 1/2 each (to read the driver columns). */
function halfRule(cost: CostItem, first: DriverName, second: DriverName): CostItem {
  const rule: Rule = {}
  for (const d of [first, second]) {
    if (d === 'equal') rule.equal = '1/2'
    else if (d === 'population') rule.population = '1/2'
    else if (d === 'traffic') rule.traffic = '1/2'
    else if (d === 'scaledPopulation')
      rule.scaledPopulation = { weight: '1/2', exponent: cost.rule!.scaledPopulation!.exponent }
    else if (d.startsWith('metric:')) {
      const entry = { name: d.slice(7), weight: '1/2' }
      rule.metric =
        rule.metric === undefined ? entry : [rule.metric as { name: string; weight: string }, entry]
    }
  }
  return { ...cost, rule }
}
