/** POST /api/network/check — topology JSON → findings (@warikan/core/network); 501 until it lands. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { notImplemented } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { authErrors, json, jsonBody, notImplementedError, validationError } from '../http/schemas'

export const networkCheckRoute = createRoute({
  method: 'post',
  path: '/api/network/check',
  tags: ['analysis'],
  summary: 'ネットワーク構成の検査 (topology-format.md → findings)',
  request: { body: jsonBody(z.looseObject({}).openapi('Topology')) },
  responses: {
    200: json(
      z.object({ findings: z.array(z.looseObject({})) }).openapi('NetworkFindings'),
      '検査結果',
    ),
    ...authErrors,
    ...validationError,
    ...notImplementedError,
  },
})

export function registerNetworkRoutes(app: OpenAPIHono<AppEnv>, _deps: AppDeps): void {
  app.openapi(networkCheckRoute, async () => {
    throw notImplemented('ネットワーク検査')
  })
}
