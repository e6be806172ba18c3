/** GET /api/scenarios/:id/patterns — (@warikan/core/patterns); 501 until it lands. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { notImplemented } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { authErrors, IdParam, json, notFoundError, notImplementedError } from '../http/schemas'
import { scenarioAccess } from '../scenario/scenario.routes'

export const patternsRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/patterns',
  tags: ['analysis'],
  summary: '共同化パターンの比較 (patterns)',
  request: { params: IdParam },
  responses: {
    200: json(z.looseObject({}).openapi('Patterns'), 'パターン比較'),
    ...authErrors,
    ...notFoundError,
    ...notImplementedError,
  },
})

export function registerPatternsRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(patternsRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'readAll')
    throw notImplemented('パターン比較')
  })
}
