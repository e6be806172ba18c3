import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { DEMO_DOC, harness, OWN_CODE, type Harness } from './api-harness'

describe.each(testDatabases())('read routes on $name', (database) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(database)
  })
  afterEach(() => h.close())

  it('GET /api/me names the token and its role, never the token', async () => {
    const r = await h.request('GET', '/api/me', { token: h.tokens.member })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({
      name: 'member-token',
      roles: [{ consortiumId: h.consortiumId, role: 'member', memberCode: OWN_CODE }],
    })
    expect(JSON.stringify(r.body)).not.toContain(h.tokens.member)
  })

  it('no token → 401, unknown token → 401, in the one error shape', async () => {
    const none = await h.request('GET', '/api/consortia')
    expect(none.status).toBe(401)
    expect(none.body).toEqual({
      error: { code: 'unauthorized', message: expect.any(String), details: [] },
    })
    const bad = await h.request('GET', '/api/consortia', { token: 'wk_not-a-real-token' })
    expect(bad.status).toBe(401)
  })

  it('GET /api/consortia lists only the consortia the token holds a role in', async () => {
    const r = await h.request('GET', '/api/consortia', { token: h.tokens.viewer })
    expect(r.body).toEqual([{ id: h.consortiumId, name: DEMO_DOC.consortium.name }])
    const other = await h.request('GET', '/api/consortia', { token: h.tokens.outsider })
    expect(other.body).toEqual([{ id: h.otherConsortiumId, name: '別の協議会' }])
  })

  it('GET /api/consortia/:cid/scenarios summarises each scenario', async () => {
    const r = await h.request('GET', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.viewer,
    })
    expect(r.status).toBe(200)
    expect(r.body).toEqual([
      {
        id: h.scenarioId,
        title: 'デモ',
        fiscalYear: 2026,
        version: 1,
        members: 14,
        costs: DEMO_DOC.costs.length,
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
      },
    ])
  })

  it('GET /api/scenarios/:id returns the document as imported', async () => {
    const r = await h.request('GET', `/api/scenarios/${h.scenarioId}`, { token: h.tokens.viewer })
    expect(r.status).toBe(200)
    expect(r.body.document).toEqual(DEMO_DOC)
    expect(r.body).toMatchObject({ id: h.scenarioId, consortiumId: h.consortiumId, version: 1 })
  })

  it('GET allocation: shares add up to every cost amount; the CLI and the API agree', async () => {
    const r = await h.request('GET', `/api/scenarios/${h.scenarioId}/allocation`, {
      token: h.tokens.viewer,
    })
    expect(r.status).toBe(200)
    const amounts = DEMO_DOC.costs.reduce((a, c) => a + c.amount, 0)
    expect(r.body.total).toBe(amounts)
    expect(r.body.members).toHaveLength(14)
    for (const c of r.body.costs) expect(c.allocated).toBe(c.amount)
    // the unsaved what-if route gives the same figures for the same document
    const whatIf = await h.request('POST', '/api/allocate', {
      token: h.tokens.member,
      body: DEMO_DOC,
    })
    expect(whatIf.status).toBe(200)
    expect(whatIf.body).toEqual(r.body)
  })

  it('explanation: one entry per cost item whose shares add up to the member total', async () => {
    const alloc = await h.request('GET', `/api/scenarios/${h.scenarioId}/allocation`, {
      token: h.tokens.admin,
    })
    const own = alloc.body.members.find((m: { code: string }) => m.code === OWN_CODE)
    const r = await h.request(
      'GET',
      `/api/scenarios/${h.scenarioId}/allocation/${OWN_CODE}/explanation`,
      { token: h.tokens.member },
    )
    expect(r.status).toBe(200)
    expect(r.body.code).toBe(OWN_CODE)
    // a member sees the items it takes part in (not 足柄上地区's)
    const own_items = (DEMO_DOC.costs as Array<{ members?: string[] }>).filter(
      (c) => !c.members || c.members.includes(OWN_CODE),
    )
    expect(r.body.explanations).toHaveLength(own_items.length)
    const sum = r.body.explanations.reduce((a: number, e: { share: number }) => a + e.share, 0)
    expect(sum).toBe(own.total)
  })

  it('unknown scenario → 404; non-numeric id → 404 with the field path', async () => {
    const missing = await h.request('GET', '/api/scenarios/999999', { token: h.tokens.admin })
    expect(missing.status).toBe(404)
    expect(missing.body.error.code).toBe('not_found')
    const bad = await h.request('GET', '/api/scenarios/abc', { token: h.tokens.admin })
    expect(bad.status).toBe(404)
    expect(bad.body.error.details[0]).toMatchObject({ path: 'param.id', field: 'id' })
  })

  it('POST /api/network/check: the spec keys only; ?explain=1 adds explanation, source and fix', async () => {
    const topology = JSON.parse(
      readFileSync(new URL('../../fixtures/network/spec-example.json', import.meta.url), 'utf8'),
    ) as unknown
    const plain = await h.request('POST', '/api/network/check', {
      token: h.tokens.viewer,
      body: topology,
    })
    expect(plain.status).toBe(200)
    expect(plain.body.findings).toEqual([
      {
        rule: 'NET-004',
        severity: 'info',
        message: expect.any(String),
        path: ['dc-kikan', 'town-joho'],
      },
    ])
    expect(Object.keys(plain.body.findings[0])).toEqual(['rule', 'severity', 'message', 'path'])
    const explained = await h.request('POST', '/api/network/check?explain=1', {
      token: h.tokens.viewer,
      body: topology,
    })
    expect(explained.body.findings[0]).toMatchObject({
      ...plain.body.findings[0],
      explanation: expect.any(String),
      source: expect.stringMatching(/総務省/),
      fix: expect.any(String),
    })
  })

  it('an invalid what-if document → 422 with core field paths', async () => {
    const doc = structuredClone(DEMO_DOC) as unknown as { members: Array<{ population: unknown }> }
    doc.members[3]!.population = -5
    const r = await h.request('POST', '/api/allocate', { token: h.tokens.viewer, body: doc })
    expect(r.status).toBe(422)
    expect(r.body.error.code).toBe('validation')
    expect(r.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'members[3].population', field: 'population' }),
    )
  })
})
