/** GET /api/consortia — the consortia the token holds a role in. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { authErrors, json } from '../http/schemas'
import { visibleConsortia } from './consortium.service'

export const ConsortiumSchema = z
  .object({
    id: z.number().int(),
    name: z.string().openapi({ example: '神奈川県町村情報システム共同事業組合' }),
  })
  .openapi('Consortium')

export const listConsortiaRoute = createRoute({
  method: 'get',
  path: '/api/consortia',
  tags: ['consortia'],
  summary: '見える協議会の一覧 (consortia this token can see)',
  responses: {
    200: json(z.array(ConsortiumSchema), '協議会の一覧'),
    ...authErrors,
  },
})

export function registerConsortiumRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listConsortiaRoute, async (c) =>
    c.json(await visibleConsortia(deps.db, c.get('principal')), 200),
  )
}
