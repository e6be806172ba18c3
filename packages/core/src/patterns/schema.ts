/**
 * The deployment-pattern extension of a scenario (docs/patterns.md, extension version 1):
 * top-level `services` (業務) and `patterns` (server catalogue, weights, allocation basis).
 * The scenario schema keeps both as unknown; they are validated here, with field paths such as
 * `services[2].hourly` or `patterns.server.capacity`.
 */
import { z } from 'zod'
import { formatPath, type InputIssue, type Result } from '../scenario/issues'
import type { Member, RoundingUnit, Scenario } from '../scenario/schema'

/** 集約範囲 (表3-7): what the cloud shares — the application, the platform, or only the hardware. */
export const SCOPES = ['SaaS', 'PaaS', 'IaaS'] as const
export type Scope = (typeof SCOPES)[number]

const nonNegative = z
  .number('数値が必要です (expected a number)')
  .finite()
  .nonnegative('負の値は使えません (must be ≥ 0)')
const positive = z
  .number('数値が必要です (expected a number)')
  .finite()
  .positive('0より大きい値が必要です (must be > 0)')

/** バッチ処理の時間帯: `duration` hours from `start` (wrapping past midnight) in each listed month. */
export const batchWindowSchema = z
  .object({
    name: z.string().min(1).optional(),
    start: z.number().int('整数の時刻 (integer hour)').min(0).max(23),
    duration: z.number().int('整数の時間数 (integer hours)').min(1).max(24),
    months: z
      .array(z.number().int().min(1, '月は1〜12 (month 1–12)').max(12, '月は1〜12 (month 1–12)'))
      .min(1, '月を1つ以上指定してください (at least one month)'),
  })
  .strict()

/** 業務 */
export const serviceSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    scope: z.enum(SCOPES, 'SaaS | PaaS | IaaS のいずれかです (scope)'),
    /** 利用団体 (codes); default: every member */
    members: z.array(z.string()).min(1, '利用団体が空です (no members)').optional(),
    /** 独自カスタマイズ団体: members running their own customised system (IaaS scope for them) */
    customised: z.array(z.string()).optional(),
    /** concurrent users per 10,000 residents, hours 0–23 */
    hourly: z
      .array(nonNegative, '配列が必要です (expected an array)')
      .length(24, '24個の値が必要です (24 hourly values expected)'),
    /** factors by calendar month, 1月 … 12月 */
    monthly: z
      .array(nonNegative, '配列が必要です (expected an array)')
      .length(12, '12個の値が必要です (12 monthly factors expected)'),
    /** concurrent users per server for this 業務 (overrides patterns.server.capacity) */
    capacity: positive.optional(),
    /** 運用スケジュール: services with the same value share backups, maintenance, releases */
    operations: z.string().min(1).optional(),
    batches: z.array(batchWindowSchema).default([]),
    description: z.string().optional(),
  })
  .strict()

export const DEFAULT_WEIGHTS = {
  cost: 0.4,
  blastRadius: 0.3,
  coupling: 0.15,
  collisions: 0.15,
} as const

export const patternSettingsSchema = z
  .object({
    version: z.literal(1, 'version は 1 です (extension version 1)'),
    description: z.string().optional(),
    server: z
      .object({
        /** concurrent users per server */
        capacity: positive,
        /** 冗長化: minimum servers in every group */
        minServers: z.number().int('整数が必要です (integer)').min(1, '1以上 (at least 1)'),
        /** annual cost per server, integer yen */
        costPerServer: z
          .number()
          .int('円単位の整数 (integer yen)')
          .nonnegative('負の値は使えません (must be ≥ 0)')
          .max(Number.MAX_SAFE_INTEGER),
      })
      .strict(),
    weights: z
      .object({
        cost: nonNegative.optional(),
        blastRadius: nonNegative.optional(),
        coupling: nonNegative.optional(),
        collisions: nonNegative.optional(),
      })
      .strict()
      .optional(),
    /** how each group's server cost is split among its members */
    allocation: z.enum(['load', 'population', 'equal']).default('load'),
  })
  .strict()

export type BatchWindow = z.output<typeof batchWindowSchema>
export type ServiceInput = z.output<typeof serviceSchema>
export type PatternSettingsInput = z.output<typeof patternSettingsSchema>
export type Weights = { cost: number; blastRadius: number; coupling: number; collisions: number }

/** A validated 業務 with members resolved to indices into scenario.members. */
export interface Service extends ServiceInput {
  index: number
  memberIndices: number[]
  customisedIndices: Set<number>
  /** users per server */
  effectiveCapacity: number
  /** operation schedule id */
  schedule: string
}

export interface PatternModel {
  members: Member[]
  services: Service[]
  settings: PatternSettingsInput
  weights: Weights
  roundingUnit: RoundingUnit
}

const zodIssues = (prefix: string, error: z.ZodError): InputIssue[] =>
  error.issues.map((i) => ({ path: formatPath([prefix, ...i.path]), message: i.message }))

/** Validate the extension of an already-parsed scenario. Every problem is data, with its field path. */
export function parsePatternModel(scenario: Scenario): Result<PatternModel> {
  const issues: InputIssue[] = []
  if (scenario.services === undefined || scenario.services.length === 0)
    issues.push({ path: 'services', message: '業務 (services) の定義がありません (no services)' })
  if (scenario.patterns === undefined)
    issues.push({
      path: 'patterns',
      message: 'patterns（サーバ条件）の定義がありません (patterns.server is required)',
    })
  if (issues.length) return { ok: false, issues }

  const services = z.array(serviceSchema).safeParse(scenario.services)
  if (!services.success) issues.push(...zodIssues('services', services.error))
  const settings = patternSettingsSchema.safeParse(scenario.patterns)
  if (!settings.success) issues.push(...zodIssues('patterns', settings.error))
  if (!services.success || !settings.success) return { ok: false, issues }

  const codeIndex = new Map(scenario.members.map((m, i) => [m.code, i]))
  const ids = new Map<string, number>()
  const resolved: Service[] = services.data.map((s, si) => {
    const at = `services[${si}]`
    const first = ids.get(s.id)
    if (first !== undefined)
      issues.push({
        path: `${at}.id`,
        message: `業務ID "${s.id}" が重複しています (duplicate service id, first at services[${first}])`,
      })
    else ids.set(s.id, si)
    const memberIndices: number[] = []
    const seen = new Set<number>()
    ;(s.members ?? scenario.members.map((m) => m.code)).forEach((code, k) => {
      const index = codeIndex.get(code)
      if (index === undefined)
        issues.push({
          path: `${at}.members[${k}]`,
          message: `未登録の団体コード ${code} (unknown member)`,
        })
      else if (seen.has(index))
        issues.push({
          path: `${at}.members[${k}]`,
          message: `団体コード ${code} が重複しています (duplicate member)`,
        })
      else {
        seen.add(index)
        memberIndices.push(index)
      }
    })
    memberIndices.sort((a, b) => a - b)
    const customisedIndices = new Set<number>()
    ;(s.customised ?? []).forEach((code, k) => {
      const index = codeIndex.get(code)
      if (index === undefined || !seen.has(index))
        issues.push({
          path: `${at}.customised[${k}]`,
          message: `${code} はこの業務の利用団体ではありません (not a member using this service)`,
        })
      else customisedIndices.add(index)
    })
    return {
      ...s,
      index: si,
      memberIndices,
      customisedIndices,
      effectiveCapacity: s.capacity ?? settings.data.server.capacity,
      schedule: s.operations ?? s.id,
    }
  })

  const weights: Weights = { ...DEFAULT_WEIGHTS, ...settings.data.weights }
  if (weights.cost + weights.blastRadius + weights.coupling + weights.collisions <= 0)
    issues.push({
      path: 'patterns.weights',
      message: '重みの合計が0です (at least one weight must be > 0)',
    })

  // Exactness guard: every load is summed as an integer number of micro-servers (load.ts); the
  // largest possible sum must stay a safe integer.
  let bound = 0
  for (const s of resolved) {
    const pop = s.memberIndices.reduce((a, i) => a + scenario.members[i]!.population, 0)
    bound +=
      (pop * Math.max(...s.hourly) * Math.max(...s.monthly) * 1e6) / 10_000 / s.effectiveCapacity
  }
  if (!(bound * 288 < Number.MAX_SAFE_INTEGER / 2))
    issues.push({
      path: 'services',
      message: '負荷が大きすぎて正確に計算できません (load too large for exact sizing)',
    })

  if (issues.length) return { ok: false, issues }
  return {
    ok: true,
    value: {
      members: scenario.members,
      services: resolved,
      settings: settings.data,
      weights,
      roundingUnit: scenario.rounding?.unit ?? 1,
    },
  }
}
