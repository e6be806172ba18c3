/** GET /api/compare?a=ID&b=ID — two stored scenarios side by side (@warikan/core/whatif); 501 until it lands. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { notImplemented } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { authErrors, json, notFoundError, notImplementedError } from '../http/schemas'
import { scenarioAccess } from '../scenario/scenario.routes'

const CompareQuery = z.object({
  a: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'a', in: 'query' } }),
  b: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'b', in: 'query' } }),
})

export const compareRoute = createRoute({
  method: 'get',
  path: '/api/compare',
  tags: ['analysis'],
  summary: '二つのシナリオの比較 (compare two scenarios)',
  request: { query: CompareQuery },
  responses: {
    200: json(z.looseObject({}).openapi('Comparison'), '比較'),
    ...authErrors,
    ...notFoundError,
    ...notImplementedError,
  },
})

export function registerWhatifRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(compareRoute, async (c) => {
    const { a, b } = c.req.valid('query')
    await scenarioAccess(c, deps, a, 'readAll')
    await scenarioAccess(c, deps, b, 'readAll')
    throw notImplemented('シナリオ比較')
  })
}
