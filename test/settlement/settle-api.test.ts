/** POST /api/settle on stored scenarios and on bodies; ordinance fields survive the database. */
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CLI_ACTOR } from '../../packages/api/src/audit/audit.service'
import { createScenario } from '../../packages/api/src/scenario/scenario-edit.service'
import { parseScenario, settleScenarios, type Scenario } from '../../packages/core/src/index'
import { harness, type Harness } from '../api/api-harness'
import { testDatabases } from '../helpers/databases'

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/settlement/${name}`, import.meta.url), 'utf8'))
const BUDGET = read('kanagawa-2026-budget.json')
const ACTUAL = read('kanagawa-2026-actual.json')

const parsed = (doc: unknown): Scenario => {
  const r = parseScenario(doc)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

describe.each(testDatabases())('POST /api/settle on $name', (database) => {
  let h: Harness
  let budgetId: number
  let actualId: number
  beforeEach(async () => {
    h = await harness(database)
    const b = await createScenario(h.handle.db, h.consortiumId, BUDGET, '予算', CLI_ACTOR)
    const a = await createScenario(h.handle.db, h.consortiumId, ACTUAL, '決算', CLI_ACTOR)
    if (!a.ok || !b.ok) throw new Error('fixtures did not import')
    budgetId = b.value.id
    actualId = a.value.id
  })
  afterEach(() => h.close())

  it('two stored scenarios: the spec JSON, equal to the core settlement', async () => {
    const r = await h.request('POST', '/api/settle', {
      token: h.tokens.viewer,
      body: { budgetId, actualId },
    })
    expect(r.status).toBe(200)
    const expected = settleScenarios(parsed(BUDGET), parsed(ACTUAL))
    expect(expected.ok).toBe(true)
    if (!expected.ok) return
    expect(r.body).toEqual(expected.value)
    expect(Object.keys(r.body)).toEqual(['fiscalYear', 'members', 'total'])
    // 葉山町: the budget split of データセンター利用料 is the demo's
    expect(r.body.members[0].costs.dc.budget).toBe(19024119)
    expect(r.body.total.settlement).toBe(r.body.total.actual - r.body.total.budget)
  })

  it('two bodies give the same settlement', async () => {
    const byId = await h.request('POST', '/api/settle', {
      token: h.tokens.viewer,
      body: { budgetId, actualId },
    })
    const byBody = await h.request('POST', '/api/settle', {
      token: h.tokens.viewer,
      body: { budget: BUDGET, actual: ACTUAL },
    })
    expect(byBody.status).toBe(200)
    expect(byBody.body).toEqual(byId.body)
  })

  it('another consortium’s token cannot read the stored scenarios', async () => {
    const r = await h.request('POST', '/api/settle', {
      token: h.tokens.outsider,
      body: { budgetId, actualId },
    })
    expect(r.status).toBe(403)
  })

  it('different fiscal years: 422 naming the field', async () => {
    const actual = { ...ACTUAL, consortium: { ...ACTUAL.consortium, fiscalYear: 2027 } }
    const r = await h.request('POST', '/api/settle', {
      token: h.tokens.viewer,
      body: { budget: BUDGET, actual },
    })
    expect(r.status).toBe(422)
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'consortium.fiscalYear',
    ])
  })

  it('an invalid body names the side and the field; mixing ids and bodies is refused', async () => {
    const actual = structuredClone(ACTUAL)
    actual.rounding = { unit: 500 }
    const r = await h.request('POST', '/api/settle', {
      token: h.tokens.viewer,
      body: { budget: BUDGET, actual },
    })
    expect(r.status).toBe(422)
    expect(r.body.error.details[0].path).toBe('actual.rounding.unit')
    const mixed = await h.request('POST', '/api/settle', {
      token: h.tokens.viewer,
      body: { budgetId, actual: ACTUAL },
    })
    expect(mixed.status).toBe(422)
  })

  it('ordinance fields are stored and read back as written', async () => {
    const doc = structuredClone(BUDGET)
    doc.members[0].kind = '町'
    doc.rounding = { unit: 1000, method: 'floor', adjuster: 'largestShare' }
    doc.costs[4] = {
      id: 'network',
      name: 'ネットワーク回線費',
      amount: 42000000,
      deductions: [{ name: '国庫補助金', amount: 2000000 }],
      rounding: { method: 'halfUp', adjuster: '143014' },
      parts: [
        { name: '所在団体割', weight: 0.9, members: ['143014'], rule: { equal: 1 } },
        {
          name: '人口割',
          weight: 0.1,
          rule: { equal: { weight: 1, classes: { 町: 1, 村: 0.5 } } },
          rounding: { adjuster: 'largestShare' },
        },
      ],
    }
    doc.adjustments = [{ code: '143014', amount: -125000, reason: '令和7年度精算額' }]
    const created = await createScenario(h.handle.db, h.consortiumId, doc, '規約', CLI_ACTOR)
    expect(created.ok).toBe(true)
    if (!created.ok) return
    const r = await h.request('GET', `/api/scenarios/${created.value.id}`, {
      token: h.tokens.viewer,
    })
    expect(r.status).toBe(200)
    const back = r.body.document ?? r.body
    expect(back.costs[4]).toEqual(doc.costs[4])
    expect(back.costs[0]).toEqual(doc.costs[0])
    expect(back.members[0].kind).toBe('町')
    expect(back.adjustments).toEqual(doc.adjustments)
    expect(back.rounding).toEqual(doc.rounding)
    const allocation = await h.request('GET', `/api/scenarios/${created.value.id}/allocation`, {
      token: h.tokens.viewer,
    })
    expect(allocation.status).toBe(200)
    expect(allocation.body.members[0].adjustments).toBe(-125000)
  })
})
