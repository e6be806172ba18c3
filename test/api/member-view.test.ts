/**
 * The member role sees only its own money (issue 15, finding 6): on every route that returns cost items, a
 * member token gets the items it takes part in, its own share and the rule — never another member's fixed
 * share, never another member's single-member item, never the coalition model's figures of others.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { DEMO_DOC, harness, OTHER_CODE, OWN_CODE, type Harness } from './api-harness'

const OTHERS_ITEM = { id: 'custom-samukawa', name: '寒川町 個別カスタマイズ', amount: 4_567_000 }
const SHARED_FIXED = {
  id: 'pair-fixed',
  name: '二町共同 帳票',
  amount: 1_000_000,
  members: [OWN_CODE, OTHER_CODE],
  rule: { fixed: { [OWN_CODE]: 0.37, [OTHER_CODE]: 0.63 } },
}

function scenarioWithSecrets() {
  const doc = structuredClone(DEMO_DOC) as any // eslint-disable-line @typescript-eslint/no-explicit-any
  doc.costs.push({ ...OTHERS_ITEM, members: [OTHER_CODE], rule: { equal: 1 } }, SHARED_FIXED)
  doc.coalitionModel = { note: 'others: 寒川町 183189000' }
  return doc
}

/** What must never reach a member token of 葉山町 (143014). */
const SECRETS = [
  OTHERS_ITEM.id,
  OTHERS_ITEM.name,
  String(OTHERS_ITEM.amount),
  '0.63',
  '63/100',
  '寒川町',
  'ashigara',
  '183189000',
]

describe.each(testDatabases())('member view on $name', (database) => {
  let h: Harness
  let id: number
  let full: { total: number; costs: Array<{ id: string; amount: number }> }
  beforeEach(async () => {
    h = await harness(database)
    const created = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.admin,
      body: scenarioWithSecrets(),
    })
    expect(created.status).toBe(201)
    id = created.body.id
    full = (await h.request('GET', `/api/scenarios/${id}/allocation`, { token: h.tokens.viewer }))
      .body
  })
  afterEach(() => h.close())

  const visibleIds = () =>
    full.costs.map((c) => c.id).filter((c) => c !== OTHERS_ITEM.id && c !== 'ashigara')

  it('GET /api/scenarios/{id}: own items only; a fixed rule keeps only its own share', async () => {
    const r = await h.request('GET', `/api/scenarios/${id}`, { token: h.tokens.member })
    expect(r.status).toBe(200)
    expect(r.body.redacted).toBe(true)
    const costs = r.body.document.costs as Array<{ id: string; rule: { fixed?: object } }>
    expect(costs.map((c) => c.id)).toEqual(visibleIds())
    expect(costs.find((c) => c.id === SHARED_FIXED.id)!.rule.fixed).toEqual({ [OWN_CODE]: 0.37 })
    expect(r.body.document.coalitionModel).toBeUndefined()
    for (const s of SECRETS) expect(JSON.stringify(r.body)).not.toContain(s)
    // a viewer still sees everything
    const v = await h.request('GET', `/api/scenarios/${id}`, { token: h.tokens.viewer })
    expect(JSON.stringify(v.body)).toContain(OTHERS_ITEM.name)
  })

  it('GET /api/scenarios/{id}/allocation: own row, own items, their total', async () => {
    const r = await h.request('GET', `/api/scenarios/${id}/allocation`, { token: h.tokens.member })
    expect(r.status).toBe(200)
    expect(r.body.members.map((m: { code: string }) => m.code)).toEqual([OWN_CODE])
    expect(r.body.costs.map((c: { id: string }) => c.id)).toEqual(visibleIds())
    expect(Object.keys(r.body.members[0].shares)).toEqual(visibleIds())
    const visibleTotal = full.costs
      .filter((c) => visibleIds().includes(c.id))
      .reduce((a, c) => a + c.amount, 0)
    expect(r.body.total).toBe(visibleTotal)
    expect(r.body.members[0].shares[SHARED_FIXED.id]).toBe(370_000)
    for (const s of SECRETS) expect(JSON.stringify(r.body)).not.toContain(s)
  })

  it('GET …/allocation/{code}/explanation: own items only, no other share in the drivers', async () => {
    const r = await h.request('GET', `/api/scenarios/${id}/allocation/${OWN_CODE}/explanation`, {
      token: h.tokens.member,
    })
    expect(r.status).toBe(200)
    expect(r.body.explanations.map((e: { costId: string }) => e.costId)).toEqual(visibleIds())
    for (const s of SECRETS) expect(JSON.stringify(r.body)).not.toContain(s)
    // the viewer's explanation of the same member lists every item
    const v = await h.request('GET', `/api/scenarios/${id}/allocation/${OWN_CODE}/explanation`, {
      token: h.tokens.viewer,
    })
    expect(v.body.explanations).toHaveLength(full.costs.length)
  })

  it('the scenario list counts only the items a member takes part in', async () => {
    const r = await h.request('GET', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.member,
    })
    expect(r.body.find((s: { id: number }) => s.id === id).costs).toBe(visibleIds().length)
  })
})
