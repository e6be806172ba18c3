/** Allocation over HTTP: a stored scenario (cached per version), one member's explanation, an unsaved what-if. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { ROUNDING_METHODS } from '@warikan/core'
import { ApiError, forbidden, issueDetails, notFound } from '../http/api-error'
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
import { memberAllocation, memberExplanations } from '../scenario/member-view'
import { scenarioAccess } from '../scenario/scenario.routes'
import { allocateDocument, explain, type AllocationResult } from './allocation.service'

export const MemberAllocationSchema = z
  .object({
    code: z.string().openapi({ example: '143014' }),
    name: z.string().openapi({ example: '葉山町' }),
    total: z.number().int().openapi({ description: '負担金合計 (円)' }),
    shares: z
      .record(z.string(), z.number().int())
      .openapi({ description: '費目 id → 負担額 (円)' }),
    adjustments: z
      .number()
      .int()
      .optional()
      .openapi({ description: '調整額 (精算額など) の合計 (円)。調整のある団体だけ' }),
    standaloneCost: z.number().int().optional(),
    savingsRate: z.number().optional(),
    meetsTarget: z.boolean().optional(),
  })
  .openapi('MemberAllocation')

export const AllocationSchema = z
  .object({
    total: z.number().int(),
    members: z.array(MemberAllocationSchema),
    costs: z.array(
      z.object({
        id: z.string(),
        amount: z.number().int(),
        deductions: z.number().int().optional(),
        allocated: z.number().int(),
      }),
    ),
  })
  .openapi('Allocation', {
    description: 'warikan allocate --format json の出力 (docs/formats/scenario.md)',
  })

const DriverExplanationSchema = z.object({
  key: z.string(),
  label: z.string(),
  detail: z.string().optional(),
  weight: z.string(),
  value: z.string(),
  total: z.string(),
  ratio: z.string(),
})

const RoundingMethodSchema = z.enum(ROUNDING_METHODS)

export const SplitExplanationSchema = z
  .object({
    name: z.string().optional(),
    weight: z.string(),
    amount: z.number().int(),
    participant: z.boolean(),
    participants: z.number().int(),
    rule: z.string(),
    drivers: z.array(DriverExplanationSchema),
    exactShare: z.string(),
    exactShareDecimal: z.string(),
    method: RoundingMethodSchema,
    unit: z.number().int(),
    floor: z.number().int(),
    unitPrice: z.string().optional(),
    adjuster: z.string().optional(),
    adjusterAbsorbed: z.number().int().optional(),
    share: z.number().int(),
    reason: z.string(),
  })
  .openapi('SplitExplanation')

export const ShareExplanationSchema = z
  .object({
    costId: z.string(),
    costName: z.string(),
    amount: z.number().int(),
    deductions: z.array(z.object({ name: z.string(), amount: z.number().int() })).optional(),
    net: z.number().int().optional(),
    code: z.string(),
    participant: z.boolean(),
    participants: z.number().int(),
    rule: z.string(),
    drivers: z.array(DriverExplanationSchema),
    exactShare: z.string(),
    exactShareDecimal: z.string(),
    method: RoundingMethodSchema,
    unit: z.number().int(),
    floor: z.number().int(),
    fractionalPart: z.string(),
    rank: z.number().int(),
    unitsHandedOut: z.number().int(),
    unitsAdded: z.number().int(),
    yenAdded: z.number().int(),
    unitPrice: z.string().optional(),
    adjuster: z.string().optional(),
    adjusterAbsorbed: z.number().int().optional(),
    parts: z.array(SplitExplanationSchema).optional(),
    share: z.number().int(),
    reason: z.string(),
  })
  .openapi('ShareExplanation')

export const ExplanationSchema = z
  .object({
    code: z.string(),
    explanations: z.array(ShareExplanationSchema),
    adjustments: z
      .array(z.object({ amount: z.number().int(), reason: z.string().optional() }))
      .optional()
      .openapi({ description: '調整額 (精算額・加算・減算) と理由。調整のある団体だけ' }),
  })
  .openapi('Explanation')

export const scenarioAllocationRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/allocation',
  tags: ['allocation'],
  summary: '保存済みシナリオの按分 (allocation of a stored scenario, with its stored traffic)',
  description: 'member ロールには自団体の行と協議会の合計だけを返す。',
  request: { params: IdParam },
  responses: {
    200: json(AllocationSchema, '按分結果'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

const CodeParam = IdParam.extend({
  code: z.string().openapi({ param: { name: 'code', in: 'path' }, example: '143014' }),
})

export const explanationRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/allocation/{code}/explanation',
  tags: ['allocation'],
  summary: '一団体の負担額の内訳 (why a member pays what it pays)',
  request: { params: CodeParam },
  responses: {
    200: json(ExplanationSchema, '費目ごとの説明'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export const allocateDocumentRoute = createRoute({
  method: 'post',
  path: '/api/allocate',
  tags: ['allocation'],
  summary: '保存しないシナリオを按分 (allocate an unsaved what-if document)',
  request: { body: jsonBody(ScenarioDocumentSchema) },
  responses: { 200: json(AllocationSchema, '按分結果'), ...authErrors, ...validationError },
})

function unwrap(result: AllocationResult, id: number) {
  if (result.ok) return result
  if (result.reason === 'not_found') throw notFound(`シナリオ ${id}`)
  throw new ApiError('validation', '按分できません (cannot allocate)', issueDetails(result.issues))
}

export function registerAllocationRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(scenarioAllocationRoute, async (c) => {
    const { id } = c.req.valid('param')
    const { meta, grant } = await scenarioAccess(c, deps, id, 'read')
    const result = unwrap(await deps.allocations.forScenario(meta), id)
    if (grant.role === 'member')
      return c.json(
        memberAllocation(result.allocation.output, result.scenario, grant.memberCode ?? ''),
        200,
      )
    // The cached JSON text is sent as is: the hot path of the load test does no serialisation.
    return sendJsonText(c, result.body)
  })

  app.openapi(explanationRoute, async (c) => {
    const { id, code } = c.req.valid('param')
    const { meta, grant } = await scenarioAccess(c, deps, id, 'read')
    if (grant.role === 'member' && grant.memberCode !== code) throw forbidden()
    const result = unwrap(await deps.allocations.forScenario(meta), id)
    if (!result.scenario.members.some((m) => m.code === code)) throw notFound(`団体コード ${code}`)
    const explained = explain(result.allocation, code)
    return c.json(
      grant.role === 'member'
        ? { ...explained, explanations: memberExplanations(explained.explanations) }
        : explained,
      200,
    )
  })

  app.openapi(allocateDocumentRoute, async (c) => {
    const result = allocateDocument(c.req.valid('json'))
    if (!result.ok)
      throw new ApiError(
        'validation',
        '按分できません (cannot allocate)',
        issueDetails(result.issues),
      )
    return c.json(result.allocation.output, 200)
  })
}
