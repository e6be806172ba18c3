/**
 * GET /api/me; tokens of a consortium (admin): POST a new one (shown once, expires), GET the list, DELETE one
 * (revoke). Every write audited in its transaction.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { actorOf } from '../audit/audit.service'
import { ApiError, notFound } from '../http/api-error'
import { requireGrant } from '../http/access'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import {
  authErrors,
  conflictError,
  ConsortiumIdParam,
  decimalId,
  json,
  jsonBody,
  notFoundError,
  validationError,
} from '../http/schemas'
import {
  createApiToken,
  listApiTokens,
  revokeApiToken,
  tokenStatus,
  type TokenRecord,
} from './auth.service'
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
    expires: z.string().max(40).optional().openapi({
      description:
        '有効期限: 日数 (90d)、日付 (2027-03-31、その日の終わりまで)、ISO 時刻、または never。既定 90 日',
      example: '90d',
    }),
  })
  .openapi('CreateToken')

const CreatedTokenSchema = z
  .object({
    id: z.number().int(),
    token: z.string().openapi({ description: '一度だけ表示されます (shown once; stored hashed)' }),
    expiresAt: z.string().nullable().openapi({ description: '有効期限 (ISO)。null = 無期限' }),
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

export const TokenInfoSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    demo: z.boolean(),
    status: z.enum(['active', 'expired', 'revoked']),
    roles: z.array(
      z.object({
        consortiumId: z.number().int(),
        role: RoleSchema,
        memberCode: z.string().optional(),
      }),
    ),
  })
  .openapi('TokenInfo', { description: 'トークンの情報 (never the token itself)' })

export const listTokensRoute = createRoute({
  method: 'get',
  path: '/api/consortia/{cid}/tokens',
  tags: ['auth'],
  summary: 'この協議会のトークン一覧 (admin; never the tokens themselves)',
  request: { params: ConsortiumIdParam },
  responses: { 200: json(z.array(TokenInfoSchema), 'トークン一覧'), ...authErrors },
})

const TokenIdParam = ConsortiumIdParam.extend({
  tokenId: decimalId('tokenId', 'path'),
})

export const revokeTokenRoute = createRoute({
  method: 'delete',
  path: '/api/consortia/{cid}/tokens/{tokenId}',
  tags: ['auth'],
  summary: 'トークンを失効させる (admin; revoke a token at once)',
  request: { params: TokenIdParam },
  responses: {
    200: json(TokenInfoSchema, '失効したトークン'),
    ...authErrors,
    ...notFoundError,
    ...conflictError,
  },
})

const tokenInfo = (t: TokenRecord) => ({ ...t, status: tokenStatus(t) })

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
      {
        consortium: cid,
        role: body.role,
        memberCode: body.memberCode,
        name: body.name,
        expires: body.expires,
      },
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
    return c.json({ id: result.tokenId, token: result.token, expiresAt: result.expiresAt }, 201)
  })

  app.openapi(listTokensRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'admin')
    return c.json((await listApiTokens(deps.db, cid)).map(tokenInfo), 200)
  })

  app.openapi(revokeTokenRoute, async (c) => {
    const { cid, tokenId } = c.req.valid('param')
    requireGrant(c, cid, 'admin')
    const result = await revokeApiToken(deps.db, tokenId, actorOf(c.get('principal')), cid)
    deps.forgetTokens()
    if (!result.ok) {
      if (result.reason === 'not_found') throw notFound(`トークン ${tokenId}`)
      if (result.reason === 'demo')
        throw new ApiError(
          'conflict',
          `トークン ${tokenId} はデモ用です。デモはこのトークンで動くため失効できません (the demo token cannot be revoked)`,
        )
      throw new ApiError('conflict', `トークン ${tokenId} は失効済みです (already revoked)`)
    }
    return c.json(tokenInfo(result.token), 200)
  })
}
