/**
 * The multi-year plan file (中期計画), version 1, as a zod schema. Shape checks live here; the expansion to a
 * fiscal year (expand.ts) checks the rest, and each year's scenario is then validated as a scenario file.
 * Fields that a plan does not interpret (`rule`, `parts`, `rounding`, `deductions`, `traffic`, `metrics`, `kind`,
 * `target` …) are kept as given and copied into every year.
 */
import { z } from 'zod'
import { cmp, fromDecimal, rat } from '../rational'

const DECIMAL = /^\s*-?(\d+(\.\d*)?|\.\d+)\s*$|^\s*-?\d+\s*\/\s*[1-9]\d*\s*$/
/** A JSON number or a decimal string ("152.5", "1/3"), read exactly. */
export const planDecimal = z.union([
  z.number().finite(),
  z.string().regex(DECIMAL, 'expected a decimal number, e.g. "152.5"'),
])
const nonNegative = planDecimal.refine(
  (v) => (typeof v === 'number' ? v >= 0 : !v.trim().startsWith('-')),
  '0 以上の値です (must be ≥ 0)',
)
/** A growth rate per year: −0.006 is −0.6 % a year; at least −1. */
const growth = planDecimal.refine(
  (v) => cmp(fromDecimal(v), rat(-1)) >= 0,
  '−1 以上の値です (a growth rate must be ≥ −1)',
)

const fiscalYear = z
  .number()
  .int('整数の年度です (a fiscal year is an integer)')
  .min(1900)
  .max(2200)

/** A value that may change by fiscal year: a scalar, or `{ "2026": v, "2028": w }`. */
export const yearlyValue = z.union([
  nonNegative,
  z.record(
    z.string().regex(/^\d{4}$/, '年度は4桁の西暦です (a year key is four digits)'),
    nonNegative,
  ),
])

export const planMemberSchema = z.looseObject({
  code: z.string(),
  name: z.string().min(1),
  /** 人口 (yearly) */
  population: yearlyValue,
  populationGrowth: growth.optional(),
  /** 単独導入費用 (yearly) */
  standaloneCost: yearlyValue.optional(),
  standaloneGrowth: growth.optional(),
  /** 加入年度 (first year present) */
  joins: fiscalYear.optional(),
  /** 脱退年度 (first year absent) */
  leaves: fiscalYear.optional(),
})

export const planCostSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  amount: yearlyValue,
  escalation: growth.optional(),
  /** e.g. "USD": the amount is in that currency and becomes yen at the year's rate. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, '通貨コードは ISO 4217 の3文字です (e.g. "USD")')
    .optional(),
  from: fiscalYear.optional(),
  to: fiscalYear.optional(),
  /** 複数年度への按分 (a one-off spread over n years) */
  amortize: z
    .object({ years: z.number().int().min(1, '1 年以上です (at least one year)').max(100) })
    .strict()
    .optional(),
  members: z.array(z.string()).optional(),
})

export const planSchema = z.looseObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  plan: z
    .object({
      from: fiscalYear,
      to: fiscalYear,
      title: z.string().optional(),
    })
    .strict(),
  consortium: z.looseObject({ name: z.string().min(1) }),
  members: z.array(planMemberSchema).min(1),
  costs: z.array(planCostSchema),
  /** 為替レート: yen per unit of currency, by the yearly-value rule (no growth). */
  exchangeRates: z
    .record(z.string().regex(/^[A-Z]{3}$/, '通貨コードは3文字です (e.g. "USD")'), yearlyValue)
    .optional(),
})

export type Plan = z.output<typeof planSchema>
export type YearlyValue = z.output<typeof yearlyValue>
export type PlanDecimal = z.output<typeof planDecimal>
