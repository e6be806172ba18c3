/**
 * The 承認済外部サービス台帳 as a table: the eight fields in the order of 利用基準 §5.2(4), then the
 * classification, 影響度, ISMAP, status and dates. The same columns are read back on import (CSV or xlsx), each
 * line checked with its line number; a file with any bad line is refused whole.
 */
import { formatPath, type InputIssue, type Result } from '../scenario/issues'
import { CHECK_ITEMS } from './check-items'
import { handlesConfidential, impactBand, impactScore } from './rules'
import {
  serviceEntrySchema,
  STATUS_JA,
  SERVICE_STATUSES,
  type ServiceEntry,
  type ServiceStatus,
} from './schema'

export const LEDGER_COLUMNS = [
  '外部サービスの名称',
  '外部サービス提供者の名称',
  '利用目的（業務内容）',
  '取り扱う情報の格付け',
  '利用期間',
  '利用申請者（所属・氏名）',
  '利用者の範囲',
  '外部サービス管理者（所属・補職名）',
  '機密性',
  '住民影響',
  '精神的苦痛',
  '経済的損失',
  '行政運営影響度',
  'クラウドサービス',
  'ISMAP登録',
  'ISMAP登録番号',
  'ISMAP登録日',
  'データの保管場所',
  ...CHECK_ITEMS.map((c) => `確認項目(${c.id})`),
  '状態',
  '見直し予定日',
  '更新予定日',
  '利用団体',
]

const CHECK_JA = { confirmed: '確認済', notConfirmed: '未確認', notApplicable: '対象外' } as const

const LOCATION_JA = { domestic: '国内', overseas: '国外', unknown: '未確認' } as const

export interface LedgerRow {
  entry: ServiceEntry
  status: ServiceStatus
}

const SEP = '・'

export function ledgerRecord(r: LedgerRow): string[] {
  const e = r.entry
  const score = impactScore(e)
  return [
    e.name,
    e.provider,
    e.purpose,
    handlesConfidential(e) ? '機密性2以上' : '機密性2未満',
    `${e.period.from}〜${e.period.to}`,
    `${e.applicant.department}${SEP}${e.applicant.name}`,
    e.userScope,
    `${e.administrator.department}${SEP}${e.administrator.title}`,
    String(e.classification.confidentiality),
    String(e.classification.residentImpact),
    String(e.classification.distress),
    String(e.classification.economicLoss),
    `${score}（${impactBand(score)}）`,
    e.cloud ? 'はい' : 'いいえ',
    e.ismap.registered ? '登録あり' : '登録なし',
    e.ismap.number ?? '',
    e.ismap.date ?? '',
    LOCATION_JA[e.dataLocation],
    ...CHECK_ITEMS.map((c) => CHECK_JA[e.checks[c.id]?.status ?? 'notConfirmed']),
    STATUS_JA[r.status],
    e.reviewDate ?? '',
    e.renewalDate ?? '',
    e.memberCode ?? '',
  ]
}

const split2 = (s: string): [string, string] => {
  const m = /^(.*?)[・／/](.*)$/.exec(s.trim())
  return m ? [m[1]!.trim(), m[2]!.trim()] : [s.trim(), '']
}
const yesNo = (s: string): boolean | undefined =>
  ['はい', 'あり', '登録あり', 'yes', 'true', '1', '○'].includes(s.trim().toLowerCase())
    ? true
    : ['いいえ', 'なし', '登録なし', 'no', 'false', '0', '×', ''].includes(s.trim().toLowerCase())
      ? false
      : undefined

/**
 * Rows of an imported 台帳 (records[0] the header, records[k] on line lines[k]) → entries and their status.
 * Every problem names the line and the column.
 */
export function parseLedger(records: string[][], lines: number[]): Result<LedgerRow[]> {
  const issues: InputIssue[] = []
  const header = (records[0] ?? []).map((h) => h.trim().replace(/^\uFEFF/, ''))
  const col = new Map(header.map((h, i) => [h, i]))
  const required = LEDGER_COLUMNS.slice(0, 12)
  for (const name of required)
    if (!col.has(name))
      issues.push({ path: 'line 1', message: `列「${name}」がありません (missing column)` })
  if (issues.length) return { ok: false, issues }
  const out: LedgerRow[] = []
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!
    if (rec.every((c) => c.trim() === '')) continue
    const line = lines[r]!
    const get = (name: string) => {
      const i = col.get(name)
      return i === undefined ? '' : (rec[i] ?? '').trim()
    }
    const [from, to] = get('利用期間')
      .split(/[〜~～]/)
      .map((s) => s.trim())
    const [adep, aname] = split2(get('利用申請者（所属・氏名）'))
    const [mdep, mtitle] = split2(get('外部サービス管理者（所属・補職名）'))
    const num = (name: string) => {
      const v = get(name).replace(/[１２３]/g, (d) => String('１２３'.indexOf(d) + 1))
      return /^[123]$/.test(v) ? Number(v) : v
    }
    const checks: Record<string, { status: string }> = {}
    for (const c of CHECK_ITEMS) {
      const v = get(`確認項目(${c.id})`)
      const status = Object.entries(CHECK_JA).find(([, ja]) => ja === v)?.[0]
      if (v && !status)
        issues.push({
          path: `line ${line}, 確認項目(${c.id})`,
          message: `「${v}」は 確認済・未確認・対象外 のいずれかです (expected 確認済/未確認/対象外)`,
        })
      else if (status && status !== 'notConfirmed') checks[c.id] = { status }
    }
    const location = get('データの保管場所')
    const cloud = col.has('クラウドサービス') ? yesNo(get('クラウドサービス')) : true
    const registered = col.has('ISMAP登録') ? yesNo(get('ISMAP登録')) : false
    const raw: Record<string, unknown> = {
      name: get('外部サービスの名称'),
      provider: get('外部サービス提供者の名称'),
      purpose: get('利用目的（業務内容）'),
      period: { from: from ?? '', to: to ?? '' },
      applicant: { department: adep, name: aname },
      userScope: get('利用者の範囲'),
      administrator: { department: mdep, title: mtitle },
      classification: {
        confidentiality: num('機密性'),
        residentImpact: num('住民影響'),
        distress: num('精神的苦痛'),
        economicLoss: num('経済的損失'),
      },
      cloud: cloud ?? get('クラウドサービス'),
      ismap: {
        registered: registered ?? get('ISMAP登録'),
        ...(get('ISMAP登録番号') ? { number: get('ISMAP登録番号') } : {}),
        ...(get('ISMAP登録日') ? { date: get('ISMAP登録日') } : {}),
      },
      checks,
      dataLocation:
        location === '国内'
          ? 'domestic'
          : location === '国外'
            ? 'overseas'
            : location === '' || location === '未確認'
              ? 'unknown'
              : location,
      ...(get('見直し予定日') ? { reviewDate: get('見直し予定日') } : {}),
      ...(get('更新予定日') ? { renewalDate: get('更新予定日') } : {}),
      ...(get('利用団体') ? { memberCode: get('利用団体') } : {}),
    }
    const parsed = serviceEntrySchema.safeParse(raw)
    if (!parsed.success) {
      for (const i of parsed.error.issues)
        issues.push({ path: `line ${line}, ${columnOf(i.path)}`, message: i.message })
      continue
    }
    const grading = get('取り扱う情報の格付け')
    if (grading && grading !== (handlesConfidential(parsed.data) ? '機密性2以上' : '機密性2未満'))
      issues.push({
        path: `line ${line}, 取り扱う情報の格付け`,
        message: `「${grading}」は機密性 ${parsed.data.classification.confidentiality} と合いません (grading does not match the level)`,
      })
    const statusText = get('状態')
    const status = statusText
      ? SERVICE_STATUSES.find((s) => STATUS_JA[s] === statusText || s === statusText)
      : 'applied'
    if (!status) {
      issues.push({
        path: `line ${line}, 状態`,
        message: `「${statusText}」は状態ではありません (unknown status)`,
      })
      continue
    }
    out.push({ entry: parsed.data, status })
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: out }
}

const FIELD_COLUMN: Record<string, string> = {
  name: '外部サービスの名称',
  provider: '外部サービス提供者の名称',
  purpose: '利用目的（業務内容）',
  period: '利用期間',
  applicant: '利用申請者（所属・氏名）',
  userScope: '利用者の範囲',
  administrator: '外部サービス管理者（所属・補職名）',
  confidentiality: '機密性',
  residentImpact: '住民影響',
  distress: '精神的苦痛',
  economicLoss: '経済的損失',
  cloud: 'クラウドサービス',
  ismap: 'ISMAP登録',
  number: 'ISMAP登録番号',
  date: 'ISMAP登録日',
  dataLocation: 'データの保管場所',
  reviewDate: '見直し予定日',
  renewalDate: '更新予定日',
  memberCode: '利用団体',
}
function columnOf(path: ReadonlyArray<PropertyKey>): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const c = FIELD_COLUMN[String(path[i])]
    if (c && !(path[i] === 'date' && path[0] !== 'ismap')) return c
  }
  return formatPath(path)
}
