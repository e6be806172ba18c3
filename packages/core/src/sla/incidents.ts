/**
 * The incidents file (障害記録 CSV), as records already split into fields: header
 * `start,end,service,cause,excluded,reason` (or 開始,終了,サービス,原因区分,除外,除外理由), one incident a line.
 */
import type { InputIssue, Result } from '../scenario/issues'
import type { Incident } from './availability'
import { parseTimestamp } from './calendar'
import type { SlaFile } from './schema'

const HEADER_ALIASES: Record<string, keyof Omit<Incident, 'line'>> = {
  start: 'start',
  開始: 'start',
  開始日時: 'start',
  end: 'end',
  終了: 'end',
  終了日時: 'end',
  復旧日時: 'end',
  service: 'service',
  サービス: 'service',
  cause: 'cause',
  原因区分: 'cause',
  原因: 'cause',
  excluded: 'excluded',
  除外: 'excluded',
  reason: 'reason',
  除外理由: 'reason',
}
const REQUIRED = ['start', 'end', 'service'] as const

const TRUE = new Set(['true', '1', 'yes', 'y', '○', '◯', '除外', 'はい'])
const FALSE = new Set(['', 'false', '0', 'no', 'n', '×', 'いいえ', '-'])

/** records[0] is the header (line 1); records[k] is on line lines[k]. */
export function parseIncidents(
  records: string[][],
  lines: number[],
  sla: SlaFile,
): Result<Incident[]> {
  const issues: InputIssue[] = []
  const header = records[0]
  if (!header)
    return { ok: false, issues: [{ path: 'line 1', message: 'ヘッダ行がありません (no header)' }] }
  const index = new Map<string, number>()
  header.forEach((h, i) => {
    const key = HEADER_ALIASES[h.trim().replace(/^\uFEFF/, '')]
    if (key && !index.has(key)) index.set(key, i)
  })
  for (const k of REQUIRED)
    if (!index.has(k))
      issues.push({ path: 'line 1', message: `列 ${k} がありません (missing column "${k}")` })
  if (issues.length) return { ok: false, issues }
  const services = new Set(sla.services.map((s) => s.id))
  const out: Incident[] = []
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!
    const line = lines[r]!
    if (rec.length === 1 && rec[0] === '') continue
    const get = (k: string) => {
      const i = index.get(k)
      return i === undefined ? '' : (rec[i] ?? '').trim()
    }
    const at = (field: string) => `line ${line}, ${field}`
    const start = parseTimestamp(get('start'))
    const end = parseTimestamp(get('end'))
    if (start === undefined)
      issues.push({
        path: at('start'),
        message: `日時として読めません (bad date/time "${get('start')}")`,
      })
    if (end === undefined)
      issues.push({
        path: at('end'),
        message: `日時として読めません (bad date/time "${get('end')}")`,
      })
    if (start !== undefined && end !== undefined && end <= start)
      issues.push({ path: at('end'), message: '終了が開始より前か同じです (end before start)' })
    const service = get('service')
    if (!services.has(service))
      issues.push({
        path: at('service'),
        message: `サービス "${service}" は SLA ファイルにありません (unknown service)`,
      })
    const ex = get('excluded').toLowerCase()
    if (!TRUE.has(ex) && !FALSE.has(ex))
      issues.push({
        path: at('excluded'),
        message: `true か false です (expected true/false, got "${ex}")`,
      })
    if (start !== undefined && end !== undefined)
      out.push({
        line,
        start,
        end,
        service,
        cause: get('cause'),
        excluded: TRUE.has(ex),
        reason: get('reason'),
      })
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: out }
}
