/** GET /api/me, and POST /api/consortia/:cid/tokens (admin): a new token, shown once. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { actorOf } from '../audit/audit.service'
import { ApiError } from '../http/api-error'
import { requireGrant } from '../http/access'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { authErrors, ConsortiumIdParam, json, jsonBody, validationError } from '../http/schemas'
import { createApiToken } from './auth.service'
import { ROLES } from './roles'

const RoleSchema = z.enum(ROLES).openapi('Role', {
  description: 'admin = 事務局, editor, viewer, member = 自団体の詳細と協議会合計のみ',
})

export const MeSchema = z
  .object({
    name: z.string(),
    roles: z.array(
      z.object({
        consortiumId: z.number().int(),
        role: RoleSchema,
        memberCode: z.string().optional(),
      }),
    ),
  })
  .openapi('Me')

export const meRoute = createRoute({
  method: 'get',
  path: '/api/me',
  tags: ['auth'],
  summary: 'このトークンの名前とロール (who am I)',
  responses: { 200: json(MeSchema, 'トークンの名前とロール'), ...authErrors },
})

const CreateTokenBody = z
  .object({
    role: RoleSchema,
    memberCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    name: z.string().min(1).max(200).optional(),
  })
  .openapi('CreateToken')

const CreatedTokenSchema = z
  .object({
    id: z.number().int(),
    token: z.string().openapi({ description: '一度だけ表示されます (shown once; stored hashed)' }),
  })
  .openapi('CreatedToken')

export const createTokenRoute = createRoute({
  method: 'post',
  path: '/api/consortia/{cid}/tokens',
  tags: ['auth'],
  summary: 'トークンを発行 (admin): 一度だけ表示 (create a token, shown once)',
  request: { params: ConsortiumIdParam, body: jsonBody(CreateTokenBody) },
  responses: {
    201: json(CreatedTokenSchema, '発行したトークン'),
    ...authErrors,
    ...validationError,
  },
})

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(meRoute, (c) => {
    const p = c.get('principal')
    return c.json({ name: p.name, roles: p.roles }, 200)
  })

  app.openapi(createTokenRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'admin')
    const body = c.req.valid('json')
    const result = await createApiToken(
      deps.db,
      { consortium: cid, role: body.role, memberCode: body.memberCode, name: body.name },
      actorOf(c.get('principal')),
    )
    if (!result.ok)
      throw new ApiError('validation', result.message, [
        {
          path: result.field === 'member' ? 'memberCode' : result.field,
          field: result.field,
          message: result.message,
        },
      ])
    return c.json({ id: result.tokenId, token: result.token }, 201)
  })
}
