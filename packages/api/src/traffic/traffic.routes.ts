/**
 * 照会ログ over HTTP: upload (raw CSV body, streamed; all-or-nothing; duplicates refused unless ?force=1),
 * the stored aggregate, and the divergence report. Answers 501 until the traffic service lands.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { notImplemented } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import {
  authErrors,
  conflictError,
  IdParam,
  json,
  notFoundError,
  notImplementedError,
  validationError,
} from '../http/schemas'
import { scenarioAccess } from '../scenario/scenario.routes'

export const TrafficPairSchema = z
  .object({
    requester: z.string(),
    provider: z.string(),
    queries: z.number().int(),
    records: z.number().int(),
    bytes: z.number().int(),
  })
  .openapi('TrafficPair')

export const TrafficUploadSchema = z
  .object({
    rows: z.number().int(),
    file: z.string(),
    summary: z.looseObject({}),
  })
  .openapi('TrafficUpload')

export const TrafficSchema = z
  .object({
    rows: z.number().int(),
    pairs: z.array(TrafficPairSchema),
    monthly: z.array(
      z.object({ month: z.string().openapi({ example: '2026-06' }), queries: z.number().int() }),
    ),
  })
  .openapi('Traffic')

const UploadQuery = z.object({
  force: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .openapi({
      param: { name: 'force', in: 'query' },
      description: '同じ内容のファイルでも取り込む',
    }),
})

/** The path of the one streamed route: body-size and timeout middleware treat it apart. */
export const TRAFFIC_UPLOAD_PATH = /^\/api\/scenarios\/\d+\/traffic$/

export const uploadTrafficRoute = createRoute({
  method: 'post',
  path: '/api/scenarios/{id}/traffic',
  tags: ['traffic'],
  summary: '照会ログ CSV を取り込む (upload a traffic log; raw text/csv body, streamed; editor+)',
  description:
    'Content-Type: text/csv、X-Filename ヘッダーでファイル名。1 行でも不正ならファイル全体を取り込まない (422, details に line)。同じ内容は 409 (?force=1 で強制)。',
  request: {
    params: IdParam,
    query: UploadQuery,
    body: {
      content: { 'text/csv': { schema: z.string().openapi({ format: 'binary' }) } },
      required: true,
    },
  },
  responses: {
    201: json(TrafficUploadSchema, '取り込んだ行数と集計'),
    ...authErrors,
    ...notFoundError,
    ...conflictError,
    ...validationError,
    ...notImplementedError,
  },
})

export const getTrafficRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/traffic',
  tags: ['traffic'],
  summary: '保存済み照会ログの集計 (stored traffic aggregate; member: pairs involving itself)',
  request: { params: IdParam },
  responses: {
    200: json(TrafficSchema, '集計'),
    ...authErrors,
    ...notFoundError,
    ...notImplementedError,
  },
})

export const divergenceRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/divergence',
  tags: ['traffic'],
  summary: '人口割と利用実績割の乖離 (population vs traffic share per member)',
  request: { params: IdParam },
  responses: {
    200: json(z.looseObject({}).openapi('Divergence'), '乖離'),
    ...authErrors,
    ...notFoundError,
    ...notImplementedError,
  },
})

export function registerTrafficRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(uploadTrafficRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'write')
    throw notImplemented('照会ログの取り込み')
  })
  app.openapi(getTrafficRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'read')
    throw notImplemented('照会ログの集計')
  })
  app.openapi(divergenceRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'readAll')
    throw notImplemented('乖離レポート')
  })
}
