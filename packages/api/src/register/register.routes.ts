/**
 * 外部サービス台帳 over HTTP. Roles: any role reads (a member sees the consortium's services and its own); editors
 * apply, edit, start and end (the 情報セキュリティ責任者's steps); only admins approve or refuse (the
 * 統括情報セキュリティ責任者 is the 許可権限者, 利用基準 §5.1). Every step is audited with actor and time.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import {
  endReportSchema,
  SERVICE_STATUSES,
  serviceEntrySchema,
  type RegisterFinding,
  type Transition,
} from '@warikan/core/register'
import { actorOf } from '../audit/audit.service'
import { ApiError, issueDetails, notFound, versionConflict } from '../http/api-error'
import { requireGrant } from '../http/access'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import {
  authErrors,
  conflictError,
  ConsortiumIdParam,
  coreDocument,
  IdParam,
  json,
  jsonBody,
  notFoundError,
  validationError,
} from '../http/schemas'
import { ledgerCsv, ledgerXlsx, readLedgerFile } from './register-file'
import type { ServiceDecision } from './register.repository'
import {
  applyService,
  decideService,
  editService,
  getService,
  importLedger,
  listServices,
  todayJst,
  type RegisterResult,
} from './register.service'

const FindingSchema = z.object({
  rule: z.enum(['ismap', 'checks', 'location', 'period', 'review']),
  blocking: z.boolean(),
  message: z.string(),
  source: z.string(),
}) satisfies z.ZodType<RegisterFinding>

/** A 台帳 entry (docs/services.md): what is applied for, stored and edited; validated in full by the core. */
const ServiceEntrySchema = coreDocument('ServiceEntry', serviceEntrySchema, {
  description: '台帳の項目 (docs/services.md)',
})

/** A stored entry: as the core parsed it, its defaults filled in. */
const StoredServiceEntrySchema = coreDocument(
  'StoredServiceEntry',
  serviceEntrySchema,
  { description: '保存された台帳の項目 (既定値を補ったもの)' },
  'output',
)

const OverrideSchema = z.object({ rule: z.string(), reason: z.string() })

/** The 許可権限者's decision as stored by register.service (approve or refuse). */
const DecisionSchema = z
  .object({
    action: z.enum(['approve', 'refuse']),
    by: z.string().openapi({ description: '判断したトークン名' }),
    on: z.string().openapi({ description: '判断日 (YYYY-MM-DD, 日本時間)' }),
    findings: z.array(FindingSchema),
    overrides: z.array(OverrideSchema),
    reason: z.string().optional(),
  })
  .openapi('ServiceDecision') satisfies z.ZodType<ServiceDecision>

const EndReportSchema = coreDocument('ServiceEndReport', endReportSchema, {
  description:
    '利用終了の報告 (利用基準 §5.2(5)): date, plan, dataDisposal, accountsRemoved, note?',
})

export const ExternalServiceSchema = z
  .object({
    id: z.number().int(),
    consortiumId: z.number().int(),
    status: z.enum(SERVICE_STATUSES),
    entry: StoredServiceEntrySchema,
    decision: DecisionSchema.nullable(),
    endReport: EndReportSchema.nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    impact: z
      .number()
      .int()
      .openapi({ description: '行政運営影響度 = 機密性 × 住民影響 × 精神的苦痛 × 経済的損失' }),
    impactBand: z.enum(['大', '中', '少']),
    confidential: z.boolean().openapi({ description: '機密性2以上' }),
    findings: z.array(FindingSchema),
  })
  .openapi('ExternalService')

const VersionSchema = z.object({ id: z.number().int(), version: z.number().int() })

export const listServicesRoute = createRoute({
  method: 'get',
  path: '/api/consortia/{cid}/external-services',
  tags: ['register'],
  summary: '外部サービス台帳 (the register)',
  request: { params: ConsortiumIdParam },
  responses: { 200: json(z.array(ExternalServiceSchema), '台帳'), ...authErrors },
})

export const applyServiceRoute = createRoute({
  method: 'post',
  path: '/api/consortia/{cid}/external-services',
  tags: ['register'],
  summary: '外部サービスの利用申請 (apply; editor+)',
  request: { params: ConsortiumIdParam, body: jsonBody(ServiceEntrySchema) },
  responses: {
    201: json(VersionSchema, '申請した'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export const getServiceRoute = createRoute({
  method: 'get',
  path: '/api/external-services/{id}',
  tags: ['register'],
  summary: '台帳の1件 (one service)',
  request: { params: IdParam },
  responses: { 200: json(ExternalServiceSchema, '1件'), ...authErrors, ...notFoundError },
})

export const editServiceRoute = createRoute({
  method: 'put',
  path: '/api/external-services/{id}',
  tags: ['register'],
  summary: '台帳の項目を変更 (edit; 409 on a stale version; editor+)',
  request: {
    params: IdParam,
    body: jsonBody(z.object({ version: z.number().int().positive(), entry: ServiceEntrySchema })),
  },
  responses: {
    200: json(VersionSchema, '新しい版'),
    ...authErrors,
    ...notFoundError,
    ...conflictError,
    ...validationError,
  },
})

const TransitionParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' } }),
  action: z.enum(['approve', 'refuse', 'start', 'end']).openapi({
    param: { name: 'action', in: 'path' },
    description: '承認 / 却下 (admin) · 利用開始 / 利用終了 (editor+)',
  }),
})

export const transitionRoute = createRoute({
  method: 'post',
  path: '/api/external-services/{id}/{action}',
  tags: ['register'],
  summary: '承認・却下・利用開始・利用終了 (lifecycle step)',
  description:
    '承認は確認結果に阻止項目があると 422。overrides: [{ rule, reason }] で理由を付けて例外承認できる。却下は reason、利用終了は report（date, plan, dataDisposal, accountsRemoved）が必要。',
  request: {
    params: TransitionParam,
    body: jsonBody(
      z
        .object({
          version: z.number().int().positive(),
          overrides: z.array(OverrideSchema).optional(),
          reason: z.string().optional(),
          report: EndReportSchema.optional(),
        })
        .openapi('ServiceTransition'),
    ),
  },
  responses: {
    200: json(
      VersionSchema.extend({ status: z.enum(SERVICE_STATUSES), findings: z.array(FindingSchema) }),
      '新しい状態',
    ),
    ...authErrors,
    ...notFoundError,
    ...conflictError,
    ...validationError,
  },
})

export const importLedgerRoute = createRoute({
  method: 'post',
  path: '/api/consortia/{cid}/external-services/import',
  tags: ['register'],
  summary: '既存の台帳を取り込む (CSV or xlsx; all-or-nothing; editor+)',
  request: {
    params: ConsortiumIdParam,
    body: {
      content: {
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
      },
      required: true,
    },
  },
  responses: {
    201: json(
      z.object({ imported: z.number().int(), ids: z.array(z.number().int()) }),
      '取り込んだ',
    ),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export const exportLedgerRoute = createRoute({
  method: 'get',
  path: '/api/consortia/{cid}/external-services/export',
  tags: ['register'],
  summary: '台帳を CSV (BOM 付き) か xlsx で出力 (?format=csv|xlsx)',
  request: {
    params: ConsortiumIdParam,
    query: z.object({
      format: z
        .enum(['csv', 'xlsx'])
        .optional()
        .openapi({ param: { name: 'format', in: 'query' } }),
    }),
  },
  responses: {
    200: {
      content: {
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
      },
      description: '台帳ファイル',
    },
    ...authErrors,
  },
})

function unwrap<T>(r: RegisterResult<T>, what: string): T {
  if (r.ok) return r.value
  switch (r.reason) {
    case 'invalid':
      throw new ApiError(
        'validation',
        '台帳の項目が正しくありません (invalid entry)',
        issueDetails(r.issues),
      )
    case 'not_found':
      throw notFound(what)
    case 'conflict':
      throw versionConflict(r.currentVersion)
    case 'state':
      throw new ApiError('conflict', r.message)
    case 'blocked':
      throw new ApiError(
        'validation',
        r.message,
        r.findings.map((f) => ({ path: `findings.${f.rule}`, field: f.rule, message: f.message })),
      )
  }
}

const ADMIN_ONLY: readonly Transition[] = ['approve', 'refuse']

export function registerRegisterRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listServicesRoute, async (c) => {
    const { cid } = c.req.valid('param')
    const grant = requireGrant(c, cid, 'read')
    const list = await listServices(deps.db, cid, todayJst())
    const visible =
      grant.role === 'member'
        ? list.filter((s) => !s.entry.memberCode || s.entry.memberCode === grant.memberCode)
        : list
    return c.json(visible, 200)
  })

  app.openapi(applyServiceRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'write')
    const r = await applyService(deps.db, cid, c.req.valid('json'), actorOf(c.get('principal')))
    return c.json(unwrap(r, `協議会 ${cid}`), 201)
  })

  const load = async (id: number) => {
    const s = await getService(deps.db, id, todayJst())
    if (!s) throw notFound(`外部サービス ${id}`)
    return s
  }

  app.openapi(getServiceRoute, async (c) => {
    const s = await load(c.req.valid('param').id)
    const grant = requireGrant(c, s.consortiumId, 'read')
    if (grant.role === 'member' && s.entry.memberCode && s.entry.memberCode !== grant.memberCode)
      throw notFound(`外部サービス ${s.id}`)
    return c.json(s, 200)
  })

  app.openapi(editServiceRoute, async (c) => {
    const { id } = c.req.valid('param')
    const s = await load(id)
    requireGrant(c, s.consortiumId, 'write')
    const body = c.req.valid('json')
    const r = await editService(deps.db, id, body.version, body.entry, actorOf(c.get('principal')))
    return c.json(unwrap(r, `外部サービス ${id}`), 200)
  })

  app.openapi(transitionRoute, async (c) => {
    const { id, action } = c.req.valid('param')
    const s = await load(id)
    requireGrant(c, s.consortiumId, ADMIN_ONLY.includes(action) ? 'admin' : 'write')
    const body = c.req.valid('json')
    const r = await decideService(
      deps.db,
      id,
      body.version,
      action,
      {
        ...(body.overrides ? { overrides: body.overrides } : {}),
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
        ...(body.report !== undefined ? { report: body.report } : {}),
      },
      actorOf(c.get('principal')),
      todayJst(),
    )
    return c.json(unwrap(r, `外部サービス ${id}`), 200)
  })

  app.openapi(importLedgerRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'write')
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    const read = await readLedgerFile(bytes)
    if (!read.ok)
      throw new ApiError(
        'validation',
        '台帳ファイルが読めません (unreadable file)',
        issueDetails(read.issues),
      )
    const name = decodeURIComponent(c.req.header('X-Filename') ?? 'upload')
    const r = await importLedger(
      deps.db,
      cid,
      read.value.records,
      read.value.lines,
      actorOf(c.get('principal')),
      name,
    )
    return c.json(unwrap(r, `協議会 ${cid}`), 201)
  })

  app.openapi(exportLedgerRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'readAll')
    const today = todayJst()
    const list = await listServices(deps.db, cid, today)
    const rows = list.map((s) => ({ entry: s.entry, status: s.status }))
    const file = `外部サービス台帳_${today}`
    if (c.req.valid('query').format === 'xlsx') {
      const bytes = await ledgerXlsx(rows, `承認済外部サービス台帳（${today}）`)
      return c.body(bytes, 200, {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file)}.xlsx`,
      })
    }
    return c.body(ledgerCsv(rows), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file)}.csv`,
    })
  })
}
