/**
 * The rules of the register, each citing its source:
 * - 行政運営影響度 = 機密性 × 住民影響 × 精神的苦痛 × 経済的損失 (seed 000 図5–図7).
 * - 機密性2以上 decides the selection conditions (seed 001, seed 003 §2–§4).
 * - Checks at approval: ISMAP for a cloud service handling 機密性2以上 (seed 001 p.6–7; seed 003 §3.1(2)); the 12
 *   check items confirmed (seed 000 図11); data kept in Japan (seed 003 §3.1(4)); the eight 台帳 fields and a period
 *   that has not ended (seed 003 §5.2(4)).
 */
import { CHECK_ITEMS } from './check-items'
import type { ServiceEntry } from './schema'

/** 図7: 81 大, 9 and 12 中, 1 少. Bands between the published points are our reading (docs/services.md). */
export type ImpactBand = '大' | '中' | '少'

export function impactScore(e: Pick<ServiceEntry, 'classification'>): number {
  const c = e.classification
  return c.confidentiality * c.residentImpact * c.distress * c.economicLoss
}

export function impactBand(score: number): ImpactBand {
  return score >= 27 ? '大' : score >= 4 ? '中' : '少'
}

/** ④ 取り扱う情報の格付け: 機密性2以上 or not. */
export const handlesConfidential = (e: Pick<ServiceEntry, 'classification'>): boolean =>
  e.classification.confidentiality >= 2

export interface RegisterFinding {
  rule: 'ismap' | 'checks' | 'location' | 'period' | 'review'
  /** blocking findings stop an approval unless overridden with a reason */
  blocking: boolean
  message: string
  source: string
}

export const RULE_SOURCES: Record<RegisterFinding['rule'], string> = {
  ismap:
    '新たな自治体情報セキュリティ対策に係る検討課題（総務省 2021）: 要機密情報を扱うクラウドサービスの選定に ISMAP を活用／乙訓福祉施設事務組合 利用基準 §3.1(2)',
  checks:
    '小田・藤本「地方公共団体における外部サービス利用の実態と課題の研究」図11（9カテゴリ12項目）',
  location: '乙訓福祉施設事務組合 利用基準 §3.1(4)（国内法以外の法令が適用されるリスク）',
  period: '乙訓福祉施設事務組合 利用基準 §5.2(4) ⑤ 利用期間',
  review: '乙訓福祉施設事務組合 利用基準 §3.4（運用・保守時の確認）',
}

/** Everything the 統括情報セキュリティ責任者 should see before approving, as of `today` (YYYY-MM-DD). */
export function checkEntry(e: ServiceEntry, today: string): RegisterFinding[] {
  const out: RegisterFinding[] = []
  const push = (rule: RegisterFinding['rule'], blocking: boolean, message: string) =>
    out.push({ rule, blocking, message, source: RULE_SOURCES[rule] })
  const confidential = handlesConfidential(e)
  if (confidential && e.cloud && !e.ismap.registered)
    push(
      'ismap',
      true,
      '機密性2以上の情報を扱うクラウドサービスですが、ISMAP クラウドサービスリストへの登録がありません (confidential data without ISMAP registration)',
    )
  if (confidential && e.ismap.registered && !e.ismap.number)
    push('ismap', false, 'ISMAP の登録番号が入力されていません (no ISMAP registration number)')
  if (confidential) {
    const open = CHECK_ITEMS.filter((c) => {
      const s = e.checks[c.id]?.status
      return s !== 'confirmed' && s !== 'notApplicable'
    })
    if (open.length)
      push(
        'checks',
        true,
        open.length === CHECK_ITEMS.length
          ? `確認項目 ${open.length} 件がすべて未確認です (no check item confirmed)`
          : `確認項目 ${open.length} 件が未確認です: ${open.map((c) => `(${c.id}) ${c.categoryName}`).join('、')} (unconfirmed check items)`,
      )
    if (e.dataLocation !== 'domestic')
      push(
        'location',
        true,
        e.dataLocation === 'overseas'
          ? 'データが国外で保管・処理されます。国内法以外の法令が適用されるおそれがあります (data kept overseas)'
          : 'データの保管・処理場所が国内か確認されていません (data location not confirmed)',
      )
  }
  if (e.period.to < today)
    push('period', true, `利用期間が ${e.period.to} に終わっています (the period has ended)`)
  if (e.reviewDate && e.reviewDate < today)
    push('review', false, `見直し予定日 ${e.reviewDate} を過ぎています (review overdue)`)
  return out
}

/** Services whose renewal (or period end) falls within `days` days of `today`, soonest first. */
export function upcomingRenewals<T extends { entry: ServiceEntry }>(
  list: T[],
  today: string,
  days = 90,
): Array<T & { due: string; daysLeft: number }> {
  const t = Date.parse(`${today}T00:00:00Z`)
  return list
    .map((s) => {
      const due = s.entry.renewalDate ?? s.entry.period.to
      return { ...s, due, daysLeft: Math.round((Date.parse(`${due}T00:00:00Z`) - t) / 86_400_000) }
    })
    .filter((s) => s.daysLeft >= 0 && s.daysLeft <= days)
    .sort((a, b) => a.daysLeft - b.daysLeft)
}
