/**
 * The scenario file, version 1 (docs/formats/scenario.md), as a zod schema.
 * Shape checks live here; cross-field checks (unique codes, weights summing to 1, participants) in validate.ts.
 */
import { z } from 'zod'

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
  })
  .strict()

const scaledPopulationSchema = z
  .object({
    weight: exactNumber,
    exponent: z.number().gt(0, 'exponent must be > 0').lte(1, 'exponent must be ≤ 1'),
  })
  .strict()

const metricDriverSchema = z.object({ name: z.string().min(1), weight: exactNumber }).strict()

export const ruleSchema = z
  .object({
    /** 均等割 */
    equal: exactNumber.optional(),
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

export const costSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    amount: yenAmount,
    members: z.array(z.string()).optional(),
    rule: ruleSchema,
    traffic: trafficSettingsSchema.optional(),
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
      .optional(),
    description: z.string().optional(),
    members: z.array(memberSchema).min(1),
    costs: z.array(costSchema),
    rounding: z
      .object({ unit: z.union([z.literal(1), z.literal(1000)]) })
      .strict()
      .optional(),
    target: z
      .object({ minSavingsRate: z.number().finite().min(0).max(1).optional() })
      .strict()
      .optional(),
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
