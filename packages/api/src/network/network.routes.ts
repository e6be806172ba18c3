/** POST /api/network/check — topology JSON (topology-format.md) → `{ findings }` (checks NET-001…006). */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { ApiError, issueDetails } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { authErrors, json, jsonBody, validationError } from '../http/schemas'
import { checkNetworkDocument } from './network.service'

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
  },
})

export function registerNetworkRoutes(app: OpenAPIHono<AppEnv>, _deps: AppDeps): void {
  app.openapi(networkCheckRoute, (c) => {
    const checked = checkNetworkDocument(c.req.valid('json'))
    if (!checked.ok)
      throw new ApiError(
        'validation',
        'ネットワーク構成が正しくありません (invalid topology)',
        issueDetails(checked.issues),
      )
    return c.json(checked.result as unknown as { findings: Record<string, unknown>[] }, 200)
  })
}
