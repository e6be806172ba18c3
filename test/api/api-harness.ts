/**
 * An in-process API on a fresh database (SQLite in memory, PostgreSQL when TEST_DATABASE_URL is set),
 * with the demo consortium, its two scenarios, and one token per role.
 */
import { readFileSync } from 'node:fs'
import { createApp } from '../../packages/api/src/app'
import { CLI_ACTOR } from '../../packages/api/src/audit/audit.service'
import { createApiToken } from '../../packages/api/src/auth/auth.service'
import type { Role } from '../../packages/api/src/auth/roles'
import type { Db } from '../../packages/api/src/db/create-db'
import { readEnv } from '../../packages/api/src/env'
import { createScenario } from '../../packages/api/src/scenario/scenario-edit.service'
import { findOrCreateConsortium } from '../../packages/api/src/scenario/scenario.repository'
import type { TestDatabase } from '../helpers/databases'
import { responseProblem } from './response-schemas'

export const DEMO_DOC = JSON.parse(
  readFileSync(new URL('../../fixtures/demo/kanagawa-2026.json', import.meta.url), 'utf8'),
) as {
  consortium: { name: string; fiscalYear: number }
  members: Array<{ code: string; name: string; population: number }>
  costs: Array<{ id: string; amount: number }>
}

/** 葉山町 (143014) holds the member token; 寒川町 (143219) is "another member". */
export const OWN_CODE = '143014'
export const OTHER_CODE = '143219'

export interface Harness {
  handle: Db
  app: ReturnType<typeof createApp>
  logs: string[]
  consortiumId: number
  otherConsortiumId: number
  scenarioId: number
  tokens: Record<Role | 'outsider', string>
  request: (
    method: string,
    path: string,
    options?: { token?: string | undefined; body?: unknown; headers?: Record<string, string> },
  ) => Promise<{ status: number; body: any; headers: Headers }> // eslint-disable-line @typescript-eslint/no-explicit-any
  close: () => Promise<void>
}

export async function harness(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<Harness> {
  const handle = await database.create()
  const db = handle.db
  const consortiumId = await findOrCreateConsortium(db, DEMO_DOC.consortium.name)
  const otherConsortiumId = await findOrCreateConsortium(db, '別の協議会')
  const created = await createScenario(db, consortiumId, DEMO_DOC, 'デモ', CLI_ACTOR)
  if (!created.ok) throw new Error('fixture did not import')
  const token = async (role: Role, cid = consortiumId) => {
    const r = await createApiToken(
      db,
      {
        consortium: cid,
        role,
        ...(role === 'member' ? { memberCode: OWN_CODE } : {}),
        name: `${role}-token`,
      },
      CLI_ACTOR,
    )
    if (!r.ok) throw new Error(r.message)
    return r.token
  }
  const tokens = {
    admin: await token('admin'),
    editor: await token('editor'),
    viewer: await token('viewer'),
    member: await token('member'),
    outsider: await token('admin', otherConsortiumId),
  }
  const logs: string[] = []
  const app = createApp({
    db,
    dialect: handle.dialect,
    changeToken: handle.changeToken,
    env: readEnv({ WARIKAN_RATE_LIMIT_PER_MINUTE: '100000', ...env }),
    log: (l) => logs.push(l),
    accessLog: true,
  })
  return {
    handle,
    app,
    logs,
    consortiumId,
    otherConsortiumId,
    scenarioId: created.value.id,
    tokens,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers }
      if (options.token !== undefined) headers['Authorization'] = `Bearer ${options.token}`
      let body: string | undefined
      if (options.body !== undefined) {
        body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
        headers['Content-Type'] ??= 'application/json'
      }
      const res = await app.request(path, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      })
      const text = await res.text()
      let parsed: unknown = text
      try {
        parsed = JSON.parse(text)
      } catch {
        // not JSON (e.g. the reference page)
      }
      // every 2xx JSON answer of every API test is checked against its route's declared schema
      const problem = responseProblem(
        app,
        method,
        path,
        res.status,
        parsed,
        res.headers.get('content-type'),
      )
      if (problem) throw new Error(`response does not match its OpenAPI schema: ${problem}`)
      return { status: res.status, body: parsed, headers: res.headers }
    },
    close: () => handle.close(),
  }
}
