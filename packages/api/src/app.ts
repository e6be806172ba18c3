/**
 * The HTTP API: every route a `createRoute` constant (@hono/zod-openapi), one error type, one onError,
 * one validation hook; the OpenAPI document at /doc and an interactive reference at /reference.
 */
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { timeout } from 'hono/timeout'
import type { MiddlewareHandler } from 'hono'
import type { Kysely } from 'kysely'
import { allocationService } from './allocation/allocation.service'
import { registerAllocationRoutes } from './allocation/allocation.routes'
import { registerAuditRoutes } from './audit/audit.routes'
import { registerAuthRoutes } from './auth/auth.routes'
import { registerBillRoutes } from './bills/bills.routes'
import { tokenAuthenticator } from './auth/auth.service'
import { registerConsortiumRoutes } from './consortium/consortium.routes'
import type { DialectName } from './db/create-db'
import type { Database } from './db/database'
import type { Env } from './env'
import { registerFairnessRoutes } from './fairness/fairness.routes'
import { ApiError } from './http/api-error'
import { API_HEADERS, isApiPath, PAGE_CSP } from './http/api-headers'
import type { AppEnv } from './http/app-env'
import { requireToken } from './http/auth-middleware'
import type { AppDeps } from './http/deps'
import { notFoundHandler, onError, validationHook } from './http/error-handler'
import { registerReferenceRoutes } from './http/reference'
import { rateLimitPerToken } from './http/rate-limit'
import { requestLog } from './http/request-log'
import { strictJsonBodies } from './http/strict-json-body'
import { json } from './http/schemas'
import { registerNetworkRoutes } from './network/network.routes'
import { registerPatternsRoutes } from './patterns/patterns.routes'
import { registerPlanRoutes } from './plan/plan.routes'
import { scenarioDocumentReader, scenarioStateReader } from './scenario/scenario-readers'
import { registerRegisterRoutes } from './register/register.routes'
import { registerScenarioRoutes } from './scenario/scenario.routes'
import { registerSlaRoutes } from './sla/sla.routes'
import { registerSettlementRoutes } from './settlement/settlement.routes'
import { registerTrafficRoutes, TRAFFIC_UPLOAD_PATH } from './traffic/traffic.routes'
import { registerWhatifRoutes } from './whatif/whatif.routes'

export interface CreateAppOptions {
  db: Kysely<Database>
  dialect: DialectName
  env: Env
  /** demo mode: GET /api/demo/session hands out this admin token */
  demo?: { token: string } | undefined
  /** where log lines go (default: stderr); tokens are never logged */
  log?: (line: string) => void
  /** one access-log line per request (method, path, status, ms) */
  accessLog?: boolean
  /** the Node server writes API_HEADERS itself (server.ts); otherwise a middleware sets them */
  apiHeadersSetByServer?: boolean
  /** the database's change token (SQLite, create-db.ts): scenario state and documents are remembered */
  changeToken?: (() => string) | undefined
}

const PUBLIC_PATHS = new Set(['/api/demo/session'])

export const demoSessionRoute = createRoute({
  method: 'get',
  path: '/api/demo/session',
  tags: ['demo'],
  summary: 'デモ用の管理者トークン (demo mode only)',
  security: [],
  responses: {
    200: json(z.object({ token: z.string() }).openapi('DemoSession'), 'デモ用トークン'),
  },
})

export function createApp(options: CreateAppOptions): OpenAPIHono<AppEnv> {
  const { db, dialect, env } = options
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'))
  const authenticate = tokenAuthenticator(db, {
    demo: options.demo !== undefined,
    changeToken: options.changeToken,
  })
  const deps: AppDeps = {
    forgetTokens: authenticate.forget,
    db,
    dialect,
    env,
    log,
    allocations: allocationService(db),
    scenarioState: scenarioStateReader(db, options.changeToken),
    scenarioDocument: scenarioDocumentReader(db, options.changeToken),
  }
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.onError(onError(log))
  app.notFound(notFoundHandler)

  if (options.accessLog) app.use('*', requestLog(log))
  // API responses get API_HEADERS (http/api-headers.ts) before the handler runs, so the node adapter keeps its
  // fast path (headers set after next() make it materialise and copy the Response); the Node server writes
  // them on the raw response instead. Other paths (the static web app, /doc, /reference) use secureHeaders.
  const pageHeaders = secureHeaders({ crossOriginResourcePolicy: 'same-origin' })
  const pageCsp: MiddlewareHandler = async (c, next) => {
    await next()
    c.header('Content-Security-Policy', PAGE_CSP)
  }
  app.use('*', (c, next) => (isApiPath(c.req.path) ? next() : pageHeaders(c, next)))
  app.use('*', (c, next) => (isApiPath(c.req.path) ? next() : pageCsp(c, next)))
  if (!options.apiHeadersSetByServer)
    app.use('/api/*', (c, next) => {
      for (const [name, value] of API_HEADERS) c.header(name, value)
      return next()
    })
  const origins = env.WARIKAN_CORS_ORIGINS.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  if (origins.length) app.use('/api/*', cors({ origin: origins, maxAge: 600 }))

  const isUpload = (path: string) => TRAFFIC_UPLOAD_PATH.test(path)
  const limitBody = bodyLimit({
    maxSize: env.WARIKAN_BODY_LIMIT_BYTES,
    onError: () => {
      throw new ApiError(
        'payload_too_large',
        `送信データが上限 ${env.WARIKAN_BODY_LIMIT_BYTES} バイトを超えています (payload too large)`,
      )
    },
  })
  const limitTime = timeout(env.WARIKAN_REQUEST_TIMEOUT_MS, () => {
    return new ApiError('timeout', '処理が時間内に終わりませんでした (request timed out)') as never
  })
  // Uploads are streamed: the traffic route enforces its own (larger) size cap and has no overall timeout.
  // Only methods with a body are capped: bodyLimit reads c.req.raw.body, which makes the node adapter build a
  // full Request object (AbortSignal, stream) — measurable on every GET under load.
  const hasBody = (method: string) => method !== 'GET' && method !== 'HEAD' && method !== 'DELETE'
  // cloud bills come as FOCUS CSV text inside JSON: their own, larger cap
  const isBillUpload = (path: string) => /^\/api\/scenarios\/\d+\/bills$/.test(path)
  const limitBillBody = bodyLimit({
    maxSize: env.WARIKAN_BILL_BODY_LIMIT_BYTES,
    onError: () => {
      throw new ApiError(
        'payload_too_large',
        `請求明細が上限 ${env.WARIKAN_BILL_BODY_LIMIT_BYTES} バイトを超えています (payload too large)`,
      )
    },
  })
  app.use('/api/*', (c, next) =>
    isUpload(c.req.path) || !hasBody(c.req.method)
      ? next()
      : isBillUpload(c.req.path)
        ? limitBillBody(c, next)
        : limitBody(c, next),
  )
  app.use('/api/*', (c, next) => (isUpload(c.req.path) ? next() : limitTime(c, next)))
  const auth = requireToken(authenticate)
  app.use('/api/*', (c, next) => (PUBLIC_PATHS.has(c.req.path) ? next() : auth(c, next)))
  app.use('/api/*', rateLimitPerToken(env.WARIKAN_RATE_LIMIT_PER_MINUTE))
  // file bodies other than the streamed traffic upload: the 外部サービス台帳 import (CSV or xlsx)
  const isFileBody = (path: string) =>
    /^\/api\/consortia\/\d+\/external-services\/import$/.test(path)
  app.use('/api/*', strictJsonBodies({ exempt: (path) => isUpload(path) || isFileBody(path) }))

  const demo = options.demo
  if (demo) app.openapi(demoSessionRoute, (c) => c.json({ token: demo.token }, 200))

  registerAuthRoutes(app, deps)
  registerConsortiumRoutes(app, deps)
  registerScenarioRoutes(app, deps)
  registerAllocationRoutes(app, deps)
  registerTrafficRoutes(app, deps)
  registerFairnessRoutes(app, deps)
  registerPatternsRoutes(app, deps)
  registerNetworkRoutes(app, deps)
  registerWhatifRoutes(app, deps)
  registerPlanRoutes(app, deps)
  registerAuditRoutes(app, deps)
  registerSlaRoutes(app, deps)
  registerRegisterRoutes(app, deps)
  registerSettlementRoutes(app, deps)
  registerBillRoutes(app, deps)

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: '`warikan token create` で発行したトークン (shown once, stored hashed)',
  })
  app.doc('/doc', {
    openapi: '3.0.3',
    info: {
      title: 'Warikan API (割り勘)',
      version: '1.0.0',
      description:
        '自治体の共同事業の費用按分 API。エラーは常に { error: { code, message, details } }。ロール: admin (事務局) / editor / viewer / member。',
    },
    security: [{ bearerAuth: [] }],
  })
  registerReferenceRoutes(app)
  return app
}
