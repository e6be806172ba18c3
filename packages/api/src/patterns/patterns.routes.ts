/** GET /api/scenarios/:id/patterns — the three deployment patterns (表3-6) sized from the members' load. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { costSchema } from '@warikan/core'
import { evaluatePatterns, type PatternsReport } from '@warikan/core/patterns'
import { ApiError, issueDetails, notFound } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { authErrors, IdParam, json, notFoundError, validationError } from '../http/schemas'
import { loadScenario } from '../scenario/scenario.service'
import { scenarioAccess } from '../scenario/scenario.routes'

const int = () => z.number().int()
const PatternNumber = z.union([z.literal(1), z.literal(2), z.literal(3)])
const byPattern = <T extends z.ZodType>(schema: T) => z.object({ 1: schema, 2: schema, 3: schema })
const BlastRadius = z.object({ members: int(), services: int(), units: int(), population: int() })
const ServerGroup = z.object({
  id: z.string(),
  kind: z.enum(['service', 'dedicated', 'member', 'saas', 'all']),
  label: z.string(),
  members: z.array(z.string()),
  services: z.array(z.string()),
  servers: int(),
  peakDemand: z.number(),
  peakMonth: int(),
  peakHour: int(),
  peakUtilisation: z.number(),
  meanUtilisation: z.number(),
  annualCost: int(),
  batchCollisions: int(),
  collisions: z.array(
    z.object({
      a: z.object({ service: z.string(), batch: int() }),
      b: z.object({ service: z.string(), batch: int() }),
      pairs: int(),
    }),
  ),
  blastRadius: BlastRadius,
  coupling: int(),
  memberLoad: z.record(z.string(), z.number()),
})

/** The core's patterns report (`warikan patterns --format json`), checked against its type at compile time. */
export const PatternsSchema = z
  .object({
    extensionVersion: z.literal(1),
    units: int(),
    patterns: z.array(
      z.object({
        pattern: PatternNumber,
        name: z.string(),
        groups: z.array(ServerGroup),
        groupCount: int(),
        servers: int(),
        annualCost: int(),
        peakUtilisation: z.number(),
        meanUtilisation: z.number(),
        batchCollisions: int(),
        blastRadius: BlastRadius.extend({ group: z.string() }),
        coupling: int(),
        score: z.number(),
        rank: int(),
      }),
    ),
    recommendation: z.object({
      pattern: PatternNumber,
      ranking: z.array(PatternNumber),
      weights: z.object({
        cost: z.number(),
        blastRadius: z.number(),
        coupling: z.number(),
        collisions: z.number(),
      }),
      rationale: z.array(z.string()),
    }),
    allocation: z.object({
      basis: z.enum(['load', 'population', 'equal']),
      members: z.array(z.object({ code: z.string(), name: z.string(), burden: byPattern(int()) })),
      costs: byPattern(z.array(costSchema)),
    }),
  })
  .openapi('Patterns') satisfies z.ZodType<PatternsReport>

export const patternsRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/patterns',
  tags: ['analysis'],
  summary: '共同利用形態の比較 (compare deployment patterns; `warikan patterns --format json`)',
  request: { params: IdParam },
  responses: {
    200: json(PatternsSchema, 'パターン比較'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export function registerPatternsRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(patternsRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'readAll')
    const loaded = await loadScenario(deps.db, id)
    if (!loaded) throw notFound(`シナリオ ${id}`)
    const result = loaded.ok ? evaluatePatterns(loaded.scenario) : loaded
    if (!result.ok)
      throw new ApiError(
        'validation',
        'パターンを評価できません (cannot evaluate patterns)',
        issueDetails(result.issues),
      )
    return c.json(result.value, 200)
  })
}
