/** Cloud bills over HTTP: upload FOCUS files with their map (all-or-nothing, audited), and the stored list. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { costSchema } from '@warikan/core'
import { billMapSchema, type BillReconciliation } from '@warikan/core/bills'
import { actorOf } from '../audit/audit.service'
import { ApiError, issueDetails, notFound } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import {
  authErrors,
  coreDocument,
  IdParam,
  json,
  jsonBody,
  notFoundError,
  validationError,
} from '../http/schemas'
import { scenarioAccess } from '../scenario/scenario.routes'
import { importBills, listBills } from './bills.service'

/** The map from FOCUS tags to cost items (docs/bills.md), validated in full by the core. */
const BillMapSchema = coreDocument('BillMap', billMapSchema, {
  description: '対応表 (docs/bills.md): タグ → 費目・按分ルール',
})

/** A cost item made from the bill: a scenario cost item (docs/formats/scenario.md). */
const BillCostItemSchema = coreDocument('BillCostItem', costSchema, {
  description: '請求から作った費目 (シナリオの costs[] と同じ形)',
})

const exact = (description: string) => z.string().openapi({ description, example: '12345.67' })

const BillGroupSchema = z.object({
  id: z.string(),
  costId: z.string(),
  kind: z.enum(['direct', 'shared']),
  member: z.string().optional(),
  currency: z.string(),
  rows: z.number().int(),
  billed: exact('Σ BilledCost (請求通貨、正確な値)'),
  rate: exact('為替レート'),
  exactYen: exact('Σ BilledCost × rate (円、正確な値)'),
  amount: z.number().int().openapi({ description: '費目の金額: exactYen を四捨五入 (1 回だけ)' }),
  rounding: exact('amount − exactYen'),
})

const BillReconciliationSchema = z
  .object({
    files: z.array(
      z.object({
        file: z.string(),
        rows: z.number().int(),
        used: z.number().int(),
        skipped: z.number().int(),
      }),
    ),
    currencies: z.array(
      z.object({
        currency: z.string(),
        rows: z.number().int(),
        billed: z.string(),
        rate: z.string(),
        exactYen: z.string(),
      }),
    ),
    chargeCategories: z.array(
      z.object({
        category: z.string(),
        rows: z.number().int(),
        billed: z.record(z.string(), z.string()),
        exactYen: z.string(),
      }),
    ),
    items: z.array(BillGroupSchema),
    members: z.array(z.object({ code: z.string(), direct: z.number().int() })),
    direct: z.number().int(),
    shared: z.number().int(),
    total: z.number().int(),
    check: z.object({
      rowsExactYen: exact('Σ 行の BilledCost × rate (円、正確な値)'),
      itemsYen: z.number().int(),
      difference: exact('itemsYen − rowsExactYen'),
      bound: exact('費目ごとに ½ 円'),
      ok: z.boolean(),
    }),
  })
  .openapi('BillReconciliation') satisfies z.ZodType<BillReconciliation>

export const BillUploadSchema = z
  .object({
    map: BillMapSchema,
    rates: z
      .record(z.string(), z.union([z.string(), z.number()]))
      .optional()
      .openapi({ example: { USD: '151.37' } }),
    files: z
      .array(z.object({ name: z.string().min(1).max(200), text: z.string() }))
      .min(1)
      .max(50),
  })
  .openapi('BillUpload')

export const BillImportSchema = z
  .object({
    id: z.number().int(),
    scenarioId: z.number().int(),
    files: z.array(z.string()),
    rows: z.number().int(),
    total: z.number().int(),
    direct: z.number().int(),
    shared: z.number().int(),
    map: BillMapSchema,
    rates: z.record(z.string(), z.string()),
    costs: z.array(BillCostItemSchema),
    reconciliation: BillReconciliationSchema,
    importedAt: z.string(),
  })
  .openapi('BillImport')

export const uploadBillsRoute = createRoute({
  method: 'post',
  path: '/api/scenarios/{id}/bills',
  tags: ['bills'],
  summary: 'クラウド請求明細 (FOCUS CSV) を費目にする (upload FOCUS bills with a map; editor+)',
  description:
    'files[].text は FOCUS 1.x の CSV 本文。1 行でも不正なら何も保存しない (422, details に file と line)。結果の費目と照合表を保存し、監査ログに記録する。',
  request: { params: IdParam, body: jsonBody(BillUploadSchema) },
  responses: {
    201: json(BillImportSchema, '保存した取り込み'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export const listBillsRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}/bills',
  tags: ['bills'],
  summary: '取り込んだ請求明細の一覧 (stored bill imports, newest first)',
  request: { params: IdParam },
  responses: {
    200: json(z.array(BillImportSchema), '取り込みの一覧'),
    ...authErrors,
    ...notFoundError,
  },
})

export function registerBillRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(uploadBillsRoute, async (c) => {
    const { id } = c.req.valid('param')
    const { meta } = await scenarioAccess(c, deps, id, 'write')
    const upload = c.req.valid('json')
    const outcome = await importBills(
      deps.db,
      id,
      meta.consortiumId,
      upload,
      actorOf(c.get('principal')),
    )
    if (!outcome.ok) {
      switch (outcome.reason) {
        case 'no-scenario':
          throw notFound(`シナリオ ${id}`)
        case 'invalid':
          throw new ApiError(
            'validation',
            '入力が正しくありません (invalid input)',
            issueDetails(outcome.issues),
          )
        case 'invalid-row': {
          const p = outcome.problem
          const where = p.line === undefined ? p.field : `${p.line} 行目 ${p.field}`
          throw new ApiError('validation', `${p.file}: ${where}: ${p.message}`, [
            {
              file: p.file,
              ...(p.line === undefined ? {} : { line: p.line }),
              field: p.field,
              message: p.message,
            },
          ])
        }
      }
    }
    return c.json(outcome.value, 201)
  })

  app.openapi(listBillsRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'readAll')
    return c.json(await listBills(deps.db, id), 200)
  })
}
