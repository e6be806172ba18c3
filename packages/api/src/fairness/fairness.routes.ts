/**
 * GET /api/scenarios/:id/fairness — savings targets (削減率目標), the α interval, the smallest adjustment, and the
 * Shapley value and core check when the scenario has a coalition model: `warikan fairness --format json`, computed
 * by the same service (fairness/fairness.service.ts) on the scenario's stored allocation, cached per version.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import {
  allocate,
  formatInteger,
  parseScenario,
  type InputIssue,
  type Scenario,
} from '@warikan/core'
import { ComputationStopped, EXACT_SCALE_LIMIT } from '@warikan/core/fairness'
import type { Env } from '../env'
import { ApiError, issueDetails, notFound } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { sendJsonText } from '../http/json-text'
import {
  authErrors,
  IdParam,
  json,
  jsonBody,
  notFoundError,
  ScenarioDocumentSchema,
  validationError,
} from '../http/schemas'
import { storedTraffic } from '../traffic/traffic.service'
import { scenarioAccess } from '../scenario/scenario.routes'
import { fairnessCache } from './fairness-cache'
import {
  fairness,
  fairnessJson,
  MIN_SAMPLING_GROUPS,
  workPerGroup,
  type GameBounds,
} from './fairness.service'

const DRIVER = /^(equal|population|scaledPopulation|traffic|metric:[^,]+)$/

export const FairnessQuery = z.object({
  alpha: z
    .string()
    .optional()
    .openapi({
      param: { name: 'alpha', in: 'query' },
      example: 'equal,population',
      description:
        'α を解く2つの按分方法 (two drivers, first gets weight α). 省略時: 2つだけを組み合わせた費目の金額が最も大きい組 (均等割を先に); `none` で省略',
    }),
  seed: z.coerce
    .number()
    .int()
    .optional()
    .openapi({
      param: { name: 'seed', in: 'query' },
      example: 1,
      description: 'シャープレイ値の標本抽出とコア探索の乱数の種 (default 1)',
    }),
})

const TargetMemberSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    total: z.number().int().openapi({ description: '現行の按分の負担額 (円)' }),
    standaloneCost: z.number().int().optional(),
    cap: z
      .number()
      .int()
      .optional()
      .openapi({ description: '目標を満たす負担額の上限 floor((1−r)·単独導入)' }),
    savingsRate: z.number().optional(),
    meetsTarget: z.boolean().optional(),
    shortfall: z.number().int().optional(),
    slack: z.number().int().optional(),
  })
  .openapi('FairnessTargetMember')

const TargetsSchema = z
  .object({
    minSavingsRate: z.string().openapi({ example: '1/5' }),
    missing: z.array(z.string()).openapi({ description: '目標に届かない団体コード' }),
    totalShortfall: z.number().int(),
    totalSlack: z.number().int(),
    members: z.array(TargetMemberSchema),
  })
  .openapi('FairnessTargets')

const AdjustmentSchema = z
  .object({
    kind: z.enum(['notNeeded', 'adjusted', 'infeasible']),
    transferred: z.number().int().optional(),
    shortfall: z.number().int().optional(),
    slack: z.number().int().optional(),
    members: z
      .array(
        z.object({
          code: z.string(),
          before: z.number().int(),
          adjustment: z.number().int(),
          after: z.number().int(),
        }),
      )
      .optional(),
  })
  .openapi('FairnessAdjustment')

const AlphaSchema = z
  .object({
    kind: z.enum(['interval', 'none']),
    drivers: z.array(z.string()),
    costIds: z.array(z.string()),
    checkedOn: z.string(),
    auto: z
      .boolean()
      .optional()
      .openapi({ description: 'true: the drivers were chosen by the API' }),
    binding: z.array(z.string()).optional(),
    reason: z.string().optional(),
    lo: z.string().optional(),
    hi: z.string().optional(),
    loDecimal: z.number().optional(),
    hiDecimal: z.number().optional(),
    lowerBinding: z.string().nullable().optional(),
    upperBinding: z.string().nullable().optional(),
    current: z.record(z.string(), z.string()).optional(),
    safeForRoundedYen: z.object({ lo: z.string(), hi: z.string() }).nullable().optional(),
  })
  .openapi('FairnessAlpha')

const CoreCheckSchema = z
  .object({
    method: z.enum(['exact', 'search']),
    verdict: z.enum(['inCore', 'notInCore', 'noViolationFound']),
    efficiencyGap: z.string(),
    effort: z.object({
      coalitionsEvaluated: z.number().int(),
      starts: z.number().int().optional(),
      greedySteps: z.number().int().optional(),
      exactRechecks: z.number().int().optional(),
    }),
    worst: z
      .object({
        members: z.array(z.string()),
        pays: z.string(),
        cost: z.string(),
        excess: z.string(),
      })
      .nullable(),
  })
  .openapi('CoreCheck')

const ShapleyMemberSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    standaloneCost: z.number().int(),
    shapley: z
      .number()
      .int()
      .openapi({ description: 'シャープレイ値 (円, 最大剰余法で c(N) に一致)' }),
    shapleyExact: z.string().openapi({ description: '丸め前の正確な値 (分数)' }),
    scenario: z.number().int().openapi({ description: '現行の按分の負担額 (円)' }),
    diff: z.number().int().openapi({ description: 'scenario − shapley' }),
    standardError: z
      .number()
      .optional()
      .openapi({ description: '標本抽出したときの標準誤差 (円)' }),
  })
  .openapi('ShapleyMember')

const CoalitionGameSchema = z
  .object({
    grandCost: z.string().openapi({ description: 'c(N), exact' }),
    roundedGrandCost: z.number().int(),
    components: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        method: z.enum(['closedForm', 'exact', 'sampled']),
      }),
    ),
    sampled: z
      .object({ seed: z.number(), groups: z.number(), permutations: z.number() })
      .nullable(),
    members: z.array(ShapleyMemberSchema),
    core: z.object({ shapley: CoreCheckSchema, scenario: CoreCheckSchema }),
  })
  .openapi('CoalitionGame')

export const FairnessSchema = z
  .object({
    targets: TargetsSchema.nullable().openapi({ description: 'null: no target.minSavingsRate' }),
    adjustment: AdjustmentSchema.nullable(),
    alpha: AlphaSchema.nullable(),
    coalitionModel: CoalitionGameSchema.nullable().openapi({
      description: 'null: the scenario has no coalitionModel',
    }),
    summary: z.string().openapi({ description: '協議会資料に貼れる要約 (plain Japanese)' }),
  })
  .openapi('Fairness', { description: 'warikan fairness --format json (docs/fairness.md)' })

export const fairnessRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/fairness',
  tags: ['analysis'],
  summary: '公平性の検証 (fairness: targets, α interval, Shapley value and core)',
  request: { params: IdParam, query: FairnessQuery },
  responses: {
    200: json(FairnessSchema, '公平性レポート'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export const fairnessOfDocumentRoute = createRoute({
  method: 'post',
  path: '/api/scenarios/{id}/fairness',
  tags: ['analysis'],
  summary:
    '編集中の文書の公平性 (fairness of an unsaved edit of this scenario, with its stored traffic)',
  description:
    '本文はシナリオファイル（保存しない）。照会ログはこのシナリオに取り込み済みのものを使う。応答は GET と同じ形。',
  request: { params: IdParam, query: FairnessQuery, body: jsonBody(ScenarioDocumentSchema) },
  responses: {
    200: json(FairnessSchema, '公平性レポート'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

/** `?alpha=` → the drivers, 'auto' (absent) or undefined (`none`); 422 naming query.alpha otherwise. */
function alphaOption(raw: string | undefined): [string, string] | 'auto' | undefined {
  if (raw === undefined || raw === '' || raw === 'auto') return 'auto'
  if (raw === 'none') return undefined
  const parts = raw.split(',').map((s) => s.trim())
  if (parts.length !== 2 || !parts.every((p) => DRIVER.test(p)))
    throw new ApiError('validation', '入力が正しくありません (invalid query)', [
      {
        path: 'query.alpha',
        field: 'alpha',
        message:
          '2つの按分方法をカンマ区切りで指定してください (e.g. equal,population; metric:NAME)',
      },
    ])
  return parts as [string, string]
}

/**
 * The coalition game's work on this server: the sampled Shapley value (a scale-economy component over more
 * than EXACT_SCALE_LIMIT members) gets at most WARIKAN_FAIRNESS_MAX_WORK evaluations — fewer groups when the
 * consortium is large, 422 when even the fewest groups would exceed it — and every computation stops at the
 * request timeout (checked between groups and search starts: 504).
 */
function gameBounds(scenario: Scenario, env: Env): GameBounds {
  const deadline = Date.now() + env.WARIKAN_REQUEST_TIMEOUT_MS
  const shouldStop = () => Date.now() > deadline
  const n = scenario.members.length
  const components = (scenario.coalitionModel?.['components'] ?? []) as Array<{ kind?: unknown }>
  const sampled =
    n > EXACT_SCALE_LIMIT &&
    Array.isArray(components) &&
    components.some((c) => c?.kind === 'scaleEconomy')
  if (!sampled) return { shouldStop }
  const maxGroups = Math.floor(env.WARIKAN_FAIRNESS_MAX_WORK / workPerGroup(n))
  if (maxGroups < MIN_SAMPLING_GROUPS)
    throw new ApiError(
      'validation',
      `構成団体 ${n} のシャープレイ値の標本計算は API の上限を超えます: 団体数 × 標本数 (${n} × ${MIN_SAMPLING_GROUPS} 組 ≈ ${formatInteger(MIN_SAMPLING_GROUPS * workPerGroup(n))} 回) > ${formatInteger(env.WARIKAN_FAIRNESS_MAX_WORK)} 回 — CLI の warikan fairness で計算してください (too many members for the sampled Shapley value within the server's bound; use the CLI)`,
      [
        {
          path: 'coalitionModel',
          field: 'coalitionModel',
          message: `${n} members exceed the bound`,
        },
      ],
    )
  return { shouldStop, maxGroups: Math.min(200, maxGroups) }
}

/**
 * Runs a fairness computation under the request's bounds: stopped at the request timeout → 504; an invalid
 * coalition model or unusable α drivers → 422 with their paths.
 */
function bounded<
  R extends
    | { ok: true }
    | { ok: false; reason: 'model'; issues: InputIssue[] }
    | { ok: false; reason: 'alpha'; message: string },
>(env: Env, run: () => R): Extract<R, { ok: true }> {
  let result: R
  try {
    result = run()
  } catch (e) {
    if (e instanceof ComputationStopped)
      throw new ApiError(
        'timeout',
        `公平性の計算が ${env.WARIKAN_REQUEST_TIMEOUT_MS} ms 以内に終わらないため中止しました (fairness computation stopped at the request timeout)`,
      )
    throw e
  }
  if (result.ok) return result as Extract<R, { ok: true }>
  if (result.reason === 'model')
    throw new ApiError(
      'validation',
      '提携費用モデルが正しくありません (invalid coalitionModel)',
      issueDetails(result.issues),
    )
  throw new ApiError('validation', result.message, [
    { path: 'query.alpha', field: 'alpha', message: result.message },
  ])
}

export function registerFairnessRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const cache = fairnessCache()
  app.openapi(fairnessRoute, async (c) => {
    const { id } = c.req.valid('param')
    const query = c.req.valid('query')
    const alpha = alphaOption(query.alpha)
    const { meta } = await scenarioAccess(c, deps, id, 'readAll')
    const allocated = await deps.allocations.forScenario(meta)
    if (!allocated.ok) {
      if (allocated.reason === 'not_found') throw notFound(`シナリオ ${id}`)
      throw new ApiError(
        'validation',
        '按分できません (cannot allocate)',
        issueDetails(allocated.issues),
      )
    }
    const bounds = gameBounds(allocated.scenario, deps.env)
    const result = bounded(deps.env, () =>
      cache.get(allocated, { alpha, seed: query.seed ?? 1, bounds }),
    )
    return sendJsonText(c, result.json)
  })

  app.openapi(fairnessOfDocumentRoute, async (c) => {
    const { id } = c.req.valid('param')
    const query = c.req.valid('query')
    const alpha = alphaOption(query.alpha)
    await scenarioAccess(c, deps, id, 'readAll')
    const parsed = parseScenario(c.req.valid('json'))
    if (!parsed.ok)
      throw new ApiError(
        'validation',
        'シナリオが正しくありません (invalid scenario)',
        issueDetails(parsed.issues),
      )
    const traffic = await storedTraffic(deps.db, id)
    const allocated = allocate(parsed.value, traffic ? { traffic } : {})
    if (!allocated.ok)
      throw new ApiError(
        'validation',
        '按分できません (cannot allocate)',
        issueDetails(allocated.issues),
      )
    // the same bounds as the stored scenario's route: a posted document cannot buy unbounded work
    const bounds = gameBounds(parsed.value, deps.env)
    const result = bounded(deps.env, () =>
      fairness(parsed.value, allocated.value, { alpha, seed: query.seed ?? 1, traffic, bounds }),
    )
    return c.json(fairnessJson(result.value), 200)
  })
}
