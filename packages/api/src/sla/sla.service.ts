/**
 * SLA services shared by the CLI and the API: grade check, monthly availability and credits, the credit as a
 * scenario deduction, and continuity coverage.
 */
import {
  availabilityReport,
  checkGrades,
  continuityReport,
  monthsTouched,
  parseContinuity,
  parseIncidents,
  parseMonth,
  parseSla,
  type ContinuityReport,
  type GradeFinding,
  type Incident,
  type ServiceMonthReport,
  type SlaFile,
} from '@warikan/core/sla'
import type { InputIssue, Result } from '@warikan/core'
import { decodeText, splitCsv } from './incidents-file'

export { parseSla }

export function slaCheck(raw: unknown): Result<{ sla: SlaFile; findings: GradeFinding[] }> {
  const parsed = parseSla(raw)
  if (!parsed.ok) return parsed
  return { ok: true, value: { sla: parsed.value, findings: checkGrades(parsed.value) } }
}

export function readIncidents(sla: SlaFile, bytes: Uint8Array): Result<Incident[]> {
  const split = splitCsv(decodeText(bytes))
  if (!split.ok) return split
  return parseIncidents(split.value.records, split.value.lines, sla)
}

export interface SlaReport {
  consortium: string
  months: string[]
  services: ServiceMonthReport[]
}

/** Every month asked for (or every month the incidents touch) × every service. */
export function slaReport(
  sla: SlaFile,
  incidents: Incident[],
  months: string[] | undefined,
): Result<SlaReport> {
  const list = months?.length ? months : monthsTouched(incidents)
  const issues: InputIssue[] = []
  list.forEach((m) => {
    if (!parseMonth(m))
      issues.push({
        path: 'month',
        message: `"${m}" は YYYY-MM の月ではありません (expected YYYY-MM)`,
      })
  })
  if (issues.length) return { ok: false, issues }
  return {
    ok: true,
    value: {
      consortium: sla.consortium.name,
      months: list,
      services: list.flatMap((m) => availabilityReport(sla, incidents, m)),
    },
  }
}

/** The credits of a report as deductions of the matching cost items of a scenario document. */
export function applyCredits(
  sla: SlaFile,
  report: SlaReport,
  scenario: Record<string, unknown>,
): Result<{
  scenario: Record<string, unknown>
  applied: Array<{ costId: string; amount: number; name: string }>
}> {
  const costs = Array.isArray(scenario['costs'])
    ? (scenario['costs'] as Array<Record<string, unknown>>)
    : []
  const issues: InputIssue[] = []
  const applied: Array<{ costId: string; amount: number; name: string }> = []
  const next = costs.map((c) => ({ ...c }))
  for (const r of report.services) {
    if (!r.credit || r.credit.amount === 0) continue
    const service = sla.services.find((s) => s.id === r.service)!
    if (!service.costId) {
      issues.push({
        path: `services[${sla.services.indexOf(service)}].costId`,
        message: `${service.name} の減額を差し引く費目 (costId) がありません (no costId for the credit)`,
      })
      continue
    }
    const cost = next.find((c) => c['id'] === service.costId)
    if (!cost) {
      issues.push({
        path: `services[${sla.services.indexOf(service)}].costId`,
        message: `費目 ${service.costId} はシナリオにありません (cost id not in the scenario)`,
      })
      continue
    }
    const [y, m] = r.month.split('-').map(Number) as [number, number]
    const name = `SLA減額 ${y}年${m}月 ${service.name}（稼働率 ${(r.availability * 100).toFixed(3)}%）`
    const deductions = Array.isArray(cost['deductions'])
      ? [...(cost['deductions'] as unknown[])]
      : []
    deductions.push({ name, amount: r.credit.amount })
    cost['deductions'] = deductions
    applied.push({ costId: service.costId, amount: r.credit.amount, name })
  }
  if (issues.length) return { ok: false, issues }
  return { ok: true, value: { scenario: { ...scenario, costs: next }, applied } }
}

export function continuityCheck(raw: unknown): Result<ContinuityReport> {
  const parsed = parseContinuity(raw)
  if (!parsed.ok) return parsed
  return { ok: true, value: continuityReport(parsed.value) }
}
