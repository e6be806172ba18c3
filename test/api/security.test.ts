import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { DEMO_DOC, harness, OTHER_CODE, OWN_CODE, type Harness } from './api-harness'

const INJECTIONS = [
  "Robert'); DROP TABLE scenario;--",
  "' OR '1'='1",
  '"; DELETE FROM audit_log; --',
  '1; SELECT * FROM api_token',
  "\\' UNION SELECT token_hash FROM api_token --",
]

describe.each(testDatabases())('security on $name', (database) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(database)
  })
  afterEach(() => h.close())

  it('SQL-injection-shaped names round-trip as plain text', async () => {
    const doc = structuredClone(DEMO_DOC)
    INJECTIONS.forEach((name, i) => (doc.members[i]!.name = name))
    ;(doc.costs[0] as { name?: string }).name = INJECTIONS[0]
    const title = INJECTIONS[1]!
    const created = await h.request(
      'POST',
      `/api/consortia/${h.consortiumId}/scenarios?title=${encodeURIComponent(title)}`,
      { token: h.tokens.admin, body: doc },
    )
    expect(created.status).toBe(201)
    const got = await h.request('GET', `/api/scenarios/${created.body.id}`, {
      token: h.tokens.admin,
    })
    expect(got.body.title).toBe(title)
    expect(got.body.document).toEqual(doc)
    const alloc = await h.request('GET', `/api/scenarios/${created.body.id}/allocation`, {
      token: h.tokens.admin,
    })
    expect(
      alloc.body.members.slice(0, INJECTIONS.length).map((m: { name: string }) => m.name),
    ).toEqual(INJECTIONS)
    // every table is still there and whole
    const list = await h.request('GET', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.admin,
    })
    expect(list.body).toHaveLength(2)
    const audit = await h.request('GET', `/api/consortia/${h.consortiumId}/audit`, {
      token: h.tokens.admin,
    })
    expect(audit.body.length).toBeGreaterThan(0)
  })

  it("a member token reads its own detail and the consortium totals, never another member's", async () => {
    const own = await h.request(
      'GET',
      `/api/scenarios/${h.scenarioId}/allocation/${OWN_CODE}/explanation`,
      {
        token: h.tokens.member,
      },
    )
    expect(own.status).toBe(200)
    const other = await h.request(
      'GET',
      `/api/scenarios/${h.scenarioId}/allocation/${OTHER_CODE}/explanation`,
      {
        token: h.tokens.member,
      },
    )
    expect(other.status).toBe(403)
    const alloc = await h.request('GET', `/api/scenarios/${h.scenarioId}/allocation`, {
      token: h.tokens.member,
    })
    expect(alloc.body.members.map((m: { code: string }) => m.code)).toEqual([OWN_CODE])
    const full = await h.request('GET', `/api/scenarios/${h.scenarioId}/allocation`, {
      token: h.tokens.viewer,
    })
    // only the items it takes part in, and their total (test/api/member-view.test.ts)
    const ownItems = full.body.costs.filter((c: { id: string }) => c.id !== 'ashigara')
    expect(alloc.body.costs).toEqual(ownItems)
    expect(alloc.body.total).toBe(
      ownItems.reduce((a: number, c: { amount: number }) => a + c.amount, 0),
    )
    const doc = await h.request('GET', `/api/scenarios/${h.scenarioId}`, { token: h.tokens.member })
    expect(doc.body.redacted).toBe(true)
    expect(doc.body.document.members.map((m: { code: string }) => m.code)).toEqual([OWN_CODE])
    expect(JSON.stringify(doc.body)).not.toContain('寒川町')
    for (const path of ['audit', 'fairness', 'divergence']) {
      const r = await h.request('GET', `/api/scenarios/${h.scenarioId}/${path}`, {
        token: h.tokens.member,
      })
      expect(r.status).toBe(403)
    }
  })

  it('a token of another consortium sees none of this one', async () => {
    for (const path of [
      `/api/scenarios/${h.scenarioId}`,
      `/api/scenarios/${h.scenarioId}/allocation`,
      `/api/consortia/${h.consortiumId}/scenarios`,
    ]) {
      const r = await h.request('GET', path, { token: h.tokens.outsider })
      expect(r.status).toBe(403)
    }
  })

  it('tokens never appear in logs, the audit trail or the database', async () => {
    const created = await h.request('POST', `/api/consortia/${h.consortiumId}/tokens`, {
      token: h.tokens.admin,
      body: { role: 'member', memberCode: OTHER_CODE, name: '寒川町の担当' },
    })
    expect(created.status).toBe(201)
    const newToken: string = created.body.token
    expect(newToken).toMatch(/^wk_[A-Za-z0-9_-]{43}$/)
    await h.request('GET', `/api/me?token=${newToken}`, { token: newToken })
    await h.request('PUT', `/api/scenarios/${h.scenarioId}`, {
      token: h.tokens.editor,
      body: { version: 1, document: DEMO_DOC },
    })
    await h.request('GET', '/api/me', { token: `${h.tokens.admin}x` })
    const audit = await h.request('GET', `/api/consortia/${h.consortiumId}/audit`, {
      token: h.tokens.admin,
    })
    expect(audit.body.map((e: { action: string }) => e.action)).toContain('token.create')
    await new Promise((r) => setTimeout(r, 150)) // the access log is flushed every 100 ms
    const everything = [
      h.logs.join('\n'),
      JSON.stringify(audit.body),
      JSON.stringify(await h.handle.db.selectFrom('api_token').selectAll().execute()),
      JSON.stringify(await h.handle.db.selectFrom('audit_log').selectAll().execute()),
    ].join('\n')
    expect(h.logs.length).toBeGreaterThan(0)
    for (const t of [...Object.values(h.tokens), newToken]) {
      expect(everything).not.toContain(t)
      expect(everything).not.toContain(t.slice(3, 20))
    }
  })

  it('the new member token works, limited to its own 団体', async () => {
    const created = await h.request('POST', `/api/consortia/${h.consortiumId}/tokens`, {
      token: h.tokens.admin,
      body: { role: 'member', memberCode: OTHER_CODE },
    })
    const me = await h.request('GET', '/api/me', { token: created.body.token })
    expect(me.body.roles).toEqual([
      { consortiumId: h.consortiumId, role: 'member', memberCode: OTHER_CODE },
    ])
    const r = await h.request(
      'GET',
      `/api/scenarios/${h.scenarioId}/allocation/${OWN_CODE}/explanation`,
      {
        token: created.body.token,
      },
    )
    expect(r.status).toBe(403)
  })

  it('a member token without a valid 団体コード is refused (422 naming the field)', async () => {
    const r = await h.request('POST', `/api/consortia/${h.consortiumId}/tokens`, {
      token: h.tokens.admin,
      body: { role: 'member', memberCode: '143015' },
    })
    expect(r.status).toBe(422)
    expect(r.body.error.details[0].field).toBe('member')
  })
})
