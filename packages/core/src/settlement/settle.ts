/**
 * 精算 (settlement, ordinance-rules.md §6): the 予算 (budget) split has been paid; the 決算 (actual) split is
 * computed on actual costs and drivers; the difference per member (精算額) is carried into the next year as an
 * adjustment. Adjustments of either file are left out: they settle earlier years.
 */
import { allocate, type AllocateOptions, type AllocationOutput } from '../allocation/allocate'
import { formatFiscalYear } from '../format/ja'
import type { InputIssue, Result } from '../scenario/issues'
import type { Adjustment, Scenario } from '../scenario/schema'

export interface SettlementAmounts {
  /** Σ shares in the budget */
  budget: number
  /** Σ shares in the actual */
  actual: number
  /** actual − budget: positive, the member pays more; negative, a refund */
  settlement: number
}

export interface MemberSettlement extends SettlementAmounts {
  code: string
  name: string
  /** every cost id of either file (a cost missing from one file counts 0 there) */
  costs: Record<string, SettlementAmounts>
}

/** The JSON of `warikan settle --format json`. */
export interface Settlement {
  fiscalYear: number
  members: MemberSettlement[]
  total: SettlementAmounts
}

/** One side of a settlement: a scenario and its allocation. */
export interface SettlementSide {
  scenario: Scenario
  output: AllocationOutput
}

const amounts = (budget: number, actual: number): SettlementAmounts => ({
  budget,
  actual,
  settlement: actual - budget,
})

/** Why two scenarios cannot be settled against each other: consortium, fiscal year or member codes. */
export function settlementMismatch(budget: Scenario, actual: Scenario): InputIssue[] {
  const issues: InputIssue[] = []
  if (budget.consortium.name !== actual.consortium.name)
    issues.push({
      path: 'consortium.name',
      message: `予算と決算で組合が違います: 予算 "${budget.consortium.name}"、決算 "${actual.consortium.name}" (different consortia)`,
    })
  if (budget.consortium.fiscalYear !== actual.consortium.fiscalYear)
    issues.push({
      path: 'consortium.fiscalYear',
      message: `予算と決算で年度が違います: 予算 ${formatFiscalYear(budget.consortium.fiscalYear)} (${budget.consortium.fiscalYear})、決算 ${formatFiscalYear(actual.consortium.fiscalYear)} (${actual.consortium.fiscalYear}) (different fiscal years)`,
    })
  const inBudget = new Set(budget.members.map((m) => m.code))
  const inActual = new Set(actual.members.map((m) => m.code))
  const onlyBudget = budget.members.filter((m) => !inActual.has(m.code))
  const onlyActual = actual.members.filter((m) => !inBudget.has(m.code))
  const list = (ms: Scenario['members']) => ms.map((m) => `${m.code} ${m.name}`).join('、')
  if (onlyBudget.length || onlyActual.length)
    issues.push({
      path: 'members',
      message: `予算と決算で団体が違います${onlyBudget.length ? `: 決算にない団体 ${list(onlyBudget)}` : ''}${onlyActual.length ? `${onlyBudget.length ? '、' : ': '}予算にない団体 ${list(onlyActual)}` : ''} (member codes differ)`,
    })
  return issues
}

/** Settle two allocated scenarios of the same consortium, fiscal year and members. */
export function settle(budget: SettlementSide, actual: SettlementSide): Result<Settlement> {
  const issues = settlementMismatch(budget.scenario, actual.scenario)
  if (issues.length) return { ok: false, issues }
  const costIds = [...actual.scenario.costs.map((c) => c.id)]
  const known = new Set(costIds)
  for (const c of budget.scenario.costs) if (!known.has(c.id)) costIds.push(c.id)
  const budgetRows = new Map(budget.output.members.map((m) => [m.code, m]))
  const total = { budget: 0, actual: 0 }
  const members = actual.output.members.map((a): MemberSettlement => {
    const b = budgetRows.get(a.code)!
    const costs: Record<string, SettlementAmounts> = {}
    let budgetSum = 0
    let actualSum = 0
    for (const id of costIds) {
      const bs = Object.hasOwn(b.shares, id) ? b.shares[id]! : 0
      const as = Object.hasOwn(a.shares, id) ? a.shares[id]! : 0
      costs[id] = amounts(bs, as)
      budgetSum += bs
      actualSum += as
    }
    total.budget += budgetSum
    total.actual += actualSum
    return { code: a.code, name: a.name, ...amounts(budgetSum, actualSum), costs }
  })
  return {
    ok: true,
    value: {
      fiscalYear: actual.scenario.consortium.fiscalYear,
      members,
      total: amounts(total.budget, total.actual),
    },
  }
}

export interface SettleScenarioOptions {
  budget?: AllocateOptions
  actual?: AllocateOptions
}

/**
 * Allocate both scenarios and settle them. Issues carry `budget.` / `actual.` before the field path when they
 * belong to one file; a mismatch between the files has the plain path.
 */
export function settleScenarios(
  budget: Scenario,
  actual: Scenario,
  options: SettleScenarioOptions = {},
): Result<Settlement> {
  const mismatch = settlementMismatch(budget, actual)
  if (mismatch.length) return { ok: false, issues: mismatch }
  const b = allocate(budget, options.budget)
  const a = allocate(actual, options.actual)
  const issues = [
    ...(b.ok ? [] : b.issues.map((i) => ({ ...i, path: `budget.${i.path}` }))),
    ...(a.ok ? [] : a.issues.map((i) => ({ ...i, path: `actual.${i.path}` }))),
  ]
  if (!a.ok || !b.ok) return { ok: false, issues }
  return settle(
    { scenario: budget, output: b.value.output },
    { scenario: actual, output: a.value.output },
  )
}

/** The reason written on a carried-over settlement: 令和N年度精算額 (N the settled year). */
export const settlementReason = (fiscalYear: number): string =>
  `${formatFiscalYear(fiscalYear)}精算額`

/**
 * The settlement as next year's adjustments: one per member whose settlement ≠ 0, in the settlement's
 * member order.
 */
export const settlementAdjustments = (settlement: Settlement): Adjustment[] =>
  settlement.members
    .filter((m) => m.settlement !== 0)
    .map((m) => ({
      code: m.code,
      amount: m.settlement,
      reason: settlementReason(settlement.fiscalYear),
    }))

/**
 * Next year's scenario document with the settlement appended to its adjustments (the document is kept as
 * written otherwise). Members missing from the next year's file are an error: their 精算額 has nowhere to go.
 */
export function withSettlement(
  next: Record<string, unknown>,
  nextScenario: Scenario,
  settlement: Settlement,
): Result<Record<string, unknown>> {
  const codes = new Set(nextScenario.members.map((m) => m.code))
  const adjustments = settlementAdjustments(settlement)
  const missing = adjustments.filter((a) => !codes.has(a.code))
  if (missing.length)
    return {
      ok: false,
      issues: missing.map((a) => ({
        path: 'members',
        message: `精算額のある団体 ${a.code} が次年度シナリオにありません (member with a settlement is missing from the next year's scenario)`,
      })),
    }
  const existing = Array.isArray(next['adjustments']) ? (next['adjustments'] as unknown[]) : []
  return { ok: true, value: { ...next, adjustments: [...existing, ...adjustments] } }
}
