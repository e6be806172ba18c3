/**
 * POST /api/settle — 精算: the budget split against the actual one, per member and cost item, as
 * `warikan settle --format json`. The two scenarios are stored ones ({budgetId, actualId}, read like any other
 * scenario read of their consortium) or unsaved bodies ({budget, actual}).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { Result, SettlementSide } from '@warikan/core'
import { ApiError, issueDetails, notFound } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import {
  authErrors,
  json,
  jsonBody,
  notFoundError,
  ScenarioDocumentSchema,
  validationError,
} from '../http/schemas'
import { scenarioAccess } from '../scenario/scenario.routes'
import { documentSide, settleSides } from './settlement.service'

const AmountsShape = {
  budget: z.number().int().openapi({ description: '予算での負担額 (調整額を除く)' }),
  actual: z.number().int().openapi({ description: '決算での負担額 (調整額を除く)' }),
  settlement: z
    .number()
    .int()
    .openapi({ description: '精算額 = actual − budget (正: 追加負担、負: 還付)' }),
}
const SettlementAmountsSchema = z.object(AmountsShape).openapi('SettlementAmounts')

export const SettlementSchema = z
  .object({
    fiscalYear: z.number().int(),
    members: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          ...AmountsShape,
          costs: z
            .record(z.string(), SettlementAmountsSchema)
            .openapi({ description: '両ファイルの全費目 (一方にない費目は 0)' }),
        })
        .openapi('MemberSettlement'),
    ),
    total: SettlementAmountsSchema,
  })
  .openapi('Settlement', {
    description: 'warikan settle --format json の出力 (決算ファイルの団体順)',
  })

const SettleRequestSchema = z
  .object({
    budgetId: z.number().int().positive().optional().openapi({ description: '予算シナリオの id' }),
    actualId: z.number().int().positive().optional().openapi({ description: '決算シナリオの id' }),
    budget: ScenarioDocumentSchema.optional(),
    actual: ScenarioDocumentSchema.optional(),
  })
  .openapi('SettleRequest', {
    description:
      '{budgetId, actualId} (保存済みシナリオ) か {budget, actual} (シナリオ本体) のどちらか',
  })

export const settleRoute = createRoute({
  method: 'post',
  path: '/api/settle',
  tags: ['analysis'],
  summary: '予算と決算の精算 (settle a budget scenario against an actual one)',
  request: { body: jsonBody(SettleRequestSchema) },
  responses: {
    200: json(SettlementSchema, '精算'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

/** A stored scenario's side: read access to its consortium, its allocation through the cache. */
async function storedSide(
  c: Context<AppEnv>,
  deps: AppDeps,
  id: number,
  field: 'budgetId' | 'actualId',
): Promise<Result<SettlementSide>> {
  const { meta } = await scenarioAccess(c, deps, id, 'readAll')
  const r = await deps.allocations.forScenario(meta)
  if (r.ok) return { ok: true, value: { scenario: r.scenario, output: r.allocation.output } }
  if (r.reason === 'not_found') throw notFound(`シナリオ ${id}`)
  return {
    ok: false,
    issues: r.issues.map((i) => ({ ...i, path: `${field} ${id}: ${i.path}` })),
  }
}

export function registerSettlementRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(settleRoute, async (c) => {
    const body = c.req.valid('json')
    const byId = body.budgetId !== undefined || body.actualId !== undefined
    const byBody = body.budget !== undefined || body.actual !== undefined
    if (
      byId === byBody ||
      (byId && (body.budgetId === undefined || body.actualId === undefined)) ||
      (byBody && (body.budget === undefined || body.actual === undefined))
    )
      throw new ApiError(
        'validation',
        '{budgetId, actualId} か {budget, actual} のどちらか一組を指定してください (give two scenario ids or two scenario bodies)',
        [{ path: 'body', field: 'body', message: 'budgetId + actualId, or budget + actual' }],
      )
    const [budget, actual] = byId
      ? [
          await storedSide(c, deps, body.budgetId!, 'budgetId'),
          await storedSide(c, deps, body.actualId!, 'actualId'),
        ]
      : [documentSide(body.budget, 'budget'), documentSide(body.actual, 'actual')]
    const result = settleSides(budget, actual)
    if (!result.ok)
      throw new ApiError(
        'validation',
        '精算できません (cannot settle)',
        issueDetails(result.issues),
      )
    return c.json(result.value, 200)
  })
}
