/**
 * A plan allocated year by year with the scenario engine (`allocate`, the same as `warikan allocate`), and the
 * period summary of plan-format.md: each member's burden by year, its total, and its saving against going alone.
 */
import { allocate, type Allocation, type AllocationOutput } from '../allocation/allocate'
import type { TrafficAggregate } from '../allocation/traffic-driver'
import type { InputIssue, Result } from '../scenario/issues'
import type { Scenario } from '../scenario/schema'
import { parseScenario } from '../scenario/validate'
import {
  compilePlan,
  expandPlanYear,
  planYearLabel,
  planYears,
  type CompiledPlan,
  type PlanOptions,
  type PlanYear,
  type RateUse,
} from './expand'

export interface PlanMemberSummary {
  code: string
  name: string
  /** the member's total in each year it is present */
  byYear: Record<string, number>
  total: number
  standaloneTotal?: number
  savingsRate?: number
}

export type PlanYearOutput = { fiscalYear: number } & AllocationOutput

/** The output of `warikan plan --format json`. */
export interface PlanOutput {
  from: number
  to: number
  years: PlanYearOutput[]
  members: PlanMemberSummary[]
  total: number
}

export interface PlanYearAllocation {
  fiscalYear: number
  scenario: Scenario
  allocation: Allocation
  rates: RateUse[]
}

export interface PlanAllocation {
  output: PlanOutput
  years: PlanYearAllocation[]
}

export interface PlanAllocateOptions extends PlanOptions {
  /** Every year gets the same traffic (`--traffic log.csv …`). */
  traffic?: TrafficAggregate
}

/** Field paths of a year's scenario, told in the plan's indexes: members[2] of 2027 may be members[3]. */
export function planPath(year: PlanYear, path: string): string {
  return path
    .replace(/^members\[(\d+)\]/, (_, i: string) => `members[${year.memberIndex[Number(i)]}]`)
    .replace(/^costs\[(\d+)\](\.members\[(\d+)\])?/, (_, j: string, tail?: string, k?: string) => {
      const at = `costs[${year.costIndex[Number(j)]}]`
      if (!tail) return at
      const kept = year.costMemberIndex[Number(j)]
      return `${at}.members[${kept?.[Number(k)] ?? k}]`
    })
}

/** Year y's scenario, validated exactly as a scenario file; issues carry the plan's paths and the year. */
export function planYearScenario(
  p: CompiledPlan,
  fiscalYear: number,
): Result<{ year: PlanYear; scenario: Scenario }> {
  const expanded = expandPlanYear(p, fiscalYear)
  if (!expanded.ok) return expanded
  const year = expanded.value
  const parsed = parseScenario(year.document)
  if (!parsed.ok) return { ok: false, issues: inYear(year, parsed.issues) }
  return { ok: true, value: { year, scenario: parsed.value } }
}

const inYear = (year: PlanYear, issues: InputIssue[]): InputIssue[] =>
  issues.map((i) => ({
    path: planPath(year, i.path),
    message: `${planYearLabel(year.fiscalYear)}: ${i.message}`,
  }))

/** Every year expanded (problems of all years, the first year of each field only). */
export function expandPlan(p: CompiledPlan): Result<PlanYear[]> {
  const years: PlanYear[] = []
  const issues: InputIssue[] = []
  const seen = new Set<string>()
  for (const y of planYears(p)) {
    const r = expandPlanYear(p, y)
    if (r.ok) years.push(r.value)
    else
      for (const issue of r.issues)
        if (!seen.has(issue.path)) {
          seen.add(issue.path)
          issues.push(issue)
        }
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: years }
}

/** Allocate every year of a compiled plan and sum the period. */
export function allocateCompiledPlan(
  p: CompiledPlan,
  options: { traffic?: TrafficAggregate } = {},
): Result<PlanAllocation> {
  const expanded = expandPlan(p)
  if (!expanded.ok) return expanded
  const years: PlanYearAllocation[] = []
  for (const year of expanded.value) {
    const parsed = parseScenario(year.document)
    if (!parsed.ok) return { ok: false, issues: inYear(year, parsed.issues) }
    const allocation = allocate(parsed.value, options.traffic ? { traffic: options.traffic } : {})
    if (!allocation.ok) return { ok: false, issues: inYear(year, allocation.issues) }
    years.push({
      fiscalYear: year.fiscalYear,
      scenario: parsed.value,
      allocation: allocation.value,
      rates: year.rates,
    })
  }
  return { ok: true, value: { output: summarise(p, years), years } }
}

/** Parse, expand and allocate a plan (already JSON-decoded). */
export function planAllocate(
  raw: unknown,
  options: PlanAllocateOptions = {},
): Result<PlanAllocation> {
  const compiled = compilePlan(raw, options.rates ? { rates: options.rates } : {})
  if (!compiled.ok) return compiled
  return allocateCompiledPlan(compiled.value, options.traffic ? { traffic: options.traffic } : {})
}

function summarise(p: CompiledPlan, years: PlanYearAllocation[]): PlanOutput {
  const rowsByYear = years.map((y) => ({
    fiscalYear: String(y.fiscalYear),
    rows: new Map(y.allocation.output.members.map((r) => [r.code, r])),
    standalone: new Map(y.scenario.members.map((m) => [m.code, m.standaloneCost])),
  }))
  const members: PlanMemberSummary[] = p.plan.members.map((m) => {
    const byYear: Record<string, number> = {}
    let total = 0
    let standaloneTotal = 0
    let standaloneEveryYear = true
    let present = 0
    for (const y of rowsByYear) {
      const row = y.rows.get(m.code)
      if (!row) continue
      present++
      byYear[y.fiscalYear] = row.total
      total += row.total
      const standalone = y.standalone.get(m.code)
      if (standalone === undefined || standalone <= 0) standaloneEveryYear = false
      else standaloneTotal += standalone
    }
    const out: PlanMemberSummary = { code: m.code, name: m.name, byYear, total }
    if (standaloneEveryYear && present > 0) {
      out.standaloneTotal = standaloneTotal
      out.savingsRate = (standaloneTotal - total) / standaloneTotal
    }
    return out
  })
  return {
    from: p.from,
    to: p.to,
    years: years.map((y) => ({ fiscalYear: y.fiscalYear, ...y.allocation.output })),
    members,
    total: years.reduce((a, y) => a + y.allocation.output.total, 0),
  }
}

/** A plan checked in full: its shape, and every year's scenario validated as a scenario file. */
export function validatePlan(raw: unknown, options: PlanOptions = {}): Result<CompiledPlan> {
  const compiled = compilePlan(raw, options)
  if (!compiled.ok) return compiled
  const expanded = expandPlan(compiled.value)
  if (!expanded.ok) return expanded
  for (const year of expanded.value) {
    const parsed = parseScenario(year.document)
    if (!parsed.ok) return { ok: false, issues: inYear(year, parsed.issues) }
  }
  return compiled
}
