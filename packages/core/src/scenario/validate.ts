import { checkLocalGovCode } from '../codes'
import { ONE, add, eq, fromDecimal, toFractionString, ZERO, type Rational } from '../rational'
import { formatPath, type InputIssue, type Result } from './issues'
import { scenarioSchema, type CostItem, type Rule, type Scenario } from './schema'

/** Driver weights of a rule, read exactly. `fixed` is returned separately (it is a whole rule). */
export interface RuleWeights {
  equal: Rational
  population: Rational
  scaledPopulation: Rational
  traffic: Rational
  metrics: Array<{ name: string; weight: Rational }>
}

export function ruleWeights(rule: Rule): RuleWeights {
  const metrics =
    rule.metric === undefined ? [] : Array.isArray(rule.metric) ? rule.metric : [rule.metric]
  return {
    equal: rule.equal === undefined ? ZERO : fromDecimal(rule.equal),
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

function crossCheck(s: Scenario): InputIssue[] {
  const issues: InputIssue[] = []
  const push = (path: string, message: string) => issues.push({ path, message })

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

    if (c.members) {
      if (c.members.length === 0) push(`${at}.members`, '参加団体が空です (no participants)')
      const seen = new Set<string>()
      c.members.forEach((code, k) => {
        if (!codes.has(code))
          push(`${at}.members[${k}]`, `未登録の団体コード ${code} (unknown participant)`)
        if (seen.has(code))
          push(`${at}.members[${k}]`, `団体コード ${code} が重複しています (duplicate participant)`)
        seen.add(code)
      })
    }
    const participants = new Set(c.members ?? s.members.map((m) => m.code))
    checkRule(s, c, at, participants, push)
  })
  return issues
}

function checkRule(
  s: Scenario,
  c: CostItem,
  at: string,
  participants: Set<string>,
  push: (path: string, message: string) => void,
) {
  const rule = c.rule
  const drivers = Object.keys(rule).filter((k) => rule[k as keyof Rule] !== undefined)
  if (drivers.length === 0) {
    push(`${at}.rule`, '按分方法がありません (a rule needs at least one driver)')
    return
  }
  if (rule.fixed !== undefined) {
    if (drivers.length > 1) {
      push(
        `${at}.rule.fixed`,
        'fixed は他の按分方法と組み合わせられません (fixed is a whole rule by itself)',
      )
      return
    }
    let total = ZERO
    for (const [code, share] of Object.entries(rule.fixed)) {
      if (!participants.has(code)) {
        push(
          `${at}.rule.fixed.${code}`,
          `${code} はこの費目の参加団体ではありません (not a participant of this cost)`,
        )
      }
      total = add(total, fromDecimal(share))
    }
    if (!eq(total, ONE)) {
      push(
        `${at}.rule.fixed`,
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
      `${at}.rule`,
      `重みの合計が1になりません: ${toFractionString(total)} (weights must sum to exactly 1)`,
    )
  }
  w.metrics.forEach((metric, k) => {
    const metricPath = Array.isArray(rule.metric) ? `${at}.rule.metric[${k}]` : `${at}.rule.metric`
    s.members.forEach((m, i) => {
      if (participants.has(m.code) && m.metrics?.[metric.name] === undefined) {
        push(
          `members[${i}].metrics.${metric.name}`,
          `${m.name} (${m.code}) に指標 "${metric.name}" がありません (missing metric used by ${metricPath})`,
        )
      }
    })
  })
}
