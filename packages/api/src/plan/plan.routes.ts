/**
 * Plans (中期計画) over HTTP: list, create, read, update (optimistic concurrency), delete; the expanded years
 * with the period summary; one year as a scenario file, and that year saved as a stored scenario (予算).
 * Roles as for scenarios: read for any role (a member sees its own rows), write for editor+, delete for admin.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { PlanOutput } from '@warikan/core'
import { planSchema } from '@warikan/core/plan'
import type { Context } from 'hono'
import { AllocationSchema } from '../allocation/allocation.routes'
import { actorOf } from '../audit/audit.service'
import type { RoleGrant } from '../auth/roles'
import { getConsortium } from '../consortium/consortium.service'
import { ApiError, issueDetails, notFound, versionConflict } from '../http/api-error'
import { requireGrant } from '../http/access'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import {
  authErrors,
  conflictError,
  ConsortiumIdParam,
  coreDocument,
  DeletedSchema,
  IdParam,
  json,
  jsonBody,
  notFoundError,
  ScenarioDocumentSchema,
  validationError,
} from '../http/schemas'
import type { WriteResult } from '../scenario/scenario-edit.service'
import { ScenarioVersionSchema } from '../scenario/scenario.routes'
import {
  allocateStoredPlan,
  createPlan,
  deletePlan,
  getPlan,
  listPlans,
  parseRates,
  savePlanYear,
  storedPlanYear,
  updatePlan,
  type PlanMeta,
  type StoredPlan,
} from './plan.service'

export const PlanDocumentSchema = coreDocument('PlanDocument', planSchema, {
  description:
    '中期計画ファイル: version, plan {from, to, title?}, consortium {name}, members[] (population は年度別可, joins, leaves), costs[] (amount は年度別可, escalation, currency, from, to, amortize), exchangeRates',
  example: {
    version: 1,
    plan: { from: 2026, to: 2028, title: '3か年計画' },
    consortium: { name: '例示協議会' },
    members: [
      { code: '143014', name: '葉山町', population: 32096, populationGrowth: -0.006 },
      { code: '143219', name: '寒川町', population: 48060, joins: 2027 },
    ],
    costs: [{ id: 'ops', name: '運用費', amount: 1000000, escalation: 0.015, rule: { equal: 1 } }],
  },
})

export const PlanSummarySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    from: z.number().int().openapi({ example: 2026 }),
    to: z.number().int().openapi({ example: 2030 }),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('PlanSummary')

export const PlanSchema = PlanSummarySchema.extend({
  consortiumId: z.number().int(),
  document: PlanDocumentSchema,
  redacted: z.boolean().optional().openapi({
    description: 'member ロール: 自団体以外の構成団体を除いた文書 (other members removed)',
  }),
}).openapi('Plan')

export const PlanAllocationSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    years: z.array(AllocationSchema.extend({ fiscalYear: z.number().int() })),
    members: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        byYear: z
          .record(z.string(), z.number().int())
          .openapi({ description: '年度 → 負担金合計 (円), 在籍した年度のみ' }),
        total: z.number().int(),
        standaloneTotal: z.number().int().optional(),
        savingsRate: z.number().optional(),
      }),
    ),
    total: z.number().int(),
  })
  .openapi('PlanAllocation', { description: 'warikan plan --format json の出力' })

const TitleQuery = z.object({
  title: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: 'title', in: 'query' } }),
})
const RateQuery = z.object({
  rate: z
    .string()
    .max(200)
    .optional()
    .openapi({
      param: { name: 'rate', in: 'query' },
      description: '為替レートの上書き (every year): USD=160 または USD=160,EUR=170',
      example: 'USD=160',
    }),
})
const YearParam = IdParam.extend({
  year: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2200)
    .openapi({ param: { name: 'year', in: 'path', required: true }, example: 2027 }),
})

const tags = ['plans']

export const listPlansRoute = createRoute({
  method: 'get',
  path: '/api/consortia/{cid}/plans',
  tags,
  summary: '協議会の中期計画一覧 (plans of a consortium)',
  request: { params: ConsortiumIdParam },
  responses: { 200: json(z.array(PlanSummarySchema), '計画一覧'), ...authErrors },
})

export const createPlanRoute = createRoute({
  method: 'post',
  path: '/api/consortia/{cid}/plans',
  tags,
  summary: '中期計画を取り込む (import a plan file; editor+)',
  description:
    '本文は計画ファイル。各年度のシナリオまで検証し、正しくなければ何も保存しない (422)。consortium.name は URL の協議会名に置き換える。',
  request: { params: ConsortiumIdParam, query: TitleQuery, body: jsonBody(PlanDocumentSchema) },
  responses: {
    201: json(ScenarioVersionSchema, '作成した計画'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export const getPlanRoute = createRoute({
  method: 'get',
  path: '/api/plans/{id}',
  tags,
  summary: '中期計画とその文書 (a plan with its document)',
  request: { params: IdParam },
  responses: { 200: json(PlanSchema, '計画'), ...authErrors, ...notFoundError },
})

const UpdateBody = z
  .object({
    version: z
      .number()
      .int()
      .positive()
      .openapi({ description: '読んだときの版 (optimistic concurrency)' }),
    document: PlanDocumentSchema,
    title: z.string().min(1).max(200).optional(),
  })
  .openapi('PlanUpdate')

export const updatePlanRoute = createRoute({
  method: 'put',
  path: '/api/plans/{id}',
  tags,
  summary: '中期計画を更新 (update; 409 when the version is stale; editor+)',
  request: { params: IdParam, body: jsonBody(UpdateBody) },
  responses: {
    200: json(ScenarioVersionSchema, '新しい版'),
    ...authErrors,
    ...notFoundError,
    ...conflictError,
    ...validationError,
  },
})

export const deletePlanRoute = createRoute({
  method: 'delete',
  path: '/api/plans/{id}',
  tags,
  summary: '中期計画を削除 (delete; admin only)',
  request: { params: IdParam },
  responses: {
    200: json(DeletedSchema, '削除した'),
    ...authErrors,
    ...notFoundError,
  },
})

export const planAllocationRoute = createRoute({
  method: 'get',
  path: '/api/plans/{id}/allocation',
  tags,
  summary: '年度ごとの按分と期間の集計 (every year allocated, and the period summary)',
  description:
    '各年度を warikan allocate と同じエンジンで按分する。?rate=USD=160 で全年度の為替レートを置き換える。member ロールには自団体の行と合計だけを返す。',
  request: { params: IdParam, query: RateQuery },
  responses: {
    200: json(PlanAllocationSchema, '計画の按分'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export const planYearRoute = createRoute({
  method: 'get',
  path: '/api/plans/{id}/years/{year}',
  tags,
  summary: '一年度をシナリオファイルとして (one fiscal year as a scenario file; viewer+)',
  request: { params: YearParam, query: RateQuery },
  responses: {
    200: json(ScenarioDocumentSchema, 'その年度のシナリオ'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export const savePlanYearRoute = createRoute({
  method: 'post',
  path: '/api/plans/{id}/years/{year}/scenario',
  tags,
  summary:
    '一年度を保存済みシナリオにする (save one year as a stored scenario, that year’s 予算; editor+)',
  request: { params: YearParam, query: TitleQuery.extend(RateQuery.shape) },
  responses: {
    201: json(ScenarioVersionSchema, '作成したシナリオ'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

async function planAccess(
  c: Context<AppEnv>,
  deps: AppDeps,
  id: number,
  permission: 'read' | 'readAll' | 'write' | 'admin',
): Promise<{ plan: StoredPlan; grant: RoleGrant }> {
  const plan = await getPlan(deps.db, id)
  if (!plan) throw notFound(`計画 ${id}`)
  return { plan, grant: requireGrant(c, plan.consortiumId, permission) }
}

const invalid = (issues: Array<{ path: string; message: string }>, what = '計画') =>
  new ApiError('validation', `${what}が正しくありません (invalid plan)`, issueDetails(issues))

function rates(text: string | undefined) {
  const r = parseRates(text)
  if (!r.ok) throw invalid(r.issues, '為替レートの指定')
  return r.value
}

function unwrap<T>(result: WriteResult<T>, what: string): T {
  if (result.ok) return result.value
  if (result.reason === 'invalid') throw invalid(result.issues)
  if (result.reason === 'not_found') throw notFound(what)
  throw versionConflict(result.currentVersion)
}

/** member: its own rows plus the totals. */
function forMember(output: PlanOutput, code: string | undefined): PlanOutput {
  return {
    ...output,
    years: output.years.map((y) => ({ ...y, members: y.members.filter((m) => m.code === code) })),
    members: output.members.filter((m) => m.code === code),
  }
}

const summary = (p: PlanMeta) => ({
  id: p.id,
  title: p.title,
  from: p.from,
  to: p.to,
  version: p.version,
  updatedAt: p.updatedAt,
})

export function registerPlanRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listPlansRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'read')
    const plans = await listPlans(deps.db, cid)
    return c.json(plans.map(summary), 200)
  })

  app.openapi(createPlanRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'write')
    if (!(await getConsortium(deps.db, cid))) throw notFound(`協議会 ${cid}`)
    const result = await createPlan(
      deps.db,
      cid,
      c.req.valid('json'),
      c.req.valid('query').title,
      actorOf(c.get('principal')),
    )
    return c.json(unwrap(result, `協議会 ${cid}`), 201)
  })

  app.openapi(getPlanRoute, async (c) => {
    const { id } = c.req.valid('param')
    const { plan, grant } = await planAccess(c, deps, id, 'read')
    const member = grant.role === 'member'
    const document = member
      ? {
          ...plan.document,
          members: ((plan.document.members ?? []) as Array<{ code?: string }>).filter(
            (m) => m.code === grant.memberCode,
          ),
        }
      : plan.document
    return c.json(
      {
        ...summary(plan),
        consortiumId: plan.consortiumId,
        document,
        ...(member ? { redacted: true } : {}),
      },
      200,
    )
  })

  app.openapi(updatePlanRoute, async (c) => {
    const { id } = c.req.valid('param')
    await planAccess(c, deps, id, 'write')
    const body = c.req.valid('json')
    const result = await updatePlan(
      deps.db,
      id,
      body.version,
      body.document,
      body.title,
      actorOf(c.get('principal')),
    )
    return c.json(unwrap(result, `計画 ${id}`), 200)
  })

  app.openapi(deletePlanRoute, async (c) => {
    const { id } = c.req.valid('param')
    await planAccess(c, deps, id, 'admin')
    const result = await deletePlan(deps.db, id, actorOf(c.get('principal')))
    return c.json({ ...unwrap(result, `計画 ${id}`), deleted: true as const }, 200)
  })

  app.openapi(planAllocationRoute, async (c) => {
    const { id } = c.req.valid('param')
    const { plan, grant } = await planAccess(c, deps, id, 'read')
    const result = allocateStoredPlan(plan, rates(c.req.valid('query').rate))
    if (!result.ok) throw invalid(result.issues)
    const output = result.value.output
    return c.json(grant.role === 'member' ? forMember(output, grant.memberCode) : output, 200)
  })

  app.openapi(planYearRoute, async (c) => {
    const { id, year } = c.req.valid('param')
    const { plan } = await planAccess(c, deps, id, 'readAll')
    const result = storedPlanYear(plan, year, rates(c.req.valid('query').rate))
    if (!result) throw notFound(`計画 ${id} の ${year} 年度`)
    if (!result.ok) throw invalid(result.issues)
    return c.json(result.value, 200)
  })

  app.openapi(savePlanYearRoute, async (c) => {
    const { id, year } = c.req.valid('param')
    const { plan } = await planAccess(c, deps, id, 'write')
    const query = c.req.valid('query')
    const result = await savePlanYear(
      deps.db,
      plan,
      year,
      query.title,
      rates(query.rate),
      actorOf(c.get('principal')),
    )
    if (!result) throw notFound(`計画 ${id} の ${year} 年度`)
    return c.json(unwrap(result, `計画 ${id}`), 201)
  })
}
