/** 精算 over the API: two stored scenarios (allocated through the cache, with their stored traffic) or two bodies. */
import {
  parseScenario,
  allocate,
  settle,
  type InputIssue,
  type Result,
  type Settlement,
  type SettlementSide,
} from '@warikan/core'

/** A scenario body as one side of a settlement; issues carry the body field first (`budget.costs[0]…`). */
export function documentSide(
  document: unknown,
  field: 'budget' | 'actual',
): Result<SettlementSide> {
  const prefix = (issues: InputIssue[]) => issues.map((i) => ({ ...i, path: `${field}.${i.path}` }))
  const parsed = parseScenario(document)
  if (!parsed.ok) return { ok: false, issues: prefix(parsed.issues) }
  const result = allocate(parsed.value)
  if (!result.ok) return { ok: false, issues: prefix(result.issues) }
  return { ok: true, value: { scenario: parsed.value, output: result.value.output } }
}

/** Settle two sides, or every problem of either. */
export function settleSides(
  budget: Result<SettlementSide>,
  actual: Result<SettlementSide>,
): Result<Settlement> {
  const issues = [...(budget.ok ? [] : budget.issues), ...(actual.ok ? [] : actual.issues)]
  if (!budget.ok || !actual.ok) return { ok: false, issues }
  return settle(budget.value, actual.value)
}
