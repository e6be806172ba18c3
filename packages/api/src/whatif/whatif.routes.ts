/**
 * GET /api/compare?a=ID&b=ID — two stored scenarios member by member (yen and %), each allocated with its own
 * stored traffic through the allocation cache; the same comparison as `warikan compare --format json`.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { ApiError, issueDetails, notFound } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { authErrors, decimalId, json, notFoundError, validationError } from '../http/schemas'
import { scenarioAccess } from '../scenario/scenario.routes'
import { compareOutputs } from './compare.service'

const CompareQuery = z.object({
  a: decimalId('a', 'query', 1).openapi({ description: '比較元 A' }),
  b: decimalId('b', 'query', 2).openapi({ description: '比較先 B' }),
})

const ComparedScenarioSchema = z
  .object({ id: z.number().int(), title: z.string(), version: z.number().int() })
  .openapi('ComparedScenario')

const DiffRowSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    before: z.number().int().optional().openapi({ description: 'A の負担額 (absent: joins in B)' }),
    after: z.number().int().optional().openapi({ description: 'B の負担額 (absent: leaves in B)' }),
    diff: z
      .number()
      .int()
      .openapi({ description: 'after − before (円; a missing side counts as 0)' }),
    percent: z
      .number()
      .nullable()
      .openapi({ description: 'diff / before (null when before is 0 or absent)' }),
  })
  .openapi('DiffRow')

const JoinEffectRowSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    before: z.number().int(),
    after: z.number().int(),
    saving: z.number().int().openapi({ description: 'before − after (割り勘効果)' }),
    savingRate: z.number().nullable(),
  })
  .openapi('JoinEffectRow')

export const ComparisonSchema = z
  .object({
    a: ComparedScenarioSchema,
    b: ComparedScenarioSchema,
    rows: z.array(DiffRowSchema),
    totalBefore: z.number().int(),
    totalAfter: z.number().int(),
    totalDiff: z.number().int(),
    joinEffect: z
      .array(JoinEffectRowSchema)
      .optional()
      .openapi({ description: 'B が A の全団体と新たな団体を含むとき: 既存団体ごとの負担減' }),
  })
  .openapi('Comparison', {
    description: 'warikan compare --format json, with the two scenarios named',
  })

export const compareRoute = createRoute({
  method: 'get',
  path: '/api/compare',
  tags: ['analysis'],
  summary: '二つのシナリオの比較 (compare two stored scenarios, per member in yen and %)',
  request: { query: CompareQuery },
  responses: {
    200: json(ComparisonSchema, '比較'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

/** A stored scenario's allocation output (through the cache), or the one error type. */
async function allocated(c: Context<AppEnv>, deps: AppDeps, side: 'a' | 'b', id: number) {
  const { meta } = await scenarioAccess(c, deps, id, 'readAll')
  const r = await deps.allocations.forScenario(meta)
  if (r.ok)
    return { meta: { id, title: meta.title, version: meta.version }, output: r.allocation.output }
  if (r.reason === 'not_found') throw notFound(`シナリオ ${id}`)
  // the scenario's own paths, after the query parameter that named it
  throw new ApiError(
    'validation',
    `シナリオ ${id} (${side}) を按分できません (cannot allocate)`,
    issueDetails(r.issues).map((d) => ({ ...d, path: `query.${side}: ${d.path}` })),
  )
}

export function registerWhatifRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(compareRoute, async (c) => {
    const { a, b } = c.req.valid('query')
    const A = await allocated(c, deps, 'a', a)
    const B = await allocated(c, deps, 'b', b)
    return c.json({ a: A.meta, b: B.meta, ...compareOutputs(A.output, B.output) }, 200)
  })
}
