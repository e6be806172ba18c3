/**
 * Expansion of a plan into the scenario of one fiscal year (plan-format.md, "Expansion to fiscal year y").
 * Pure and deterministic: the same plan, year and rates always give the same scenario document.
 */
import { formatFiscalYear } from '../format/ja'
import { floorDiv, fromDecimal, ONE, type Rational } from '../rational'
import { formatPath, type InputIssue, type Result } from '../scenario/issues'
import { planSchema, type Plan, type PlanDecimal } from './schema'
import {
  givenValues,
  growthFactor,
  mulUnreduced,
  roundHalfUp,
  valueInYear,
  type GivenValues,
} from './yearly-value'

/** "令和9年度 (2027)" */
export const planYearLabel = (year: number): string => `${formatFiscalYear(year)} (${year})`

export interface PlanOptions {
  /** `--rate USD=160`: replaces every year's rate of that currency (yen per unit). */
  rates?: Readonly<Record<string, PlanDecimal>>
}

/** A currency rate applied to an item in a year: `rateYear` is the year whose rate it is. */
export interface RateUse {
  currency: string
  rateYear: number
  rate: Rational
}

export interface PlanYear {
  fiscalYear: number
  /** The year's scenario as a scenario file (JSON value), not yet validated. */
  document: Record<string, unknown>
  /** Plan index of each member and cost item kept in the year (to report field paths of the plan). */
  memberIndex: number[]
  costIndex: number[]
  /** For each kept cost item with `members`: plan index of each kept participant in that list. */
  costMemberIndex: Array<number[] | undefined>
  rates: RateUse[]
}

/** A plan read once for many expansions (every year, every rate of a slider). */
export interface CompiledPlan {
  plan: Plan
  from: number
  to: number
  members: Array<{
    joins: number
    leaves: number
    population: GivenValues
    populationFactor: Rational
    standalone?: GivenValues
    standaloneFactor: Rational
  }>
  costs: Array<{
    from: number
    to: number
    amount: GivenValues
    factor: Rational
    amortize?: number
  }>
  rates: Map<string, GivenValues>
}

const PLAN_MEMBER_KEYS = new Set(['joins', 'leaves', 'populationGrowth', 'standaloneGrowth'])
const PLAN_COST_KEYS = new Set(['escalation', 'currency', 'from', 'to', 'amortize'])
const PLAN_TOP_KEYS = new Set(['$schema', 'plan', 'exchangeRates'])

const noValue = (year: number) =>
  `${planYearLabel(year)} の値がありません (no value for fiscal year ${year})`

/** Parse and check a plan (already JSON-decoded): shape and the checks that need no year. */
export function compilePlan(raw: unknown, options: PlanOptions = {}): Result<CompiledPlan> {
  const parsed = planSchema.safeParse(raw)
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    }
  }
  const plan = parsed.data
  const issues: InputIssue[] = []
  const push = (path: string, message: string) => issues.push({ path, message })
  const { from, to } = plan.plan
  const period = `${planYearLabel(from)}〜${planYearLabel(to)}`
  if (from > to) push('plan.to', `plan.from (${from}) より前です (the plan ends before it starts)`)
  if ('adjustments' in plan)
    push(
      'adjustments',
      `中期計画 (${period}) には adjustments (精算額) を書けません; 年度のシナリオに書いてください (adjustments are not allowed in a plan)`,
    )
  if ('fiscalYear' in plan.consortium)
    push(
      'consortium.fiscalYear',
      '計画では年度は plan.from〜plan.to です (a plan has no single fiscal year)',
    )
  for (const [key, value] of Object.entries(options.rates ?? {})) {
    try {
      if (fromDecimal(value).n <= 0n) throw new RangeError('not positive')
    } catch {
      push(`--rate ${key}`, `為替レートは正の数です (a rate must be a positive number): ${value}`)
    }
  }
  const codes = new Set(plan.members.map((m) => m.code))
  const members = plan.members.map((m, i) => {
    const joins = m.joins ?? from
    const leaves = m.leaves ?? Number.POSITIVE_INFINITY
    if (joins >= leaves)
      push(
        `members[${i}].leaves`,
        `加入年度 ${joins} 以後の年度です (leaves must come after joins ${joins})`,
      )
    return {
      joins,
      leaves,
      population: givenValues(m.population, from),
      populationFactor: growthFactor(m.populationGrowth),
      ...(m.standaloneCost === undefined
        ? {}
        : { standalone: givenValues(m.standaloneCost, from) }),
      standaloneFactor: growthFactor(m.standaloneGrowth),
    }
  })
  const costs = plan.costs.map((c, i) => {
    const at = `costs[${i}]`
    const costFrom = c.from ?? from
    if (c.amortize && c.to !== undefined)
      push(
        `${at}.to`,
        `${planYearLabel(c.to)}: amortize の費目には to を書けません; ${planYearLabel(costFrom)} から ${c.amortize.years} 年度です (to is not allowed with amortize)`,
      )
    const costTo = c.amortize ? costFrom + c.amortize.years - 1 : (c.to ?? to)
    if (!c.amortize && c.to !== undefined && costFrom > c.to)
      push(`${at}.to`, `from (${costFrom}) より前です (the item ends before it starts)`)
    c.members?.forEach((code, k) => {
      if (!codes.has(code))
        push(`${at}.members[${k}]`, `未登録の団体コード ${code} (unknown participant)`)
    })
    if (c.currency && c.currency !== 'JPY' && !options.rates?.[c.currency])
      if (!plan.exchangeRates?.[c.currency])
        push(
          `${at}.currency`,
          `exchangeRates.${c.currency} がありません (no exchange rate for ${c.currency}; give exchangeRates or --rate ${c.currency}=…)`,
        )
    return {
      from: costFrom,
      to: costTo,
      amount: givenValues(c.amount, costFrom),
      factor: growthFactor(c.escalation),
      ...(c.amortize ? { amortize: c.amortize.years } : {}),
    }
  })
  if (issues.length) return { ok: false, issues }
  const rates = new Map<string, GivenValues>()
  for (const [currency, value] of Object.entries(plan.exchangeRates ?? {}))
    rates.set(currency, givenValues(value, from))
  for (const [currency, value] of Object.entries(options.rates ?? {}))
    rates.set(currency, [[Number.NEGATIVE_INFINITY, fromDecimal(value)]])
  return { ok: true, value: { plan, from, to, members, costs, rates } }
}

export const planYears = (p: CompiledPlan): number[] =>
  Array.from({ length: p.to - p.from + 1 }, (_, k) => p.from + k)

export const memberPresent = (m: { joins: number; leaves: number }, year: number): boolean =>
  m.joins <= year && year < m.leaves

/** The scenario of fiscal year `year` (plan-format.md, steps 1–6 before validation). */
export function expandPlanYear(p: CompiledPlan, year: number): Result<PlanYear> {
  const { plan } = p
  const issues: InputIssue[] = []
  const push = (path: string, message: string) => issues.push({ path, message })
  const usedRates: RateUse[] = []

  const memberIndex: number[] = []
  const present = new Set<string>()
  const members: Array<Record<string, unknown>> = []
  plan.members.forEach((m, i) => {
    const c = p.members[i]!
    if (!memberPresent(c, year)) return
    memberIndex.push(i)
    present.add(m.code)
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(m)) {
      if (PLAN_MEMBER_KEYS.has(key)) continue
      if (key === 'population') {
        const exact = valueInYear(c.population, year, c.populationFactor)
        if (!exact) {
          push(`members[${i}].population`, noValue(year))
          continue
        }
        const population = roundHalfUp(exact)
        if (population < 1n)
          push(
            `members[${i}].population`,
            `${planYearLabel(year)}: 人口が 1 未満になります (population rounds to ${population})`,
          )
        out.population = Number(population)
      } else if (key === 'standaloneCost') {
        const exact = valueInYear(c.standalone!, year, c.standaloneFactor)
        if (!exact) {
          push(`members[${i}].standaloneCost`, noValue(year))
          continue
        }
        out.standaloneCost = safeYen(roundHalfUp(exact), `members[${i}].standaloneCost`, year, push)
      } else out[key] = value
    }
    members.push(out)
  })

  const costIndex: number[] = []
  const costMemberIndex: Array<number[] | undefined> = []
  const costs: Array<Record<string, unknown>> = []
  plan.costs.forEach((cost, i) => {
    const c = p.costs[i]!
    if (year < c.from || year > c.to) return
    const at = `costs[${i}]`
    const yen = costYen(p, i, year, push, usedRates)
    if (yen === undefined) return
    const out: Record<string, unknown> = {}
    let kept: number[] | undefined
    for (const [key, value] of Object.entries(cost)) {
      if (PLAN_COST_KEYS.has(key)) continue
      if (key === 'amount') out.amount = yen
      else if (key === 'members') {
        const list = (value as string[]).filter((code) => present.has(code))
        kept = []
        ;(value as string[]).forEach((code, k) => present.has(code) && kept!.push(k))
        if (list.length === 0)
          push(
            `${at}.members`,
            `${cost.id}: ${planYearLabel(year)} に参加団体がいません; to で費目を終えてください (no participant is a member in fiscal year ${year})`,
          )
        out.members = list
      } else out[key] = value
    }
    const fixed = (cost.rule as { fixed?: unknown } | undefined)?.fixed
    if (fixed && typeof fixed === 'object') {
      for (const code of Object.keys(fixed))
        if (!present.has(code))
          push(
            `${at}.rule.fixed.${code}`,
            `${cost.id}: ${code} は ${planYearLabel(year)} の構成団体ではありません; to で費目を終えるか parts を使ってください (fixed names a member absent in fiscal year ${year})`,
          )
    }
    costIndex.push(i)
    costMemberIndex.push(kept)
    costs.push(out)
  })
  if (issues.length) return { ok: false, issues }

  const document: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(plan)) {
    if (PLAN_TOP_KEYS.has(key)) continue
    if (key === 'consortium') document.consortium = { ...(value as object), fiscalYear: year }
    else if (key === 'members') document.members = members
    else if (key === 'costs') document.costs = costs
    else document[key] = value
  }
  return {
    ok: true,
    value: {
      fiscalYear: year,
      document,
      memberIndex,
      costIndex,
      costMemberIndex,
      rates: usedRates,
    },
  }
}

function safeYen(
  value: bigint,
  path: string,
  year: number,
  push: (path: string, message: string) => void,
): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER))
    push(path, `${planYearLabel(year)}: 金額が大きすぎます (amount ${value} is too large)`)
  return Number(value)
}

/** The yen amount of cost item i in `year` (rounded once), or undefined after pushing an issue. */
function costYen(
  p: CompiledPlan,
  i: number,
  year: number,
  push: (path: string, message: string) => void,
  usedRates: RateUse[],
): number | undefined {
  const cost = p.plan.costs[i]!
  const c = p.costs[i]!
  const at = `costs[${i}]`
  const valueYear = c.amortize ? c.from : year
  const exact = valueInYear(c.amount, valueYear, c.factor)
  if (!exact) {
    push(`${at}.amount`, noValue(valueYear))
    return undefined
  }
  let rate = ONE
  if (cost.currency && cost.currency !== 'JPY') {
    const given = p.rates.get(cost.currency)!
    const r = valueInYear(given, valueYear)
    if (!r) {
      push(`exchangeRates.${cost.currency}`, noValue(valueYear))
      return undefined
    }
    const first = given[0]![0]
    let rateYear = valueYear
    for (const [y] of given) if (y <= valueYear) rateYear = y
    usedRates.push({
      currency: cost.currency,
      rateYear: Number.isFinite(first) ? rateYear : valueYear,
      rate: r,
    })
    rate = r
  }
  const whole = roundHalfUp(mulUnreduced(exact, rate))
  let yen = whole
  if (c.amortize) {
    const n = BigInt(c.amortize)
    const k = BigInt(year - c.from)
    yen = floorDiv(whole * (k + 1n), n) - floorDiv(whole * k, n)
  }
  if (yen > BigInt(Number.MAX_SAFE_INTEGER)) {
    push(`${at}.amount`, `${planYearLabel(year)}: 金額が大きすぎます (amount ${yen} is too large)`)
    return undefined
  }
  return Number(yen)
}

/** The same plan at other rates (`--rate`, the web's rate slider) without reading it again. */
export function withRates(
  p: CompiledPlan,
  rates: Readonly<Record<string, PlanDecimal>>,
): CompiledPlan {
  const next = new Map(p.rates)
  for (const [currency, value] of Object.entries(rates))
    next.set(currency, [[Number.NEGATIVE_INFINITY, fromDecimal(value)]])
  return { ...p, rates: next }
}
