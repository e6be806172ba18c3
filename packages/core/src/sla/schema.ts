/**
 * The SLA file (SLA合意書): the agreed grade of each SLA item of 表2-12, the vendor's counting rule and the
 * credit (減額) table. Shape checks here; the grade comparison with 表2-13 is in grades.ts.
 */
import { z } from 'zod'
import { fromDecimal, type Rational } from '../rational'

/** A rate as 0.995, "0.995" or "99.5%" (exact decimal). */
export const rateSchema = z
  .union([z.number().finite().nonnegative(), z.string().regex(/^\s*\d+(\.\d+)?\s*%?\s*$/)])
  .refine((v) => {
    try {
      const r = rateValue(v)
      return r.n <= r.d
    } catch {
      return false
    }
  }, '0〜100% の率です (a rate between 0 and 100%)')

export function rateValue(v: number | string): Rational {
  if (typeof v === 'number') return fromDecimal(v)
  const t = v.trim()
  if (t.endsWith('%')) {
    const r = fromDecimal(t.slice(0, -1).trim())
    return { n: r.n, d: r.d * 100n }
  }
  return fromDecimal(t)
}

const timeRange = z
  .string()
  .regex(
    /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]|24):[0-5]\d$/,
    '"HH:MM-HH:MM" の形で書きます (expected "08:30-18:00")',
  )
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const

const weeklySchema = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.array(timeRange).optional()])))
  .strict()

const closedDate = z
  .string()
  .regex(
    /^(\d{4}-)?\d{2}-\d{2}$/,
    '"MM-DD"（毎年）か "YYYY-MM-DD" です (expected MM-DD or YYYY-MM-DD)',
  )

export const serviceHoursSchema = z
  .object({
    /** 開庁日の業務時間: per weekday, time ranges (local time, Asia/Tokyo) */
    weekly: weeklySchema,
    /** 閉庁日: 国民の祝日 (holidays) and fixed dates (年末年始) */
    closed: z
      .object({ holidays: z.boolean().default(true), dates: z.array(closedDate).default([]) })
      .strict()
      .default({ holidays: true, dates: [] }),
    /** 夜間バッチのサービス時間 */
    batchWindow: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]|24):[0-5]\d$/)
      .optional(),
  })
  .strict()

export const slaServiceSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    /** 職員向け (staff) or 市民向け (residents) */
    audience: z.enum(['staff', 'residents']).default('staff'),
    /** "schedule": the file's serviceHours; "24x365": every minute of the month */
    hours: z.enum(['schedule', '24x365']).optional(),
    /** 月額利用料 (yen), the base of the credit */
    monthlyFee: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    /** the scenario cost item the credit is deducted from (--into) */
    costId: z.string().min(1).optional(),
    /** this service's own availability target (else grades.availability) */
    availability: rateSchema.optional(),
  })
  .strict()

const text = z.string().min(1)
export const gradesSchema = z
  .object({
    availability: rateSchema.optional(),
    mttrHours: z.number().positive().optional(),
    dr: z
      .object({ remoteBackup: z.boolean().optional(), emergencyProcedure: z.boolean().optional() })
      .strict()
      .optional(),
    failureDataFormat: text.optional(),
    statusReporting: z
      .object({
        online: z.boolean().optional(),
        realtime: z.boolean().optional(),
        notify: z.array(text).optional(),
      })
      .strict()
      .optional(),
    customization: z
      .object({ simpleForms: z.boolean().optional(), eucOutput: z.boolean().optional() })
      .strict()
      .optional(),
    concurrentUsers: z
      .object({
        normal: z.number().int().positive().optional(),
        temporaryIncrease: z.boolean().optional(),
      })
      .strict()
      .optional(),
    backup: z
      .object({
        frequency: text.optional(),
        method: text.optional(),
        media: text.optional(),
        format: text.optional(),
      })
      .strict()
      .optional(),
    retention: z
      .object({
        days: z.number().int().positive().optional(),
        generations: z.number().int().positive().optional(),
        disposal: text.optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

export const countingSchema = z
  .object({
    /** downtime is floored to this many minutes (1: to the minute) */
    granularityMinutes: z.number().int().positive().default(1),
    /** an outage shorter than this is not counted (5: "5分未満は切り捨て") */
    minimumMinutes: z.number().int().nonnegative().default(0),
    /** availability over the service hours or over the whole month (24 h) */
    basis: z.enum(['serviceHours', '24h']).default('serviceHours'),
    /** cause categories never counted (計画保守, 第三者からの攻撃 …) */
    excludedCauses: z.array(text).default([]),
  })
  .strict()

export const creditTierSchema = z.object({ below: rateSchema, rate: rateSchema }).strict()

export const slaSchema = z
  .object({
    version: z.literal(1),
    consortium: z.object({ name: z.string().min(1) }).strict(),
    services: z.array(slaServiceSchema).min(1),
    serviceHours: serviceHoursSchema.optional(),
    grades: gradesSchema.default({}),
    counting: countingSchema.default({
      granularityMinutes: 1,
      minimumMinutes: 0,
      basis: 'serviceHours',
      excludedCauses: [],
    }),
    credits: z.array(creditTierSchema).default([]),
  })
  .strict()

export type SlaFile = z.output<typeof slaSchema>
export type SlaService = z.output<typeof slaServiceSchema>
export type ServiceHours = z.output<typeof serviceHoursSchema>
