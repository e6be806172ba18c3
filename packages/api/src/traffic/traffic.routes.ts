/**
 * 照会ログ over HTTP: upload (raw CSV body, streamed; all-or-nothing; duplicates refused unless ?force=1),
 * the stored aggregate, and the divergence report (人口割 vs 利用実績割).
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { divergenceReport, type DivergenceReport } from '@warikan/core/traffic'
import { actorOf, recordAudit } from '../audit/audit.service'
import { ApiError, issueDetails, notFound } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import {
  authErrors,
  conflictError,
  flagOn,
  flagQuery,
  IdParam,
  json,
  notFoundError,
  validationError,
} from '../http/schemas'
import { loadScenario } from '../scenario/scenario.service'
import { scenarioAccess } from '../scenario/scenario.routes'
import { selectMonthlyQueries } from './traffic-monthly.repository'
import { importTrafficStream, storedTraffic } from './traffic.service'

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
      sha256: z.string().openapi({ description: '内容の SHA-256 (16 進)' }),
      replaced: z.boolean().openapi({ description: '同じ内容の以前の取込を置き換えた (?force=1)' }),
    }),
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

const UploadQuery = z.object({ force: flagQuery('force', '同じ内容のファイルでも取り込む') })

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

/** Counts bytes as they stream in and stops past the cap (413), without buffering the body. */
async function* capped(body: ReadableStream<Uint8Array>, max: number): AsyncIterable<Uint8Array> {
  let total = 0
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return
      total += value.byteLength
      if (total > max)
        throw new ApiError(
          'payload_too_large',
          `照会ログが上限 ${max} バイトを超えています (upload too large)`,
        )
      yield value
    }
  } finally {
    reader.releaseLock()
  }
}

export function registerTrafficRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(uploadTrafficRoute, async (c) => {
    const { id } = c.req.valid('param')
    const { meta } = await scenarioAccess(c, deps, id, 'write')
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
    const force = flagOn(c.req.valid('query').force)
    const outcome = await importTrafficStream(
      deps.db,
      id,
      file,
      capped(body, deps.env.WARIKAN_UPLOAD_LIMIT_BYTES),
      { force },
    )
    if (!outcome.ok) {
      switch (outcome.reason) {
        case 'no-scenario':
          throw notFound(`シナリオ ${id}`)
        case 'duplicate':
          throw new ApiError(
            'duplicate',
            `同じ内容のファイル (${outcome.existingFile}) は取り込み済みです。?force=1 で置き換えます (duplicate upload)`,
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
      replaced: outcome.replaced,
    }
    await recordAudit(deps.db, actorOf(c.get('principal')), {
      consortiumId: meta.consortiumId,
      scenarioId: id,
      action: outcome.replaced ? 'traffic.replace' : 'traffic.import',
      target: `traffic_import:${outcome.importId}`,
      after: { file, rows: outcome.rows, ...summary },
    })
    return c.json({ rows: outcome.rows, file, summary }, 201)
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
