import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PlanAllocationSchema } from '../../packages/api/src/plan/plan.routes'
import { testDatabases } from '../helpers/databases'
import { harness, OWN_CODE, type Harness } from './api-harness'

const PLAN = JSON.parse(
  readFileSync(new URL('../../fixtures/plans/kanagawa-2026-2030.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & { members: Array<Record<string, unknown>> }

describe.each(testDatabases())('plan routes on $name', (database) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(database)
  })
  afterEach(() => h.close())

  const create = (token: string, body: unknown = PLAN) =>
    h.request('POST', `/api/consortia/${h.consortiumId}/plans`, { token, body })

  it('creates, lists, reads, updates with a version, deletes (admin); every write audited', async () => {
    const made = await create(h.tokens.editor)
    expect(made.status).toBe(201)
    expect(made.body).toEqual({ id: expect.any(Number), version: 1 })
    const id = made.body.id as number
    const list = await h.request('GET', `/api/consortia/${h.consortiumId}/plans`, {
      token: h.tokens.viewer,
    })
    expect(list.body).toEqual([
      expect.objectContaining({ id, from: 2026, to: 2030, version: 1, title: expect.any(String) }),
    ])
    const got = await h.request('GET', `/api/plans/${id}`, { token: h.tokens.viewer })
    expect(got.status).toBe(200)
    expect(got.body.document.members).toHaveLength(14)

    const changed = structuredClone(PLAN) as unknown as { plan: { to: number } }
    changed.plan.to = 2029
    const put = await h.request('PUT', `/api/plans/${id}`, {
      token: h.tokens.editor,
      body: { version: 1, document: changed },
    })
    expect(put.status).toBe(200)
    expect(put.body).toEqual({ id, version: 2 })
    const stale = await h.request('PUT', `/api/plans/${id}`, {
      token: h.tokens.editor,
      body: { version: 1, document: PLAN },
    })
    expect(stale.status).toBe(409)

    expect((await h.request('DELETE', `/api/plans/${id}`, { token: h.tokens.editor })).status).toBe(
      403,
    )
    expect((await h.request('DELETE', `/api/plans/${id}`, { token: h.tokens.admin })).status).toBe(
      200,
    )
    expect((await h.request('GET', `/api/plans/${id}`, { token: h.tokens.admin })).status).toBe(404)
    const rows = await h.handle.db
      .selectFrom('audit_log')
      .select(['action', 'target', 'actor'])
      .where('target', '=', `plan:${id}`)
      .orderBy('id')
      .execute()
    expect(rows.map((r) => r.action)).toEqual(['plan.create', 'plan.update', 'plan.delete'])
    expect(rows[0]!.actor).toBe('editor-token')
  })

  it('an invalid plan → 422 with the field path and year; nothing stored', async () => {
    const bad = structuredClone(PLAN)
    bad.members[1]!.population = { '2027': 47000 }
    const r = await create(h.tokens.admin, bad)
    expect(r.status).toBe(422)
    expect(r.body.error.details[0]).toMatchObject({ path: 'members[1].population' })
    expect(r.body.error.details[0].message).toContain('2026')
    const list = await h.request('GET', `/api/consortia/${h.consortiumId}/plans`, {
      token: h.tokens.admin,
    })
    expect(list.body).toEqual([])
  })

  it('roles: viewer and member cannot write; outsiders cannot read', async () => {
    expect((await create(h.tokens.viewer)).status).toBe(403)
    expect((await create(h.tokens.member)).status).toBe(403)
    const id = (await create(h.tokens.admin)).body.id as number
    expect((await h.request('GET', `/api/plans/${id}`, { token: h.tokens.outsider })).status).toBe(
      403,
    )
    // a member sees only its own rows, and cannot take a whole year's scenario
    const mine = await h.request('GET', `/api/plans/${id}/allocation`, { token: h.tokens.member })
    expect(mine.status).toBe(200)
    expect(mine.body.members.map((m: { code: string }) => m.code)).toEqual([OWN_CODE])
    expect(mine.body.years[0].members).toHaveLength(1)
    expect(
      (await h.request('GET', `/api/plans/${id}/years/2027`, { token: h.tokens.member })).status,
    ).toBe(403)
  })

  it('GET allocation: the spec output, schema-valid, and ?rate= overrides every year', async () => {
    const id = (await create(h.tokens.admin)).body.id as number
    const r = await h.request('GET', `/api/plans/${id}/allocation`, { token: h.tokens.viewer })
    expect(r.status).toBe(200)
    expect(PlanAllocationSchema.safeParse(r.body).success).toBe(true)
    expect(r.body.years).toHaveLength(5)
    const gcloud = (body: { years: Array<{ costs: Array<{ id: string; amount: number }> }> }) =>
      body.years.map((y) => y.costs.find((c) => c.id === 'gcloud')!.amount)
    expect(gcloud(r.body)[0]).toBe(56_990_000)
    const at160 = await h.request('GET', `/api/plans/${id}/allocation?rate=USD=160`, {
      token: h.tokens.viewer,
    })
    expect(gcloud(at160.body)[0]).toBe(65_600_000)
    const bad = await h.request('GET', `/api/plans/${id}/allocation?rate=USD:160`, {
      token: h.tokens.viewer,
    })
    expect(bad.status).toBe(422)
  })

  it('GET one year as a scenario; POST saves it as a stored scenario whose allocation is that year', async () => {
    const id = (await create(h.tokens.admin)).body.id as number
    const year = await h.request('GET', `/api/plans/${id}/years/2027`, { token: h.tokens.viewer })
    expect(year.status).toBe(200)
    expect(year.body.consortium.fiscalYear).toBe(2027)
    expect(
      (await h.request('GET', `/api/plans/${id}/years/2031`, { token: h.tokens.viewer })).status,
    ).toBe(404)
    const saved = await h.request('POST', `/api/plans/${id}/years/2027/scenario`, {
      token: h.tokens.editor,
    })
    expect(saved.status).toBe(201)
    const scenario = await h.request('GET', `/api/scenarios/${saved.body.id}`, {
      token: h.tokens.viewer,
    })
    expect(scenario.body.title).toContain('令和9年度 予算')
    expect(scenario.body.document.consortium.fiscalYear).toBe(2027)
    const allocation = await h.request('GET', `/api/scenarios/${saved.body.id}/allocation`, {
      token: h.tokens.viewer,
    })
    const plan = await h.request('GET', `/api/plans/${id}/allocation`, { token: h.tokens.viewer })
    const { fiscalYear, ...expected } = plan.body.years[1]
    expect(fiscalYear).toBe(2027)
    expect(allocation.body).toEqual(expected)
  })
})
