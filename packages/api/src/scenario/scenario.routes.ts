/** Scenarios over HTTP: list, create, read, update (optimistic concurrency), copy as a what-if, delete. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import type { ScenarioInput } from '@warikan/core'
import type { Context } from 'hono'
import { actorOf } from '../audit/audit.service'
import type { RoleGrant } from '../auth/roles'
import { getConsortium } from '../consortium/consortium.service'
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
  ScenarioDocumentSchema,
  validationError,
} from '../http/schemas'
import {
  copyScenario,
  createScenario,
  deleteScenario,
  isoTimestamp,
  updateScenario,
  type WriteResult,
} from './scenario-edit.service'
import type { ScenarioState } from './scenario-readers'
import { memberDocument, visibleCostIds } from './member-view'
import { listScenarios } from './scenario.service'

export const ScenarioSummarySchema = z
  .object({
    id: z.number().int(),
    title: z.string(),
    fiscalYear: z.number().int().openapi({ example: 2026 }),
    version: z.number().int(),
    members: z.number().int().openapi({ description: '構成団体数' }),
    costs: z.number().int().openapi({ description: '費目数' }),
    updatedAt: z.string(),
  })
  .openapi('ScenarioSummary')

export const ScenarioSchema = z
  .object({
    id: z.number().int(),
    consortiumId: z.number().int(),
    title: z.string(),
    version: z.number().int(),
    updatedAt: z.string(),
    document: ScenarioDocumentSchema,
    redacted: z.boolean().optional().openapi({
      description: 'member ロール: 自団体以外の構成団体を除いた文書 (other members removed)',
    }),
  })
  .openapi('Scenario')

export const ScenarioVersionSchema = z
  .object({ id: z.number().int(), version: z.number().int() })
  .openapi('ScenarioVersion')

const TitleQuery = z.object({
  title: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ param: { name: 'title', in: 'query' } }),
})

export const listScenariosRoute = createRoute({
  method: 'get',
  path: '/api/consortia/{cid}/scenarios',
  tags: ['scenarios'],
  summary: '協議会のシナリオ一覧 (scenarios of a consortium)',
  request: { params: ConsortiumIdParam },
  responses: { 200: json(z.array(ScenarioSummarySchema), 'シナリオ一覧'), ...authErrors },
})

export const createScenarioRoute = createRoute({
  method: 'post',
  path: '/api/consortia/{cid}/scenarios',
  tags: ['scenarios'],
  summary: 'シナリオファイルを取り込む (import a scenario file; editor+)',
  description:
    '本文はシナリオファイル。consortium.name は URL の協議会名に置き換えて保存する。?title= で題名を指定できる。',
  request: { params: ConsortiumIdParam, query: TitleQuery, body: jsonBody(ScenarioDocumentSchema) },
  responses: {
    201: json(ScenarioVersionSchema, '作成したシナリオ'),
    ...authErrors,
    ...notFoundError,
    ...validationError,
  },
})

export const getScenarioRoute = createRoute({
  method: 'get',
  path: '/api/scenarios/{id}',
  tags: ['scenarios'],
  summary: 'シナリオとその文書 (a scenario with its document)',
  request: { params: IdParam },
  responses: { 200: json(ScenarioSchema, 'シナリオ'), ...authErrors, ...notFoundError },
})

const UpdateBody = z
  .object({
    version: z
      .number()
      .int()
      .positive()
      .openapi({ description: '読んだときの版 (optimistic concurrency)' }),
    document: ScenarioDocumentSchema,
    title: z.string().min(1).max(200).optional(),
  })
  .openapi('ScenarioUpdate')

export const updateScenarioRoute = createRoute({
  method: 'put',
  path: '/api/scenarios/{id}',
  tags: ['scenarios'],
  summary: 'シナリオを更新 (update; 409 when the version is stale; editor+)',
  request: { params: IdParam, body: jsonBody(UpdateBody) },
  responses: {
    200: json(ScenarioVersionSchema, '新しい版'),
    ...authErrors,
    ...notFoundError,
    ...conflictError,
    ...validationError,
  },
})

const CopyBody = z.object({ title: z.string().min(1).max(200).optional() }).openapi('ScenarioCopy')

export const copyScenarioRoute = createRoute({
  method: 'post',
  path: '/api/scenarios/{id}/copy',
  tags: ['scenarios'],
  summary: 'What-if 用にコピー (copy as a what-if; editor+)',
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: CopyBody } }, required: false },
  },
  responses: {
    201: json(ScenarioVersionSchema, 'コピーしたシナリオ'),
    ...authErrors,
    ...notFoundError,
  },
})

export const deleteScenarioRoute = createRoute({
  method: 'delete',
  path: '/api/scenarios/{id}',
  tags: ['scenarios'],
  summary: 'シナリオを削除 (delete; admin only)',
  request: { params: IdParam },
  responses: {
    200: json(DeletedSchema, '削除した'),
    ...authErrors,
    ...notFoundError,
  },
})

/** Loads a scenario's metadata and checks the caller's role in its consortium (404 before 403). */
export async function scenarioAccess(
  c: Context<AppEnv>,
  deps: AppDeps,
  id: number,
  permission: 'read' | 'readAll' | 'write' | 'admin',
): Promise<{ meta: ScenarioState; grant: RoleGrant }> {
  const meta = await deps.scenarioState(id)
  if (!meta) throw notFound(`シナリオ ${id}`)
  const grant = requireGrant(c, meta.consortiumId, permission)
  return { meta, grant }
}

/** Maps a service write result to the response or the one error type. */
export function unwrapWrite<T>(result: WriteResult<T>, what: string): T {
  if (result.ok) return result.value
  switch (result.reason) {
    case 'invalid':
      throw new ApiError(
        'validation',
        'シナリオが正しくありません (invalid scenario)',
        issueDetails(result.issues),
      )
    case 'not_found':
      throw notFound(what)
    case 'conflict':
      throw versionConflict(result.currentVersion)
  }
}

/** A member token sees only its own 団体 and the items it takes part in (member-view.ts). */
export const redactForMember = (doc: ScenarioInput, grant: RoleGrant): ScenarioInput =>
  memberDocument(doc, grant.memberCode ?? '')

export function registerScenarioRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  app.openapi(listScenariosRoute, async (c) => {
    const { cid } = c.req.valid('param')
    const grant = requireGrant(c, cid, 'read')
    const all = (await listScenarios(deps.db)).filter((s) => s.consortiumId === cid)
    const rows = all.map(({ id, title, fiscalYear, version, members, costs, updatedAt }) => ({
      id,
      title,
      fiscalYear,
      version,
      members,
      costs,
      updatedAt: isoTimestamp(updatedAt),
    }))
    if (grant.role === 'member')
      for (const row of rows) {
        const doc = await deps.scenarioDocument(row.id)
        row.members = 1
        row.costs = doc ? visibleCostIds(doc, grant.memberCode ?? '').size : 0
      }
    return c.json(rows, 200)
  })

  app.openapi(createScenarioRoute, async (c) => {
    const { cid } = c.req.valid('param')
    requireGrant(c, cid, 'write')
    if (!(await getConsortium(deps.db, cid))) throw notFound(`協議会 ${cid}`)
    const result = await createScenario(
      deps.db,
      cid,
      c.req.valid('json'),
      c.req.valid('query').title,
      actorOf(c.get('principal')),
    )
    return c.json(unwrapWrite(result, `協議会 ${cid}`), 201)
  })

  app.openapi(getScenarioRoute, async (c) => {
    const { id } = c.req.valid('param')
    const { meta, grant } = await scenarioAccess(c, deps, id, 'read')
    const doc = await deps.scenarioDocument(id)
    if (!doc) throw notFound(`シナリオ ${id}`)
    const member = grant.role === 'member'
    return c.json(
      {
        id,
        consortiumId: meta.consortiumId,
        title: meta.title,
        version: meta.version,
        updatedAt: meta.updatedAt,
        document: (member ? redactForMember(doc, grant) : doc) as unknown as Record<
          string,
          unknown
        >,
        ...(member ? { redacted: true } : {}),
      },
      200,
    )
  })

  app.openapi(updateScenarioRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'write')
    const body = c.req.valid('json')
    const result = await updateScenario(
      deps.db,
      id,
      body.version,
      body.document,
      body.title,
      actorOf(c.get('principal')),
    )
    return c.json(unwrapWrite(result, `シナリオ ${id}`), 200)
  })

  app.openapi(copyScenarioRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'write')
    const body = (await c.req.json().catch(() => ({}))) as { title?: unknown }
    const title =
      typeof body.title === 'string' && body.title.trim() ? body.title.slice(0, 200) : undefined
    const result = await copyScenario(deps.db, id, title, actorOf(c.get('principal')))
    return c.json(unwrapWrite(result, `シナリオ ${id}`), 201)
  })

  app.openapi(deleteScenarioRoute, async (c) => {
    const { id } = c.req.valid('param')
    await scenarioAccess(c, deps, id, 'admin')
    const result = await deleteScenario(deps.db, id, actorOf(c.get('principal')))
    return c.json({ ...unwrapWrite(result, `シナリオ ${id}`), deleted: true as const }, 200)
  })
}
