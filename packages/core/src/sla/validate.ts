/** Parsing an SLA file: shape (schema.ts) and cross-field checks, with field paths. */
import { formatPath, type InputIssue, type Result } from '../scenario/issues'
import { slaSchema, type SlaFile } from './schema'

export function parseSla(raw: unknown): Result<SlaFile> {
  const parsed = slaSchema.safeParse(raw)
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    }
  const sla = parsed.data
  const issues: InputIssue[] = []
  const seen = new Map<string, number>()
  sla.services.forEach((s, i) => {
    const first = seen.get(s.id)
    if (first !== undefined)
      issues.push({
        path: `services[${i}].id`,
        message: `サービスID "${s.id}" が重複しています (duplicate, first at services[${first}])`,
      })
    else seen.set(s.id, i)
    const hours = s.hours ?? (s.audience === 'residents' ? '24x365' : 'schedule')
    if (hours === 'schedule' && !sla.serviceHours && sla.counting.basis === 'serviceHours')
      issues.push({
        path: `services[${i}].hours`,
        message:
          'サービス時間で数えるには serviceHours が必要です (serviceHours is required for hours "schedule")',
      })
  })
  return issues.length ? { ok: false, issues } : { ok: true, value: sla }
}
