/**
 * The external-service register (外部サービス台帳): one entry per service a consortium (or one member alone) uses,
 * with the eight fields of the 承認済外部サービス台帳 (乙訓福祉施設事務組合 利用基準 §5.2(4)), the four
 * classification levels of 図5 (機密性・住民影響・精神的苦痛・経済的損失), ISMAP registration as entered by the
 * user, the 12 check items, review and renewal dates, and the cost items that pay for it.
 */
import { z } from 'zod'
import { CHECK_ITEM_IDS } from './check-items'

const level = z.union([z.literal(1), z.literal(2), z.literal(3)], {
  error: '1・2・3 のいずれかです (level 1, 2 or 3)',
})

/** A real calendar date YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD の日付です (expected YYYY-MM-DD)')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number]
    const t = new Date(Date.UTC(y, m - 1, d))
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
  }, '暦にない日付です (not a calendar date)')

const text = z.string().trim().min(1, '空欄です (required)')

export const CHECK_STATUSES = ['confirmed', 'notConfirmed', 'notApplicable'] as const

export const serviceEntrySchema = z
  .object({
    /** ① 外部サービスの名称 */
    name: text,
    /** ② 外部サービス提供者の名称 */
    provider: text,
    /** ③ 利用目的（業務内容） */
    purpose: text,
    /** ⑤ 利用期間 */
    period: z.object({ from: isoDate, to: isoDate }).strict(),
    /** ⑥ 利用申請者（所属・氏名） */
    applicant: z.object({ department: text, name: text }).strict(),
    /** ⑦ 利用者の範囲 */
    userScope: text,
    /** ⑧ 外部サービス管理者（所属・補職名） */
    administrator: z.object({ department: text, title: text }).strict(),
    /** 図5 の4項目 (④ 格付け: 機密性 2 以上 = confidentiality ≥ 2) */
    classification: z
      .object({
        confidentiality: level,
        residentImpact: level,
        distress: level,
        economicLoss: level,
      })
      .strict(),
    /** SaaS, ガバメントクラウド … (ISMAP applies to cloud services) */
    cloud: z.boolean().default(true),
    /** ISMAP クラウドサービスリストへの登録 (entered by the user; never looked up) */
    ismap: z
      .object({ registered: z.boolean(), number: text.optional(), date: isoDate.optional() })
      .strict()
      .default({ registered: false }),
    /** where the data is kept and processed: 国内 or 国外 (利用基準 §3.1(4)) */
    dataLocation: z.enum(['domestic', 'overseas', 'unknown']).default('unknown'),
    /** the 12 check items of 図11, by id (1a, 1b, 2, 3a, 3b, 4, 5, 6, 7, 8a, 8b, 9) */
    checks: z
      .partialRecord(
        z.enum(CHECK_ITEM_IDS as [string, ...string[]]),
        z
          .object({
            status: z.enum(CHECK_STATUSES),
            evidence: z.string().optional(),
            date: isoDate.optional(),
          })
          .strict(),
      )
      .default({}),
    reviewDate: isoDate.optional(),
    renewalDate: isoDate.optional(),
    /** the cost items that pay for it: a stored scenario's id and a cost id */
    costItems: z
      .array(
        z.object({ scenarioId: z.number().int().positive().optional(), costId: text }).strict(),
      )
      .default([]),
    /** a member using the service alone (団体コード); absent: the consortium's own service */
    memberCode: z
      .string()
      .regex(/^\d{6}$/, '6桁の団体コードです (six-digit code)')
      .optional(),
    note: z.string().optional(),
  })
  .strict()
  .refine((e) => e.period.from <= e.period.to, {
    message: '利用期間の終わりが始まりより前です (period ends before it starts)',
    path: ['period', 'to'],
  })

export type ServiceEntryInput = z.input<typeof serviceEntrySchema>
export type ServiceEntry = z.output<typeof serviceEntrySchema>

/** The lifecycle of 利用基準 §5: 申請 → 承認 / 却下 → 利用中 → 利用終了. */
export const SERVICE_STATUSES = ['applied', 'approved', 'refused', 'inUse', 'ended'] as const
export type ServiceStatus = (typeof SERVICE_STATUSES)[number]

export const STATUS_JA: Record<ServiceStatus, string> = {
  applied: '申請中',
  approved: '承認済',
  refused: '却下',
  inUse: '利用中',
  ended: '利用終了',
}

/** 利用終了の報告 (利用基準 §5.2(5), with the points of §3.5). */
export const endReportSchema = z
  .object({
    date: isoDate,
    /** 移行計画書又は終了計画書 */
    plan: text,
    /** 情報の廃棄方法の確認 */
    dataDisposal: text,
    /** 利用者・管理者アカウントの削除 */
    accountsRemoved: z.boolean(),
    note: z.string().optional(),
  })
  .strict()
export type EndReport = z.output<typeof endReportSchema>

export const overrideSchema = z.object({ rule: z.string().min(1), reason: text }).strict()
export type Override = z.output<typeof overrideSchema>
