/** The audit trail over HTTP (read only): per scenario and per consortium; admin, editor and viewer. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { requireGrant } from '../http/access'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import {
  authErrors,
  ConsortiumIdParam,
  decimalId,
  IdParam,
  json,
  notFoundError,
} from '../http/schemas'
import { scenarioAccess } from '../scenario/scenario.routes'
import { listAudit } from './audit.service'

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    tokenId: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'トークンの id (トークン自体は記録しない)' }),
    actor: z.string().openapi({ description: 'トークン名' }),
    consortiumId: z.number().int().nullable(),
    scenarioId: z.number().int().nullable(),
    action: z.string().openapi({ example: 'scenario.update' }),
    target: z.string().openapi({ example: 'scenario:1' }),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('AuditEntry')

const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .openapi({ param: { name: 'limit', in: 'query' } }),
  before: decimalId('before', 'query')
    .optional()
    .openapi({ description: 'この id より前 (paging backwards)' }),
})

export const scenarioAuditRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/audit',
  tags: ['audit'],
  summary: 'シナリオの監査ログ、新しい順 (audit trail of a scenario, newest first)',
  request: { params: IdParam, query: PageQuery },
  responses: { 200: json(z.array(AuditEntrySchema), '監査ログ'), ...authErrors, ...notFoundError },
})

export const consortiumAuditRoute = createRoute({
  method: 'get',
  path: '/api/consortia/{cid}/audit',
  tags: ['audit'],
  summary: '協議会の監査ログ、新しい順 (audit trail of a consortium)',
  request: { params: ConsortiumIdParam, query: PageQuery },
  responses: { 200: json(z.array(AuditEntrySchema), '監査ログ'), ...authErrors },
})

export function registerAuditRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(scenarioAuditRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'readAll')
    const { limit, before } = c.req.valid('query')
    return c.json(
      await listAudit(deps.db, {
        scenarioId: id,
        ...(limit === undefined ? {} : { limit }),
        ...(before === undefined ? {} : { beforeId: before }),
      }),
      200,
    )
  })
  app.openapi(consortiumAuditRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'readAll')
    const { limit, before } = c.req.valid('query')
    return c.json(
      await listAudit(deps.db, {
        consortiumId: cid,
        ...(limit === undefined ? {} : { limit }),
        ...(before === undefined ? {} : { beforeId: before }),
      }),
      200,
    )
  })
}
