/**
 * 照会ログ over HTTP: upload (raw CSV body, spooled to a temporary file, then imported in one short
 * transaction; all-or-nothing; the same rows refused unless ?force=1), the list of imports and removing one,
 * the stored aggregate, and the divergence report (人口割 vs 利用実績割).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { formatInteger, japanTimeIso } from '@warikan/core'
import { divergenceReport, type DivergenceReport } from '@warikan/core/traffic'
import { actorOf } from '../audit/audit.service'
import { ApiError, issueDetails, notFound } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import {
  authErrors,
  conflictError,
  ErrorSchema,
  flagOn,
  flagQuery,
  IdParam,
  json,
  notFoundError,
  validationError,
} from '../http/schemas'
import { isoTimestamp } from '../scenario/scenario-edit.repository'
import { loadScenario } from '../scenario/scenario.service'
import { scenarioAccess } from '../scenario/scenario.routes'
import { ENCODING_NAMES, encodingNamed } from './text-encoding'
import { selectMonthlyQueries } from './traffic-monthly.repository'
import { importTrafficUpload, UploadGate } from './traffic-upload'
import {
  listTrafficImports,
  removeTrafficImport,
  storedTraffic,
  type TrafficImportListing,
} from './traffic.service'

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
    summary: z.object({
      importId: z.number().int(),
      sha256: z.string().openapi({ description: 'ファイルのバイト列の sha256' }),
      recordsSha256: z.string().openapi({
        description: '読み取った行 (正規化後) の sha256。同じ行なら文字コードが違っても同じ',
      }),
      encoding: z.enum(['utf-8', 'shift_jis']),
      replaced: z.boolean(),
      replacedImports: z.array(z.number().int()),
    }),
  })
  .openapi('TrafficUpload')

export const TrafficImportSchema = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    rows: z.number().int(),
    encoding: z.string(),
    sha256: z.string(),
    recordsSha256: z.string().nullable(),
    periodFrom: z.string().nullable().openapi({ description: '最も早い照会日時 (JST, ISO 8601)' }),
    periodTo: z.string().nullable().openapi({ description: '最も遅い照会日時 (JST, ISO 8601)' }),
    importedBy: z.string().nullable(),
    importedAt: z.string(),
  })
  .openapi('TrafficImport')

export const TrafficSchema = z
  .object({
    rows: z.number().int(),
    pairs: z.array(TrafficPairSchema),
    monthly: z.array(
      z.object({ month: z.string().openapi({ example: '2026-06' }), queries: z.number().int() }),
    ),
  })
  .openapi('Traffic')

const BasisShareSchema = z.object({
  share: z.number().int().openapi({ description: 'この基準での負担額 (yen)' }),
  difference: z.number().int().openapi({ description: '負担額 − 人口割の負担額 (yen)' }),
  differenceRate: z
    .number()
    .nullable()
    .openapi({ description: '差 ÷ 人口割の負担額; 人口割が 0 なら null' }),
})

/** The core's divergence report, field for field (checked against its type at compile time). */
export const DivergenceSchema = z
  .object({
    costs: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        amount: z.number().int(),
        unit: z.enum(['queries', 'records']),
      }),
    ),
    amount: z.number().int(),
    members: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        population: z.number().int(),
        populationShare: z.number().int(),
        bases: z.object({
          requester: BasisShareSchema,
          provider: BasisShareSchema,
          split: BasisShareSchema,
        }),
        largestGap: z.number().int(),
      }),
    ),
  })
  .openapi('Divergence') satisfies z.ZodType<DivergenceReport>

const UploadQuery = z.object({
  force: flagQuery('force', '同じ行のファイルでも取り込む (以前の取込を置き換える)'),
  encoding: z
    .enum(ENCODING_NAMES as [string, ...string[]])
    .optional()
    .openapi({
      param: { name: 'encoding', in: 'query' },
      description: '文字コードを指定 (utf-8 / shift_jis)。省略時は自動判定',
    }),
})

const ImportParams = z.object({
  id: IdParam.shape.id,
  importId: IdParam.shape.id.openapi({ param: { name: 'importId', in: 'path' } }),
})

/** The path of the one streamed route: body-size and timeout middleware treat it apart. */
export const TRAFFIC_UPLOAD_PATH = /^\/api\/scenarios\/\d+\/traffic$/

export const uploadTrafficRoute = createRoute({
  method: 'post',
  path: '/api/scenarios/{id}/traffic',
  tags: ['traffic'],
  summary: '照会ログ CSV を取り込む (upload a traffic log; raw text/csv body, streamed; editor+)',
  description:
    'Content-Type: text/csv、X-Filename ヘッダーでファイル名。本文はまず一時ファイルに受け取り (上限: WARIKAN_UPLOAD_LIMIT_BYTES, WARIKAN_UPLOAD_TIMEOUT_MS)、全行を検査してから 1 回の短いトランザクションで保存する。1 行でも不正ならファイル全体を取り込まない (422, details に line)。同じ行のログは 409 (?force=1 で置き換え)。同時に受け付ける数を超えると 503 (Retry-After)。',
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
    408: json(ErrorSchema, '本文が時間内に届かなかった (nothing stored)'),
    413: json(ErrorSchema, '本文が上限を超えた (nothing stored)'),
    503: json(ErrorSchema, 'ほかの取込を処理中 (Retry-After 秒後に再送)'),
  },
})

export const listImportsRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/traffic/imports',
  tags: ['traffic'],
  summary: '取り込んだ照会ログの一覧 (imports: file, rows, period, sha256, who, when)',
  request: { params: IdParam },
  responses: {
    200: json(z.object({ imports: z.array(TrafficImportSchema) }), '取込の一覧 (古い順)'),
    ...authErrors,
    ...notFoundError,
  },
})

export const removeImportRoute = createRoute({
  method: 'delete',
  path: '/api/scenarios/{id}/traffic/imports/{importId}',
  tags: ['traffic'],
  summary: '取込を 1 件取り消す (remove one import, audited; editor+)',
  request: { params: ImportParams },
  responses: {
    200: json(z.object({ removed: TrafficImportSchema }), '取り消した取込'),
    ...authErrors,
    ...notFoundError,
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
  },
})

export const divergenceRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/divergence',
  tags: ['traffic'],
  summary: '人口割と利用実績割の乖離 (population vs traffic share per member)',
  request: { params: IdParam },
  responses: {
    200: json(DivergenceSchema, '乖離'),
    ...authErrors,
    ...notFoundError,
  },
})

/** X-Filename, reduced to a plain file name (no directories, no control characters). */
function uploadFileName(header: string | undefined): string {
  let name = header ?? ''
  try {
    name = decodeURIComponent(name)
  } catch {
    // keep as given
  }
  name = name.split(/[\\/]/).at(-1) ?? ''
  name = [...name]
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch !== '\u007f')
    .join('')
    .slice(0, 200)
  return name || `upload-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`
}

/** The JST wall-clock time of an instant, `YYYY-MM-DDTHH:MM:SS+09:00`. */
function jstIso(ms: number | null): string | null {
  if (ms === null) return null
  return japanTimeIso(ms) + '+09:00'
}

const importJson = (i: TrafficImportListing) => ({
  id: i.id,
  fileName: i.fileName,
  rows: i.rows,
  encoding: i.encoding,
  sha256: i.sha256,
  recordsSha256: i.recordsSha256,
  periodFrom: jstIso(i.firstAt),
  periodTo: jstIso(i.lastAt),
  importedBy: i.importedBy,
  importedAt: isoTimestamp(i.importedAt),
})

const RETRY_AFTER_SECONDS = 5

export function registerTrafficRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const gate = new UploadGate(deps.env.WARIKAN_UPLOADS_AT_ONCE)
  app.openapi(uploadTrafficRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'write')
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!['text/csv', 'text/plain', 'application/octet-stream'].includes(type))
      throw new ApiError(
        'unsupported_media_type',
        'Content-Type: text/csv で送ってください (send text/csv)',
      )
    const body = c.req.raw.body
    if (!body)
      throw new ApiError('validation', '本文が空です (empty body)', [{ message: 'empty body' }])
    const file = uploadFileName(c.req.header('x-filename'))
    const query = c.req.valid('query')
    const release = gate.enter()
    if (!release) {
      c.header('Retry-After', String(RETRY_AFTER_SECONDS))
      throw new ApiError(
        'unavailable',
        `ほかの照会ログを取り込み中です。${RETRY_AFTER_SECONDS} 秒後に送り直してください (another import is running; retry later)`,
      )
    }
    let outcome
    try {
      outcome = await importTrafficUpload(
        deps.db,
        id,
        file,
        body,
        {
          maxBytes: deps.env.WARIKAN_UPLOAD_LIMIT_BYTES,
          timeoutMs: deps.env.WARIKAN_UPLOAD_TIMEOUT_MS,
          idleMs: deps.env.WARIKAN_UPLOAD_IDLE_MS,
        },
        {
          force: flagOn(query.force),
          encoding: query.encoding === undefined ? undefined : encodingNamed(query.encoding),
          actor: actorOf(c.get('principal')),
          threads: 2, // always read in a worker: the server's thread stays free while a log is validated
        },
      )
    } finally {
      release()
    }
    if (!outcome.ok) {
      switch (outcome.reason) {
        case 'no-scenario':
          throw notFound(`シナリオ ${id}`)
        case 'too-large':
          throw new ApiError(
            'payload_too_large',
            `照会ログが上限 ${formatInteger(outcome.maxBytes)} バイトを超えています。何も保存していません (upload too large)`,
          )
        case 'timeout':
          throw new ApiError(
            'request_timeout',
            `照会ログが時間内に届きませんでした (${formatInteger(outcome.bytes)} バイト受信)。何も保存していません (upload timed out)`,
          )
        case 'aborted':
          throw new ApiError(
            'bad_request',
            `照会ログの送信が途中で切れました (${formatInteger(outcome.bytes)} バイト受信)。何も保存していません (upload aborted)`,
          )
        case 'duplicate':
          throw new ApiError(
            'duplicate',
            `同じ行のログ (${outcome.existingFile}, 取込 ${outcome.existingId}) は取り込み済みです。?force=1 で置き換えます (duplicate upload)`,
            [{ file, field: 'sha256', message: outcome.sha256 }],
          )
        case 'invalid':
          throw new ApiError(
            'validation',
            `${file}: ${outcome.problem.line} 行目: ${outcome.problem.message}`,
            [
              {
                file,
                line: outcome.problem.line,
                field: outcome.problem.field,
                message: outcome.problem.message,
              },
            ],
          )
      }
    }
    const summary = {
      importId: outcome.importId,
      sha256: outcome.sha256,
      recordsSha256: outcome.recordsSha256,
      encoding: outcome.encoding,
      replaced: outcome.replaced.length > 0,
      replacedImports: outcome.replaced,
    }
    return c.json({ rows: outcome.rows, file, summary }, 201)
  })

  app.openapi(listImportsRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'readAll')
    const imports = await listTrafficImports(deps.db, id)
    if (!imports) throw notFound(`シナリオ ${id}`)
    return c.json({ imports: imports.map(importJson) }, 200)
  })

  app.openapi(removeImportRoute, async (c) => {
    const { id, importId } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'write')
    const r = await removeTrafficImport(deps.db, id, importId, actorOf(c.get('principal')))
    if (!r.ok) throw notFound(r.reason === 'no-scenario' ? `シナリオ ${id}` : `取込 ${importId}`)
    return c.json({ removed: importJson(r.removed) }, 200)
  })

  app.openapi(getTrafficRoute, async (c) => {
    const { id } = c.req.valid('param')
    const { grant } = await scenarioAccess(c, deps, id, 'read')
    const aggregate = await storedTraffic(deps.db, id)
    const monthly = await selectMonthlyQueries(deps.db, id)
    const pairs = aggregate?.pairs ?? []
    // member: only the pairs its own 団体 asked or answered; monthly counts are consortium totals
    const visible =
      grant.role === 'member'
        ? pairs.filter((p) => p.requester === grant.memberCode || p.provider === grant.memberCode)
        : pairs
    return c.json({ rows: aggregate?.rows ?? 0, pairs: visible, monthly }, 200)
  })

  app.openapi(divergenceRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'readAll')
    const loaded = await loadScenario(deps.db, id)
    if (!loaded) throw notFound(`シナリオ ${id}`)
    if (!loaded.ok)
      throw new ApiError('validation', 'シナリオが正しくありません', issueDetails(loaded.issues))
    const traffic = await storedTraffic(deps.db, id)
    if (!traffic)
      throw new ApiError('validation', '照会ログが取り込まれていません (no traffic stored)', [
        {
          path: 'traffic',
          field: 'traffic',
          message: 'POST /api/scenarios/{id}/traffic で取り込んでください',
        },
      ])
    const report = divergenceReport(loaded.scenario, traffic)
    if (!report.ok)
      throw new ApiError('validation', '乖離を計算できません', issueDetails(report.issues))
    return c.json(report.value, 200)
  })
}
