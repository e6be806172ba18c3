import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { DEMO_DOC, harness, type Harness } from './api-harness'

const withPopulation = (code: string, population: number) => {
  const doc = structuredClone(DEMO_DOC)
  doc.members.find((m) => m.code === code)!.population = population
  return doc
}

describe.each(testDatabases())('scenario writes on $name', (database) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(database)
  })
  afterEach(() => h.close())

  it('POST creates a scenario in the URL consortium (document name normalised), 201 {id, version: 1}', async () => {
    const doc = structuredClone(DEMO_DOC)
    doc.consortium.name = '違う名前'
    const r = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios?title=案A`, {
      token: h.tokens.editor,
      body: doc,
    })
    expect(r.status).toBe(201)
    expect(r.body).toEqual({ id: expect.any(Number), version: 1 })
    const got = await h.request('GET', `/api/scenarios/${r.body.id}`, { token: h.tokens.viewer })
    expect(got.body.title).toBe('案A')
    expect(got.body.document.consortium.name).toBe(DEMO_DOC.consortium.name)
  })

  it('POST an invalid document → 422 with core paths, and nothing is stored', async () => {
    const doc = structuredClone(DEMO_DOC) as unknown as { costs: Array<Record<string, unknown>> }
    doc.costs[0]!['amount'] = 1.5
    const r = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.admin,
      body: doc,
    })
    expect(r.status).toBe(422)
    expect(r.body.error.details[0]).toMatchObject({ path: 'costs[0].amount', field: 'amount' })
    const list = await h.request('GET', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.admin,
    })
    expect(list.body).toHaveLength(1)
  })

  it('malformed JSON → 4xx in the one error shape', async () => {
    const r = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.admin,
      body: '{"version": 1,',
    })
    expect([400, 422]).toContain(r.status)
    expect(r.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) })
  })

  it('PUT bumps the version and the allocation follows the new document', async () => {
    const before = await h.request('GET', `/api/scenarios/${h.scenarioId}/allocation`, {
      token: h.tokens.admin,
    })
    const put = await h.request('PUT', `/api/scenarios/${h.scenarioId}`, {
      token: h.tokens.editor,
      body: { version: 1, document: withPopulation('143014', 320960), title: '人口10倍' },
    })
    expect(put.status).toBe(200)
    expect(put.body).toEqual({ id: h.scenarioId, version: 2 })
    const after = await h.request('GET', `/api/scenarios/${h.scenarioId}/allocation`, {
      token: h.tokens.admin,
    })
    const hayama = (b: { members: Array<{ code: string; total: number }> }) =>
      b.members.find((m) => m.code === '143014')!.total
    // ten times the population → a larger 人口割 share (the cache keyed by version did not serve stale data)
    expect(hayama(after.body)).toBeGreaterThan(hayama(before.body))
    expect(after.body.total).toBe(before.body.total)
    const got = await h.request('GET', `/api/scenarios/${h.scenarioId}`, { token: h.tokens.viewer })
    expect(got.body).toMatchObject({ title: '人口10倍', version: 2 })
  })

  it('two editors, one version: the second PUT gets 409 and its change is not applied', async () => {
    const a = withPopulation('143014', 40000)
    const b = withPopulation('143219', 50000)
    const [ra, rb] = await Promise.all([
      h.request('PUT', `/api/scenarios/${h.scenarioId}`, {
        token: h.tokens.admin,
        body: { version: 1, document: a },
      }),
      h.request('PUT', `/api/scenarios/${h.scenarioId}`, {
        token: h.tokens.editor,
        body: { version: 1, document: b },
      }),
    ])
    const statuses = [ra.status, rb.status].sort()
    expect(statuses).toEqual([200, 409])
    const loser = ra.status === 409 ? ra : rb
    expect(loser.body.error.code).toBe('conflict')
    const winnerDoc = ra.status === 200 ? a : b
    const got = await h.request('GET', `/api/scenarios/${h.scenarioId}`, { token: h.tokens.viewer })
    expect(got.body.version).toBe(2)
    expect(got.body.document).toEqual(winnerDoc)
    // the loser re-reads and saves on top: nothing is lost silently
    const retry = await h.request('PUT', `/api/scenarios/${h.scenarioId}`, {
      token: loser === ra ? h.tokens.admin : h.tokens.editor,
      body: { version: 2, document: loser === ra ? a : b },
    })
    expect(retry.body).toEqual({ id: h.scenarioId, version: 3 })
  })

  it('a stale version alone → 409 naming the current version', async () => {
    await h.request('PUT', `/api/scenarios/${h.scenarioId}`, {
      token: h.tokens.admin,
      body: { version: 1, document: DEMO_DOC },
    })
    const r = await h.request('PUT', `/api/scenarios/${h.scenarioId}`, {
      token: h.tokens.admin,
      body: { version: 1, document: DEMO_DOC },
    })
    expect(r.status).toBe(409)
    expect(r.body.error.details[0].message).toContain('2')
  })

  it('PUT without a version → 422 naming the field', async () => {
    const r = await h.request('PUT', `/api/scenarios/${h.scenarioId}`, {
      token: h.tokens.admin,
      body: { document: DEMO_DOC },
    })
    expect(r.status).toBe(422)
    expect(r.body.error.details[0]).toMatchObject({ path: 'version', field: 'version' })
  })

  it('copy makes an independent what-if; delete removes only that one', async () => {
    const copy = await h.request('POST', `/api/scenarios/${h.scenarioId}/copy`, {
      token: h.tokens.editor,
    })
    expect(copy.status).toBe(201)
    const got = await h.request('GET', `/api/scenarios/${copy.body.id}`, { token: h.tokens.admin })
    expect(got.body.title).toBe('デモ（コピー）')
    expect(got.body.document).toEqual(DEMO_DOC)
    const del = await h.request('DELETE', `/api/scenarios/${copy.body.id}`, {
      token: h.tokens.admin,
    })
    expect(del.body).toEqual({ id: copy.body.id, deleted: true })
    expect(
      (await h.request('GET', `/api/scenarios/${copy.body.id}`, { token: h.tokens.admin })).status,
    ).toBe(404)
    expect(
      (await h.request('GET', `/api/scenarios/${h.scenarioId}`, { token: h.tokens.admin })).status,
    ).toBe(200)
  })

  it('every write is in the audit trail: who, what, before/after; newest first', async () => {
    await h.request('PUT', `/api/scenarios/${h.scenarioId}`, {
      token: h.tokens.editor,
      body: { version: 1, document: withPopulation('143014', 33000) },
    })
    const r = await h.request('GET', `/api/scenarios/${h.scenarioId}/audit`, {
      token: h.tokens.viewer,
    })
    expect(r.status).toBe(200)
    expect(r.body.map((e: { action: string }) => e.action)).toEqual([
      'scenario.update',
      'scenario.create',
    ])
    const update = r.body[0]
    expect(update).toMatchObject({
      actor: 'editor-token',
      scenarioId: h.scenarioId,
      target: `scenario:${h.scenarioId}`,
    })
    expect(update.tokenId).toEqual(expect.any(Number))
    const pop = (d: { document: typeof DEMO_DOC }) =>
      d.document.members.find((m) => m.code === '143014')!.population
    expect(pop(update.before)).toBe(32096)
    expect(pop(update.after)).toBe(33000)
    expect(update.before.version).toBe(1)
    expect(update.after.version).toBe(2)
    expect(update.at).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  })

  it('the audit trail is append-only in the database itself', async () => {
    const db = h.handle.db
    await expect(
      db.updateTable('audit_log').set({ actor: 'someone else' }).execute(),
    ).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)
  })

  it('deleting a scenario keeps its trail, with the document as it was', async () => {
    const copy = await h.request('POST', `/api/scenarios/${h.scenarioId}/copy`, {
      token: h.tokens.admin,
    })
    await h.request('DELETE', `/api/scenarios/${copy.body.id}`, { token: h.tokens.admin })
    const r = await h.request('GET', `/api/consortia/${h.consortiumId}/audit`, {
      token: h.tokens.admin,
    })
    const del = r.body.find((e: { action: string }) => e.action === 'scenario.delete')
    expect(del.scenarioId).toBe(copy.body.id)
    expect(del.before.document).toEqual(DEMO_DOC)
  })
})
