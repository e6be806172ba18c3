import { checkLocalGovCode } from '../codes'
import { ONE, add, eq, fromDecimal, toFractionString, ZERO, type Rational } from '../rational'
import { formatPath, type InputIssue, type Result } from './issues'
import {
  classFactor,
  equalWeight,
  isSingleDriver,
  itemRounding,
  netAmount,
  splitPlans,
  type ResolvedRounding,
  type SplitPlan,
} from './ordinance'
import { prototypeKeyIssues } from './prototype-names'
import { scenarioSchema, type CostItem, type Rule, type Scenario } from './schema'

/** Driver weights of a rule, read exactly. `fixed` is returned separately (it is a whole rule). */
export interface RuleWeights {
  equal: Rational
  population: Rational
  scaledPopulation: Rational
  traffic: Rational
  metrics: Array<{ name: string; weight: Rational }>
}

export function ruleWeights(rule: Rule | undefined): RuleWeights {
  if (rule === undefined)
    return { equal: ZERO, population: ZERO, scaledPopulation: ZERO, traffic: ZERO, metrics: [] }
  const metrics =
    rule.metric === undefined ? [] : Array.isArray(rule.metric) ? rule.metric : [rule.metric]
  return {
    equal: equalWeight(rule),
    population: rule.population === undefined ? ZERO : fromDecimal(rule.population),
    scaledPopulation:
      rule.scaledPopulation === undefined ? ZERO : fromDecimal(rule.scaledPopulation.weight),
    traffic: rule.traffic === undefined ? ZERO : fromDecimal(rule.traffic),
    metrics: metrics.map((m) => ({ name: m.name, weight: fromDecimal(m.weight) })),
  }
}

/**
 * Parse and validate a scenario (already JSON-decoded). Every problem is reported with its field path;
 * nothing is thrown for bad input.
 */
export function parseScenario(raw: unknown): Result<Scenario> {
  // before the schema: it drops an own `__proto__` key silently
  const reserved = prototypeKeyIssues(raw)
  if (reserved.length) return { ok: false, issues: reserved }
  const parsed = scenarioSchema.safeParse(raw)
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    }
  }
  const scenario = parsed.data
  const issues = crossCheck(scenario)
  return issues.length ? { ok: false, issues } : { ok: true, value: scenario }
}

type Push = (path: string, message: string) => void

function crossCheck(s: Scenario): InputIssue[] {
  const issues: InputIssue[] = []
  const seenIssues = new Set<string>()
  // A scenario-level rounding problem shows once, not once per cost item.
  const push: Push = (path, message) => {
    const key = `${path}\u0000${message}`
    if (seenIssues.has(key)) return
    seenIssues.add(key)
    issues.push({ path, message })
  }

  const codes = new Map<string, number>()
  s.members.forEach((m, i) => {
    const check = checkLocalGovCode(m.code)
    if (!check.ok) push(`members[${i}].code`, check.reason)
    const first = codes.get(m.code)
    if (first !== undefined)
      push(
        `members[${i}].code`,
        `団体コード ${m.code} が重複しています (duplicate code, first at members[${first}])`,
      )
    else codes.set(m.code, i)
  })

  // every amount is a safe integer; so must their sum be, or the consortium total loses yen
  const totalAmount = s.costs.reduce((sum, c) => sum + BigInt(c.amount), 0n)
  if (totalAmount > BigInt(Number.MAX_SAFE_INTEGER))
    push(
      'costs',
      `費目の合計 ${totalAmount} 円が 2^53−1 を超えます (sum of amounts beyond 2^53 − 1 is not exact)`,
    )

  const ids = new Map<string, number>()
  s.costs.forEach((c, ci) => {
    const at = `costs[${ci}]`
    const first = ids.get(c.id)
    if (first !== undefined)
      push(
        `${at}.id`,
        `費目ID "${c.id}" が重複しています (duplicate cost id, first at costs[${first}])`,
      )
    else ids.set(c.id, ci)

    if (c.members) checkMemberList(c.members, `${at}.members`, codes, undefined, push)
    const participants = new Set(c.members ?? s.members.map((m) => m.code))

    if (c.rule === undefined && c.parts === undefined) {
      push(`${at}.rule`, '按分方法 (rule) か parts が必要です (a cost item needs a rule or parts)')
      return
    }
    if (c.rule !== undefined && c.parts !== undefined) {
      push(
        `${at}.parts`,
        'rule と parts は同時に指定できません (give either rule or parts, not both)',
      )
      return
    }
    checkDeductions(c, at, push)
    const rounding = itemRounding(s, c, ci)
    if (c.parts) {
      const total = c.parts.reduce((acc, p) => add(acc, fromDecimal(p.weight)), ZERO)
      if (!eq(total, ONE))
        push(
          `${at}.parts`,
          `parts の weight の合計が1になりません: ${toFractionString(total)} (part weights must sum to exactly 1)`,
        )
      c.parts.forEach((p, k) => {
        if (p.members)
          checkMemberList(p.members, `${at}.parts[${k}].members`, codes, participants, push)
      })
    }
    for (const plan of splitPlans(s, c, ci, rounding)) {
      const members = new Set(
        plan.members?.filter((code) => participants.has(code)) ?? participants,
      )
      checkRule(s, c, plan.rulePath, plan.rule, members, push)
      checkClasses(s, c, plan, members, push)
      checkSplitRounding(c, plan, members, push)
    }
  })

  s.adjustments?.forEach((a, k) => {
    if (!codes.has(a.code))
      push(
        `adjustments[${k}].code`,
        `未登録の団体コード ${a.code} です (unknown member code in adjustments)`,
      )
  })
  return issues
}

/** A list of member codes: known, no duplicates, not empty, and (for a part) participants of the item. */
function checkMemberList(
  list: readonly string[],
  path: string,
  codes: ReadonlyMap<string, number>,
  itemParticipants: ReadonlySet<string> | undefined,
  push: Push,
) {
  if (list.length === 0) push(path, '参加団体が空です (no participants)')
  const seen = new Set<string>()
  list.forEach((code, k) => {
    if (!codes.has(code)) push(`${path}[${k}]`, `未登録の団体コード ${code} (unknown participant)`)
    else if (itemParticipants && !itemParticipants.has(code))
      push(
        `${path}[${k}]`,
        `${code} はこの費目の参加団体ではありません (not a participant of the cost item)`,
      )
    if (seen.has(code))
      push(`${path}[${k}]`, `団体コード ${code} が重複しています (duplicate participant)`)
    seen.add(code)
  })
}

function checkDeductions(c: CostItem, at: string, push: Push) {
  if (!c.deductions) return
  const net = netAmount(c)
  if (net < 0n)
    push(
      `${at}.deductions`,
      `費目 "${c.id}": 控除額の合計 ${c.amount - Number(net)} 円が金額 ${c.amount} 円を超えています (deductions exceed the amount)`,
    )
}

/** Where a split is named in messages: the cost id, and the part when there is one. */
const splitName = (c: CostItem, plan: SplitPlan) =>
  plan.part === undefined
    ? `費目 "${c.id}"`
    : `費目 "${c.id}" の parts[${plan.part}]${plan.name ? `（${plan.name}）` : ''}`

function checkSplitRounding(
  c: CostItem,
  plan: SplitPlan,
  members: ReadonlySet<string>,
  push: Push,
) {
  const r: ResolvedRounding = plan.rounding
  if (r.method === 'largestRemainder') return
  const methodPath = r.from.method ?? `${plan.path}.rounding.method`
  if (r.adjuster === undefined) {
    push(
      methodPath.replace(/\.method$/, '.adjuster'),
      `${splitName(c, plan)}: 端数処理 ${r.method} には調整団体 (adjuster) が必要です (adjuster required by method ${r.method})`,
    )
  } else if (r.adjuster !== 'largestShare' && !members.has(r.adjuster)) {
    push(
      r.from.adjuster ?? `${plan.path}.rounding.adjuster`,
      `${r.adjuster} はこの費目の参加団体ではありません (not a participant): ${splitName(c, plan)}`,
    )
  }
  if (r.method === 'unitPrice' && !isSingleDriver(plan.rule))
    push(
      methodPath,
      `${splitName(c, plan)}: 単価方式 (unitPrice) は按分方法が1つの場合だけ使えます。perPart: true か parts を指定してください (unitPrice needs a single driver; use perPart or parts)`,
    )
}

/** Class-weighted 均等割: every participant's class must have a factor. */
function checkClasses(
  s: Scenario,
  c: CostItem,
  plan: SplitPlan,
  members: ReadonlySet<string>,
  push: Push,
) {
  const equal = plan.rule.equal
  if (typeof equal !== 'object') return
  s.members.forEach((m, i) => {
    if (!members.has(m.code) || classFactor(equal.classes, m) !== undefined) return
    push(
      `${plan.rulePath}.equal.classes`,
      `${m.name} (${m.code}, members[${i}]) の区分${m.kind ?? ''}に係数がありません: ${splitName(c, plan)} (no factor for the member's class; set members[${i}].kind or add it to classes)`,
    )
  })
}

function checkRule(
  s: Scenario,
  c: CostItem,
  at: string,
  rule: Rule,
  participants: ReadonlySet<string>,
  push: Push,
) {
  const drivers = Object.keys(rule).filter((k) => rule[k as keyof Rule] !== undefined)
  if (drivers.length === 0) {
    push(at, '按分方法がありません (a rule needs at least one driver)')
    return
  }
  if (rule.fixed !== undefined) {
    if (drivers.length > 1) {
      push(
        `${at}.fixed`,
        'fixed は他の按分方法と組み合わせられません (fixed is a whole rule by itself)',
      )
      return
    }
    let total = ZERO
    for (const [code, share] of Object.entries(rule.fixed)) {
      if (!participants.has(code)) {
        push(
          `${at}.fixed.${code}`,
          `${code} はこの費目の参加団体ではありません (not a participant of this cost)`,
        )
      }
      total = add(total, fromDecimal(share))
    }
    if (!eq(total, ONE)) {
      push(
        `${at}.fixed`,
        `固定割合の合計が1になりません: ${toFractionString(total)} (shares must sum to exactly 1)`,
      )
    }
    return
  }
  const w = ruleWeights(rule)
  const total = [
    w.equal,
    w.population,
    w.scaledPopulation,
    w.traffic,
    ...w.metrics.map((m) => m.weight),
  ].reduce(add, ZERO)
  if (!eq(total, ONE)) {
    push(
      at,
      `重みの合計が1になりません: ${toFractionString(total)} (weights must sum to exactly 1)`,
    )
  }
  w.metrics.forEach((metric, k) => {
    const metricPath = Array.isArray(rule.metric) ? `${at}.metric[${k}]` : `${at}.metric`
    s.members.forEach((m, i) => {
      if (
        participants.has(m.code) &&
        (m.metrics === undefined || !Object.hasOwn(m.metrics, metric.name))
      ) {
        push(
          `members[${i}].metrics.${metric.name}`,
          `${m.name} (${m.code}) に指標 "${metric.name}" がありません (missing metric used by ${metricPath}, cost "${c.id}")`,
        )
      }
    })
  })
}
