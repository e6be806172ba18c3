/**
 * 規約の算定方式 (ordinance-rules.md): how a cost item's rounding is resolved level by level, how an item is
 * cut into splits (its parts, the per-driver parts of `perPart`, or the whole item), and member classes for
 * class-weighted 均等割. Shared by the validator and the allocation engine so both read a scenario alike.
 */
import { fromDecimal, ONE, type Rational } from '../rational'
import type {
  CostItem,
  Member,
  Rounding,
  RoundingMethod,
  RoundingUnit,
  Rule,
  Scenario,
} from './schema'

/** Rounding after the scenario → item → part levels are merged field by field. */
export interface ResolvedRounding {
  unit: RoundingUnit
  method: RoundingMethod
  adjuster?: string
  priceDecimals: number
  perPart: boolean
  /** field path of the level each field was taken from (absent: the default) */
  from: Partial<Record<keyof Rounding, string>>
}

const DEFAULT_ROUNDING: ResolvedRounding = {
  unit: 1,
  method: 'largestRemainder',
  priceDecimals: 0,
  perPart: false,
  from: {},
}

/** Merge rounding levels (scenario first, then item, then part); later levels override field by field. */
export function resolveRounding(
  levels: ReadonlyArray<{ rounding: Rounding | undefined; path: string }>,
): ResolvedRounding {
  let out = DEFAULT_ROUNDING
  for (const { rounding, path } of levels) {
    if (!rounding) continue
    const next: ResolvedRounding = { ...out, from: { ...out.from } }
    if (rounding.unit !== undefined) {
      next.unit = rounding.unit
      next.from.unit = `${path}.unit`
    }
    if (rounding.method !== undefined) {
      next.method = rounding.method
      next.from.method = `${path}.method`
    }
    if (rounding.adjuster !== undefined) {
      next.adjuster = rounding.adjuster
      next.from.adjuster = `${path}.adjuster`
    }
    if (rounding.priceDecimals !== undefined) {
      next.priceDecimals = rounding.priceDecimals
      next.from.priceDecimals = `${path}.priceDecimals`
    }
    if (rounding.perPart !== undefined) {
      next.perPart = rounding.perPart
      next.from.perPart = `${path}.perPart`
    }
    out = next
  }
  return out
}

/** The item's rounding: scenario level, then the item's own. */
export const itemRounding = (scenario: Scenario, cost: CostItem, costIndex: number) =>
  resolveRounding([
    { rounding: scenario.rounding, path: 'rounding' },
    { rounding: cost.rounding, path: `costs[${costIndex}].rounding` },
  ])

/** One split of a cost item: the whole item, one of its `parts`, or one driver of a `perPart` rule. */
export interface SplitPlan {
  /** index in `cost.parts` (explicit parts only) */
  part?: number
  /** the part's name, or the driver's Japanese name for a perPart split */
  name?: string
  /** share of the item's net amount (1 for the whole item) */
  weight: Rational
  /** participant codes; undefined: the item's participants */
  members?: readonly string[]
  rule: Rule
  rounding: ResolvedRounding
  /** field path of the split (`costs[3]` or `costs[3].parts[1]`) */
  path: string
  /** field path of its rule */
  rulePath: string
}

/** Driver order of a perPart expansion, with the names shown in explanations. */
const PER_PART_LABELS = {
  equal: '均等割',
  population: '人口割',
  scaledPopulation: '人口割（逓減）',
  traffic: '利用実績割',
  metric: '指標割',
} as const

/** The weight of a rule's `equal` driver, whether a number or `{weight, classes}`. */
export const equalWeight = (rule: Rule): Rational =>
  rule.equal === undefined
    ? { n: 0n, d: 1n }
    : fromDecimal(typeof rule.equal === 'object' ? rule.equal.weight : rule.equal)

const positive = (value: Rational) => value.n > 0n

/** The rule's drivers with positive weight as one-driver rules, in the perPart order. */
export function perDriverRules(rule: Rule): Array<{ name: string; weight: Rational; rule: Rule }> {
  if (rule.fixed !== undefined) return []
  const out: Array<{ name: string; weight: Rational; rule: Rule }> = []
  if (rule.equal !== undefined && positive(equalWeight(rule))) {
    const one: Rule['equal'] =
      typeof rule.equal === 'object' ? { weight: 1, classes: rule.equal.classes } : 1
    out.push({ name: PER_PART_LABELS.equal, weight: equalWeight(rule), rule: { equal: one } })
  }
  if (rule.population !== undefined && positive(fromDecimal(rule.population)))
    out.push({
      name: PER_PART_LABELS.population,
      weight: fromDecimal(rule.population),
      rule: { population: 1 },
    })
  if (rule.scaledPopulation !== undefined && positive(fromDecimal(rule.scaledPopulation.weight)))
    out.push({
      name: PER_PART_LABELS.scaledPopulation,
      weight: fromDecimal(rule.scaledPopulation.weight),
      rule: { scaledPopulation: { weight: 1, exponent: rule.scaledPopulation.exponent } },
    })
  if (rule.traffic !== undefined && positive(fromDecimal(rule.traffic)))
    out.push({
      name: PER_PART_LABELS.traffic,
      weight: fromDecimal(rule.traffic),
      rule: { traffic: 1 },
    })
  const metrics =
    rule.metric === undefined ? [] : Array.isArray(rule.metric) ? rule.metric : [rule.metric]
  for (const m of metrics)
    if (positive(fromDecimal(m.weight)))
      out.push({
        name: `${PER_PART_LABELS.metric}(${m.name})`,
        weight: fromDecimal(m.weight),
        rule: { metric: { name: m.name, weight: 1 } },
      })
  return out
}

/** Whether the split's rule has exactly one driver (of weight 1), as `unitPrice` needs. */
export const isSingleDriver = (rule: Rule): boolean =>
  rule.fixed !== undefined || perDriverRules(rule).length === 1

/**
 * The splits of a cost item: its parts, the per-driver parts of an effective `perPart`, or the item itself
 * (one split of weight 1).
 */
export function splitPlans(
  scenario: Scenario,
  cost: CostItem,
  costIndex: number,
  rounding: ResolvedRounding = itemRounding(scenario, cost, costIndex),
): SplitPlan[] {
  const at = `costs[${costIndex}]`
  if (cost.parts) {
    return cost.parts.map((p, k) => ({
      part: k,
      ...(p.name === undefined ? {} : { name: p.name }),
      weight: fromDecimal(p.weight),
      ...(p.members === undefined ? {} : { members: p.members }),
      rule: p.rule,
      rounding: resolveRounding([
        { rounding: scenario.rounding, path: 'rounding' },
        { rounding: cost.rounding, path: `${at}.rounding` },
        { rounding: p.rounding, path: `${at}.parts[${k}].rounding` },
      ]),
      path: `${at}.parts[${k}]`,
      rulePath: `${at}.parts[${k}].rule`,
    }))
  }
  const rule = cost.rule ?? {}
  if (rounding.perPart) {
    const drivers = perDriverRules(rule)
    if (drivers.length > 1)
      return drivers.map((d) => ({
        name: d.name,
        weight: d.weight,
        rule: d.rule,
        rounding,
        path: at,
        rulePath: `${at}.rule`,
      }))
  }
  return [{ weight: ONE, rule, rounding, path: at, rulePath: `${at}.rule` }]
}

const CLASS_SUFFIXES = new Set(['市', '町', '村', '区'])

/** A member's class for class-weighted 均等割: `kind`, else the name's last character if 市/町/村/区. */
export function memberClass(member: Member): string | undefined {
  if (member.kind !== undefined) return member.kind
  const last = member.name.at(-1)
  return last !== undefined && CLASS_SUFFIXES.has(last) ? last : undefined
}

/** The factor of a member's class, or undefined when its class is missing from `classes`. */
export function classFactor(
  classes: Readonly<Record<string, number | string>>,
  member: Member,
): Rational | undefined {
  const kind = memberClass(member)
  if (kind === undefined || !Object.hasOwn(classes, kind)) return undefined
  return fromDecimal(classes[kind]!)
}

/** Net amount of a cost item: amount − Σ deductions (特定財源の控除). */
export const netAmount = (cost: CostItem): bigint =>
  BigInt(cost.amount) - (cost.deductions ?? []).reduce((a, d) => a + BigInt(d.amount), 0n)
