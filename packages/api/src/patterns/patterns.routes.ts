/** GET /api/scenarios/:id/patterns — the three deployment patterns (表3-6) sized from the members' load. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { evaluatePatterns } from '@warikan/core/patterns'
import { ApiError, issueDetails, notFound } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { authErrors, IdParam, json, notFoundError, validationError } from '../http/schemas'
import { loadScenario } from '../scenario/scenario.service'
import { scenarioAccess } from '../scenario/scenario.routes'

export const patternsRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/patterns',
  tags: ['analysis'],
  summary: '共同利用形態の比較 (compare deployment patterns; `warikan patterns --format json`)',
  request: { params: IdParam },
  responses: {
    200: json(z.looseObject({}).openapi('Patterns'), 'パターン比較'),
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
    return c.json(result.value as unknown as Record<string, unknown>, 200)
  })
}
