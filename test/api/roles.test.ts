/**
 * Every route × every role, table-driven. `allowed` roles get the route's success status (no route answers
 * 501 any more: fairness and compare are wired to the core); the other roles get 403; no token gets 401; a token of another
 * consortium gets 403 on this consortium's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI_ACTOR } from '../../packages/api/src/audit/audit.service'
import type { Role } from '../../packages/api/src/auth/roles'
import { createScenario } from '../../packages/api/src/scenario/scenario-edit.service'
import { testDatabases } from '../helpers/databases'
import { DEMO_DOC, harness, OTHER_CODE, OWN_CODE, type Harness } from './api-harness'

type Caller = Role | 'outsider' | 'none'
const CALLERS: Caller[] = ['admin', 'editor', 'viewer', 'member', 'outsider', 'none']
const ALL: Role[] = ['admin', 'editor', 'viewer', 'member']
const READ_ALL: Role[] = ['admin', 'editor', 'viewer']
const WRITE: Role[] = ['admin', 'editor']

interface Case {
  name: string
  allowed: Role[]
  /** success status(es) */
  ok: number | number[]
  /** true: the route is not tied to one consortium (an outsider is a valid caller) */
  global?: boolean
  build: (
    h: Harness,
  ) => Promise<{ method: string; path: string; body?: unknown; headers?: Record<string, string> }>
}

const fresh = async (h: Harness) => {
  const r = await createScenario(h.handle.db, h.consortiumId, DEMO_DOC, 'fresh', CLI_ACTOR)
  if (!r.ok) throw new Error('fixture')
  return r.value.id
}

const CASES: Case[] = [
  {
    name: 'GET /api/me',
    allowed: ALL,
    ok: 200,
    global: true,
    build: async () => ({ method: 'GET', path: '/api/me' }),
  },
  {
    name: 'GET /api/consortia',
    allowed: ALL,
    ok: 200,
    global: true,
    build: async () => ({ method: 'GET', path: '/api/consortia' }),
  },
  {
    name: 'GET scenarios of a consortium',
    allowed: ALL,
    ok: 200,
    build: async (h) => ({ method: 'GET', path: `/api/consortia/${h.consortiumId}/scenarios` }),
  },
  {
    name: 'POST a scenario',
    allowed: WRITE,
    ok: 201,
    build: async (h) => ({
      method: 'POST',
      path: `/api/consortia/${h.consortiumId}/scenarios`,
      body: DEMO_DOC,
    }),
  },
  {
    name: 'GET a scenario',
    allowed: ALL,
    ok: 200,
    build: async (h) => ({ method: 'GET', path: `/api/scenarios/${h.scenarioId}` }),
  },
  {
    name: 'PUT a scenario',
    allowed: WRITE,
    ok: 200,
    build: async (h) => ({
      method: 'PUT',
      path: `/api/scenarios/${await fresh(h)}`,
      body: { version: 1, document: DEMO_DOC },
    }),
  },
  {
    name: 'POST copy',
    allowed: WRITE,
    ok: 201,
    build: async (h) => ({
      method: 'POST',
      path: `/api/scenarios/${h.scenarioId}/copy`,
      body: { title: 'what-if' },
    }),
  },
  {
    name: 'DELETE a scenario',
    allowed: ['admin'],
    ok: 200,
    build: async (h) => ({ method: 'DELETE', path: `/api/scenarios/${await fresh(h)}` }),
  },
  {
    name: 'GET allocation',
    allowed: ALL,
    ok: 200,
    build: async (h) => ({ method: 'GET', path: `/api/scenarios/${h.scenarioId}/allocation` }),
  },
  {
    name: 'GET own explanation',
    allowed: ALL,
    ok: 200,
    build: async (h) => ({
      method: 'GET',
      path: `/api/scenarios/${h.scenarioId}/allocation/${OWN_CODE}/explanation`,
    }),
  },
  {
    name: "GET another member's explanation",
    allowed: READ_ALL,
    ok: 200,
    build: async (h) => ({
      method: 'GET',
      path: `/api/scenarios/${h.scenarioId}/allocation/${OTHER_CODE}/explanation`,
    }),
  },
  {
    name: 'POST /api/allocate',
    allowed: ALL,
    ok: 200,
    global: true,
    build: async () => ({ method: 'POST', path: '/api/allocate', body: DEMO_DOC }),
  },
  {
    name: 'POST traffic',
    allowed: WRITE,
    ok: 201,
    build: async (h) => ({
      method: 'POST',
      path: `/api/scenarios/${await fresh(h)}/traffic`,
      body: 'timestamp,requester,provider\n2026-06-01T09:00:00+09:00,143014,143219\n',
      headers: { 'Content-Type': 'text/csv' },
    }),
  },
  {
    name: 'GET traffic',
    allowed: ALL,
    ok: 200,
    build: async (h) => ({ method: 'GET', path: `/api/scenarios/${h.scenarioId}/traffic` }),
  },
  {
    name: 'GET divergence',
    allowed: READ_ALL,
    ok: [200, 422], // no traffic stored for this scenario: an allowed caller gets 422 (no traffic)
    build: async (h) => ({ method: 'GET', path: `/api/scenarios/${h.scenarioId}/divergence` }),
  },
  {
    name: 'GET fairness',
    allowed: READ_ALL,
    ok: 200,
    build: async (h) => ({ method: 'GET', path: `/api/scenarios/${h.scenarioId}/fairness` }),
  },
  {
    name: 'GET fairness with ?alpha',
    allowed: READ_ALL,
    ok: 200,
    build: async (h) => ({
      method: 'GET',
      path: `/api/scenarios/${h.scenarioId}/fairness?alpha=equal,population&seed=7`,
    }),
  },
  // the demo scenario has no services/patterns section: an allowed caller gets the core's 422
  {
    name: 'GET patterns',
    allowed: READ_ALL,
    ok: [200, 422],
    build: async (h) => ({ method: 'GET', path: `/api/scenarios/${h.scenarioId}/patterns` }),
  },
  {
    name: 'GET compare',
    allowed: READ_ALL,
    ok: 200,
    build: async (h) => ({
      method: 'GET',
      path: `/api/compare?a=${h.scenarioId}&b=${await fresh(h)}`,
    }),
  },
  {
    name: 'GET scenario audit',
    allowed: READ_ALL,
    ok: 200,
    build: async (h) => ({ method: 'GET', path: `/api/scenarios/${h.scenarioId}/audit` }),
  },
  {
    name: 'GET consortium audit',
    allowed: READ_ALL,
    ok: 200,
    build: async (h) => ({ method: 'GET', path: `/api/consortia/${h.consortiumId}/audit` }),
  },
  {
    name: 'POST a token',
    allowed: ['admin'],
    ok: 201,
    build: async (h) => ({
      method: 'POST',
      path: `/api/consortia/${h.consortiumId}/tokens`,
      body: { role: 'viewer' },
    }),
  },
]

// POST /api/network/check has no consortium: every valid token may call it.
const NETWORK: Case = {
  name: 'POST /api/network/check',
  allowed: ALL,
  ok: 200,
  global: true,
  build: async () => ({
    method: 'POST',
    path: '/api/network/check',
    body: JSON.parse(
      (await import('node:fs')).readFileSync(
        new URL('../../fixtures/network/spec-example.json', import.meta.url),
        'utf8',
      ),
    ) as unknown,
  }),
}

describe.each(testDatabases())('route × role on $name', (database) => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(database)
  })
  afterAll(() => h.close())

  describe.each([...CASES, NETWORK])('$name', (c) => {
    it.each(CALLERS)('as %s', async (caller) => {
      const req = await c.build(h)
      const token = caller === 'none' ? undefined : h.tokens[caller]
      const res = await h.request(req.method, req.path, {
        token,
        body: req.body,
        ...(req.headers ? { headers: req.headers } : {}),
      })
      const allowed =
        caller === 'none'
          ? false
          : caller === 'outsider'
            ? c.global === true
            : c.allowed.includes(caller)
      if (caller === 'none') expect(res.status).toBe(401)
      else if (!allowed) {
        expect(res.status).toBe(403)
        expect(res.body.error.code).toBe('forbidden')
      } else expect([c.ok].flat()).toContain(res.status)
    })
  })
})
