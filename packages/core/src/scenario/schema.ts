/**
 * The scenario file, version 1 (docs/formats/scenario.md), as a zod schema.
 * Shape checks live here; cross-field checks (unique codes, weights summing to 1, participants) in validate.ts.
 */
import { z } from 'zod'
import { isPrototypeName, prototypeNameMessage } from './prototype-names'

/** `YYYY-MM-DD` that names a real day of the Gregorian calendar (no 2026-13-45, no 2027-02-29). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const t = new Date(Date.UTC(y, mo - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d
}

/** A name the scenario uses as a key (metric, cost id): never a property name of Object.prototype. */
const keyName = z
  .string()
  .min(1)
  .refine((s) => !isPrototypeName(s), { error: (i) => prototypeNameMessage(String(i.input)) })

const nonNegativeNumber = z.number().finite().nonnegative()
/** Weights and shares: a JSON number read as an exact decimal, or a string "1/3" / "0.25". */
export const exactNumber = z.union([
  nonNegativeNumber,
  z
    .string()
    .regex(
      /^\s*(\d+(\.\d*)?|\.\d+)\s*$|^\s*\d+\s*\/\s*[1-9]\d*\s*$/,
      'expected a decimal or "a/b"',
    ),
])
const yenAmount = z
  .number()
  .int('must be an integer number of yen')
  .nonnegative()
  .max(Number.MAX_SAFE_INTEGER)

export const memberSchema = z
  .object({
    code: z.string(),
    name: z.string().min(1),
    population: z.number().int('must be an integer').positive('must be positive'),
    standaloneCost: yenAmount.optional(),
    metrics: z.record(z.string(), nonNegativeNumber).optional(),
    /** 団体の区分 (市, 町, 村, 区, 一部事務組合 …) for class-weighted 均等割; default: the last character of the name. */
    kind: z.string().min(1).optional(),
  })
  .strict()

/** Rounding units (円, 十円, 百円, 千円, 万円). */
export const ROUNDING_UNITS = [1, 10, 100, 1000, 10000] as const
export type RoundingUnit = (typeof ROUNDING_UNITS)[number]
/** 最大剰余法, 切捨て, 四捨五入, 切上げ, 単価方式 */
export const ROUNDING_METHODS = [
  'largestRemainder',
  'floor',
  'halfUp',
  'ceil',
  'unitPrice',
] as const
export type RoundingMethod = (typeof ROUNDING_METHODS)[number]

/** A rounding level (scenario, cost item or part); each field overrides the level above. */
export const roundingSchema = z
  .object({
    unit: z
      .literal(ROUNDING_UNITS, {
        error: (issue) =>
          `丸め単位 ${JSON.stringify(issue.input)} は使えません。1, 10, 100, 1000, 10000 のいずれかです (unit must be 1, 10, 100, 1000 or 10000)`,
      })
      .optional(),
    method: z
      .enum(ROUNDING_METHODS, {
        error: (issue) =>
          `端数処理の方法 ${JSON.stringify(issue.input)} は使えません。${ROUNDING_METHODS.join(', ')} のいずれかです (unknown rounding method)`,
      })
      .optional(),
    /** 端数調整団体: a participant's code, or "largestShare" */
    adjuster: z.string().min(1).optional(),
    /** decimals kept in the unit price (unitPrice only) */
    priceDecimals: z
      .number({ error: '単価の小数桁は 0〜3 の整数です (priceDecimals must be 0, 1, 2 or 3)' })
      .int('単価の小数桁は 0〜3 の整数です (priceDecimals must be 0, 1, 2 or 3)')
      .min(0, '単価の小数桁は 0〜3 の整数です (priceDecimals must be 0, 1, 2 or 3)')
      .max(3, '単価の小数桁は 0〜3 の整数です (priceDecimals must be 0, 1, 2 or 3)')
      .optional(),
    /** a mixed rule split and rounded driver by driver */
    perPart: z.boolean().optional(),
  })
  .strict()

const scaledPopulationSchema = z
  .object({
    weight: exactNumber,
    exponent: z.number().gt(0, 'exponent must be > 0').lte(1, 'exponent must be ≤ 1'),
  })
  .strict()

const metricDriverSchema = z.object({ name: keyName, weight: exactNumber }).strict()

export const ruleSchema = z
  .object({
    /** 均等割; `{weight, classes}` weighs each participant by the factor of its class (市 1, 町村 0.5 …). */
    equal: z
      .union([
        exactNumber,
        z.object({ weight: exactNumber, classes: z.record(z.string(), exactNumber) }).strict(),
      ])
      .optional(),
    /** 人口割 */
    population: exactNumber.optional(),
    /** 逓減方式 (population^exponent) */
    scaledPopulation: scaledPopulationSchema.optional(),
    /** 利用実績割 */
    traffic: exactNumber.optional(),
    /** 固定割合 — a whole rule by itself */
    fixed: z.record(z.string(), exactNumber).optional(),
    /** 指標割 (端末数, 基準財政需要額 …); an array mixes several metrics (extension). */
    metric: z.union([metricDriverSchema, z.array(metricDriverSchema).min(1)]).optional(),
  })
  .strict()

export const trafficSettingsSchema = z
  .object({
    basis: z.enum(['requester', 'provider', 'split']).default('split'),
    unit: z.enum(['queries', 'records']).default('queries'),
  })
  .strict()

export const partSchema = z
  .object({
    name: z.string().optional(),
    weight: exactNumber,
    members: z.array(z.string()).optional(),
    rule: ruleSchema,
    rounding: roundingSchema.optional(),
  })
  .strict()

export const deductionSchema = z
  .object({
    name: z.string().min(1),
    amount: yenAmount,
  })
  .strict()

export const costSchema = z
  .object({
    id: keyName,
    name: z.string().min(1),
    amount: yenAmount,
    members: z.array(z.string()).optional(),
    /** the split; absent when `parts` is given */
    rule: ruleSchema.optional(),
    traffic: trafficSettingsSchema.optional(),
    /** the amount cut into parts, each split by its own rule among its own participants */
    parts: z.array(partSchema).min(1).optional(),
    rounding: roundingSchema.optional(),
    /** 特定財源 (国庫補助金, 使用料 …) deducted before the split */
    deductions: z.array(deductionSchema).optional(),
  })
  .strict()

/** 精算額・加算・減算: signed yen added to a member after every item is split. */
export const adjustmentSchema = z
  .object({
    code: z.string(),
    amount: z
      .number()
      .int('円単位の整数です (must be an integer number of yen)')
      .min(-Number.MAX_SAFE_INTEGER)
      .max(Number.MAX_SAFE_INTEGER),
    reason: z.string().optional(),
  })
  .strict()

export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    consortium: z
      .object({
        name: z.string().min(1),
        fiscalYear: z.number().int().min(1900).max(2200),
      })
      .strict(),
    populationDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
      .refine(isCalendarDate, '実在しない日付です (not a real calendar date)')
      .optional(),
    description: z.string().optional(),
    members: z.array(memberSchema).min(1),
    costs: z.array(costSchema),
    rounding: roundingSchema.optional(),
    target: z
      .object({ minSavingsRate: z.number().finite().min(0).max(1).optional() })
      .strict()
      .optional(),
    adjustments: z.array(adjustmentSchema).optional(),
    /** Extension (deployment patterns): validated by the patterns module, kept as given. */
    services: z.array(z.unknown()).optional(),
    /** Extension (deployment patterns): server catalogue and weights. */
    patterns: z.record(z.string(), z.unknown()).optional(),
    /** Extension (fairness): the coalition cost model. */
    coalitionModel: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()

export type ScenarioInput = z.input<typeof scenarioSchema>
export type Scenario = z.output<typeof scenarioSchema>
export type Member = z.output<typeof memberSchema>
export type CostItem = z.output<typeof costSchema>
export type Rule = z.output<typeof ruleSchema>
export type TrafficSettings = z.output<typeof trafficSettingsSchema>
export type Adjustment = z.output<typeof adjustmentSchema>
export type Rounding = z.output<typeof roundingSchema>
