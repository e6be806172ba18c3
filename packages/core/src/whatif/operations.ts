/**
 * Scenario operations for what-if questions (もしも分析): add or remove a member, change a population, change
 * a cost item's rule. Each returns a new, re-validated scenario (the input is not changed).
 */
import { add, fromDecimal, toFractionString, ZERO, sub, ONE, div, type Rational } from '../rational'
import { parseScenario, type Result, type Scenario, type ScenarioInput } from '../scenario'

export type ScenarioOperation =
  | { op: 'addMember'; member: ScenarioInput['members'][number] }
  | { op: 'removeMember'; code: string }
  | { op: 'setPopulation'; code: string; population: number }
  | { op: 'setRule'; costId: string; rule: unknown }

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

export function applyOperation(scenario: Scenario, operation: ScenarioOperation): Result<Scenario> {
  const raw = clone(scenario) as unknown as Record<string, unknown> & {
    members: Array<Record<string, unknown>>
    costs: Array<Record<string, unknown> & { members?: string[]; rule: Record<string, unknown> }>
  }
  const missing = (path: string, message: string): Result<Scenario> => ({
    ok: false,
    issues: [{ path, message }],
  })
  switch (operation.op) {
    case 'addMember':
      // joins every cost item shared by all members; items with an explicit participant list are unchanged
      raw.members.push(clone(operation.member) as Record<string, unknown>)
      break
    case 'removeMember': {
      const code = operation.code
      if (!raw.members.some((m) => m.code === code))
        return missing('members', `団体コード ${code} はシナリオにありません (unknown member)`)
      raw.members = raw.members.filter((m) => m.code !== code)
      for (const c of raw.costs) {
        if (c.members) c.members = c.members.filter((m) => m !== code)
        const fixed = c.rule.fixed as Record<string, number | string> | undefined
        if (fixed && fixed[code] !== undefined) c.rule.fixed = renormalise(fixed, code)
      }
      raw.costs = raw.costs.filter((c) => !c.members || c.members.length > 0)
      const model = raw.coalitionModel as
        { components?: Array<Record<string, unknown>> } | undefined
      for (const comp of model?.components ?? []) {
        if (Array.isArray(comp.members)) comp.members = comp.members.filter((m) => m !== code)
        if (comp.needs && typeof comp.needs === 'object')
          delete (comp.needs as Record<string, unknown>)[code]
      }
      break
    }
    case 'setPopulation': {
      const m = raw.members.find((x) => x.code === operation.code)
      if (!m)
        return missing(
          'members',
          `団体コード ${operation.code} はシナリオにありません (unknown member)`,
        )
      m.population = operation.population
      break
    }
    case 'setRule': {
      const c = raw.costs.find((x) => x.id === operation.costId)
      if (!c)
        return missing(
          'costs',
          `費目ID "${operation.costId}" はシナリオにありません (unknown cost id)`,
        )
      c.rule = operation.rule as Record<string, unknown>
      break
    }
  }
  return parseScenario(raw)
}

/** A fixed-share rule without one member: the others' shares scaled up exactly to sum to 1. */
function renormalise(fixed: Record<string, number | string>, code: string): Record<string, string> {
  const removed = fromDecimal(fixed[code]!)
  const rest: Rational = sub(ONE, removed)
  const out: Record<string, string> = {}
  let total: Rational = ZERO
  for (const [k, v] of Object.entries(fixed)) {
    if (k === code) continue
    const share = rest.n === 0n ? ZERO : div(fromDecimal(v), rest)
    total = add(total, share)
    out[k] = toFractionString(share)
  }
  return out
}

export function applyOperations(
  scenario: Scenario,
  operations: readonly ScenarioOperation[],
): Result<Scenario> {
  let current: Result<Scenario> = { ok: true, value: scenario }
  for (const op of operations) {
    if (!current.ok) return current
    current = applyOperation(current.value, op)
  }
  return current
}
