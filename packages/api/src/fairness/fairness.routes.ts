/** GET /api/scenarios/:id/fairness — targets and Shapley vs the split (@warikan/core/fairness); 501 until it lands. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { notImplemented } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { authErrors, IdParam, json, notFoundError, notImplementedError } from '../http/schemas'
import { scenarioAccess } from '../scenario/scenario.routes'

export const fairnessRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/fairness',
  tags: ['analysis'],
  summary: '公平性の検査 (fairness: targets, Shapley vs the scenario split)',
  request: { params: IdParam },
  responses: {
    200: json(z.looseObject({}).openapi('Fairness'), '公平性レポート'),
    ...authErrors,
    ...notFoundError,
    ...notImplementedError,
  },
})

export function registerFairnessRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(fairnessRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'readAll')
    throw notImplemented('公平性の検査')
  })
}
