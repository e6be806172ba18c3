/**
 * SLA and continuity over HTTP: stateless checks of a posted file, and SLA files, incident logs and
 * continuity files stored per consortium (viewer reads, editor writes, admin deletes; audited).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { ContinuityReport } from '@warikan/core/sla'
import { actorOf } from '../audit/audit.service'
import type { RoleGrant } from '../auth/roles'
import { ApiError, issueDetails, notFound, versionConflict } from '../http/api-error'
import { requireGrant } from '../http/access'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import {
  authErrors,
  conflictError,
  ConsortiumIdParam,
  DeletedSchema,
  IdParam,
  json,
  jsonBody,
  notFoundError,
  validationError,
} from '../http/schemas'
import {
  createSlaDocument,
  deleteSlaDocument,
  getSlaDocument,
  listSlaDocuments,
  slaOf,
  updateSlaDocument,
  type SlaDocument,
  type SlaWriteResult,
} from './sla-documents.service'
import {
  ContinuityFileSchema,
  ContinuityReportSchema,
  GradeFindingSchema,
  SlaDocumentContentSchema,
  SlaDocumentSchema,
  SlaDocumentSummarySchema,
  SlaFileSchema,
  SlaReportSchema,
} from './sla.schemas'
import { continuityCheck, readIncidents, slaCheck, slaReport } from './sla.service'

const invalid = (what: string, issues: Parameters<typeof issueDetails>[0]) =>
  new ApiError('validation', `${what}が正しくありません (invalid input)`, issueDetails(issues))

const FindingsSchema = z.object({ findings: z.array(GradeFindingSchema) }).openapi('SlaGradeCheck')
const MonthsQuery = z.object({
  month: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .openapi({
      param: { name: 'month', in: 'query' },
      description: 'YYYY-MM (繰り返し可)',
      example: '2026-08',
    }),
})
const monthsOf = (m: string | string[] | undefined) =>
  m === undefined ? [] : Array.isArray(m) ? m : [m]

export const slaCheckRoute = createRoute({
  method: 'post',
  path: '/api/sla/check',
  tags: ['continuity'],
  summary: 'SLA のグレードを表2-13 の推奨と比べる (check agreed SLA grades)',
  request: { body: jsonBody(SlaFileSchema) },
  responses: { 200: json(FindingsSchema, '項目ごとの判定'), ...authErrors, ...validationError },
})

export const slaReportRoute = createRoute({
  method: 'post',
  path: '/api/sla/report',
  tags: ['continuity'],
  summary: '障害記録から稼働率と減額を求める (availability and credits from an incident log)',
  request: {
    body: jsonBody(
      z
        .object({
          sla: SlaFileSchema,
          incidents: z
            .string()
            .openapi({ description: '障害記録 CSV (start,end,service,cause,excluded,reason)' }),
          months: z.array(z.string()).optional(),
        })
        .openapi('SlaReportRequest'),
    ),
  },
  responses: {
    200: json(SlaReportSchema, '月 × サービスの稼働率'),
    ...authErrors,
    ...validationError,
  },
})

export const continuityCheckRoute = createRoute({
  method: 'post',
  path: '/api/continuity/check',
  tags: ['continuity'],
  summary: '障害パターン × 対策の確認と共同対策の按分 (failure patterns × countermeasures)',
  request: { body: jsonBody(ContinuityFileSchema) },
  responses: { 200: json(ContinuityReportSchema, '対策状況'), ...authErrors, ...validationError },
})

export const listSlaDocumentsRoute = createRoute({
  method: 'get',
  path: '/api/consortia/{cid}/sla-documents',
  tags: ['continuity'],
  summary: '保存した SLA・障害記録・継続性ファイル (stored SLA documents)',
  request: { params: ConsortiumIdParam },
  responses: { 200: json(z.array(SlaDocumentSummarySchema), '一覧'), ...authErrors },
})

const CreateBody = z
  .object({
    kind: z.enum(['sla', 'incidents', 'continuity']),
    title: z.string().min(1).max(200),
    content: SlaDocumentContentSchema,
    slaId: z.number().int().positive().optional(),
  })
  .openapi('SlaDocumentCreate')

export const createSlaDocumentRoute = createRoute({
  method: 'post',
  path: '/api/consortia/{cid}/sla-documents',
  tags: ['continuity'],
  summary: 'SLA・障害記録・継続性ファイルを保存 (store; editor+)',
  request: { params: ConsortiumIdParam, body: jsonBody(CreateBody) },
  responses: {
    201: json(z.object({ id: z.number().int(), version: z.number().int() }), '保存した'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export const getSlaDocumentRoute = createRoute({
  method: 'get',
  path: '/api/sla-documents/{id}',
  tags: ['continuity'],
  summary: '保存したファイル (a stored document)',
  request: { params: IdParam },
  responses: { 200: json(SlaDocumentSchema, 'ファイル'), ...authErrors, ...notFoundError },
})

export const updateSlaDocumentRoute = createRoute({
  method: 'put',
  path: '/api/sla-documents/{id}',
  tags: ['continuity'],
  summary: 'ファイルを更新 (update; 409 on a stale version; editor+)',
  request: {
    params: IdParam,
    body: jsonBody(
      z
        .object({
          version: z.number().int().positive(),
          title: z.string().min(1).max(200).optional(),
          content: SlaDocumentContentSchema,
        })
        .openapi('SlaDocumentUpdate'),
    ),
  },
  responses: {
    200: json(z.object({ id: z.number().int(), version: z.number().int() }), '新しい版'),
    ...authErrors,
    ...notFoundError,
    ...conflictError,
    ...validationError,
  },
})

export const deleteSlaDocumentRoute = createRoute({
  method: 'delete',
  path: '/api/sla-documents/{id}',
  tags: ['continuity'],
  summary: 'ファイルを削除 (delete; admin only)',
  request: { params: IdParam },
  responses: {
    200: json(DeletedSchema, '削除した'),
    ...authErrors,
    ...notFoundError,
  },
})

export const slaDocumentAnalysisRoute = createRoute({
  method: 'get',
  path: '/api/sla-documents/{id}/analysis',
  tags: ['continuity'],
  summary:
    '保存したファイルの判定・稼働率・対策状況 (check / report / coverage of a stored document)',
  request: { params: IdParam, query: MonthsQuery },
  responses: {
    200: json(
      z
        .discriminatedUnion('kind', [
          z.object({ kind: z.literal('sla'), findings: z.array(GradeFindingSchema) }),
          z.object({ kind: z.literal('incidents'), report: SlaReportSchema }),
          z.object({ kind: z.literal('continuity'), report: ContinuityReportSchema }),
        ])
        .openapi('SlaDocumentAnalysis'),
      '結果',
    ),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

function unwrap<T>(r: SlaWriteResult<T>, what: string): T {
  if (r.ok) return r.value
  if (r.reason === 'invalid') throw invalid(what, r.issues)
  if (r.reason === 'not_found') throw notFound(what)
  throw versionConflict(r.currentVersion)
}

/** A member token sees its own row of the continuity report only. */
function redactContinuity(r: ContinuityReport, grant: RoleGrant): ContinuityReport {
  if (grant.role !== 'member') return r
  const mine = (m: { code: string }) => m.code === grant.memberCode
  return {
    ...r,
    members: r.members.filter(mine),
    ...(r.shared ? { shared: { ...r.shared, members: r.shared.members.filter(mine) } } : {}),
  }
}

const contentOf = (d: SlaDocument): string | Record<string, unknown> =>
  d.kind === 'incidents' ? d.content : (JSON.parse(d.content) as Record<string, unknown>)

export function registerSlaRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(slaCheckRoute, (c) => {
    const checked = slaCheck(c.req.valid('json'))
    if (!checked.ok) throw invalid('SLA ファイル', checked.issues)
    return c.json({ findings: checked.value.findings }, 200)
  })

  app.openapi(slaReportRoute, (c) => {
    const body = c.req.valid('json')
    const checked = slaCheck(body.sla)
    if (!checked.ok) throw invalid('SLA ファイル', checked.issues)
    const incidents = readIncidents(checked.value.sla, new TextEncoder().encode(body.incidents))
    if (!incidents.ok) throw invalid('障害記録', incidents.issues)
    const report = slaReport(checked.value.sla, incidents.value, body.months)
    if (!report.ok) throw invalid('対象月', report.issues)
    return c.json(report.value, 200)
  })

  app.openapi(continuityCheckRoute, (c) => {
    const report = continuityCheck(c.req.valid('json'))
    if (!report.ok) throw invalid('継続性ファイル', report.issues)
    return c.json(report.value, 200)
  })

  app.openapi(listSlaDocumentsRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'read')
    const list = await listSlaDocuments(deps.db, cid)
    return c.json(
      list.map(({ id, kind, title, slaId, version, updatedAt }) => ({
        id,
        kind,
        title,
        slaId,
        version,
        updatedAt,
      })),
      200,
    )
  })

  app.openapi(createSlaDocumentRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'write')
    const body = c.req.valid('json')
    const created = unwrap(
      await createSlaDocument(deps.db, cid, body, actorOf(c.get('principal'))),
      `協議会 ${cid}`,
    )
    return c.json(created, 201)
  })

  const load = async (id: number) => {
    const doc = await getSlaDocument(deps.db, id)
    if (!doc) throw notFound(`ファイル ${id}`)
    return doc
  }

  app.openapi(getSlaDocumentRoute, async (c) => {
    const doc = await load(c.req.valid('param').id)
    const grant = requireGrant(c, doc.consortiumId, 'read')
    if (grant.role === 'member' && doc.kind === 'continuity')
      requireGrant(c, doc.consortiumId, 'readAll')
    const { id, kind, title, slaId, version, updatedAt, consortiumId } = doc
    return c.json(
      { id, kind, title, slaId, version, updatedAt, consortiumId, content: contentOf(doc) },
      200,
    )
  })

  app.openapi(updateSlaDocumentRoute, async (c) => {
    const { id } = c.req.valid('param')
    const doc = await load(id)
    requireGrant(c, doc.consortiumId, 'write')
    const updated = unwrap(
      await updateSlaDocument(deps.db, id, c.req.valid('json'), actorOf(c.get('principal'))),
      `ファイル ${id}`,
    )
    return c.json(updated, 200)
  })

  app.openapi(deleteSlaDocumentRoute, async (c) => {
    const { id } = c.req.valid('param')
    const doc = await load(id)
    requireGrant(c, doc.consortiumId, 'admin')
    unwrap(await deleteSlaDocument(deps.db, id, actorOf(c.get('principal'))), `ファイル ${id}`)
    return c.json({ id, deleted: true as const }, 200)
  })

  app.openapi(slaDocumentAnalysisRoute, async (c) => {
    const doc = await load(c.req.valid('param').id)
    const grant = requireGrant(c, doc.consortiumId, 'read')
    if (doc.kind === 'sla') {
      const checked = slaOf(doc)
      if (!checked.ok) throw invalid('SLA ファイル', checked.issues)
      return c.json({ kind: 'sla' as const, findings: checked.value.findings }, 200)
    }
    if (doc.kind === 'continuity') {
      const report = continuityCheck(JSON.parse(doc.content))
      if (!report.ok) throw invalid('継続性ファイル', report.issues)
      return c.json(
        { kind: 'continuity' as const, report: redactContinuity(report.value, grant) },
        200,
      )
    }
    const slaDoc = doc.slaId === null ? undefined : await getSlaDocument(deps.db, doc.slaId)
    if (!slaDoc) throw notFound(`SLA ${doc.slaId}`)
    const checked = slaOf(slaDoc)
    if (!checked.ok) throw invalid('SLA ファイル', checked.issues)
    const incidents = readIncidents(checked.value.sla, new TextEncoder().encode(doc.content))
    if (!incidents.ok) throw invalid('障害記録', incidents.issues)
    const report = slaReport(
      checked.value.sla,
      incidents.value,
      monthsOf(c.req.valid('query').month),
    )
    if (!report.ok) throw invalid('対象月', report.issues)
    return c.json({ kind: 'incidents' as const, report: report.value }, 200)
  })
}
