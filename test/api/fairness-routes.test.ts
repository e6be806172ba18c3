/**
 * GET /api/scenarios/:id/fairness and GET /api/compare with real values, on SQLite and PostgreSQL.
 * The fairness fixture (fixtures/fairness/kanagawa-2026-fairness.json) is imported through the API.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'
import { testDatabases } from '../helpers/databases'
import { DEMO_DOC, harness, type Harness } from './api-harness'

const FAIRNESS_DOC = JSON.parse(
  readFileSync(
    new URL('../../fixtures/fairness/kanagawa-2026-fairness.json', import.meta.url),
    'utf8',
  ),
) as typeof DEMO_DOC & { target: { minSavingsRate: number }; coalitionModel: unknown }

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

/** "n/d" or "n" → [n, d] as BigInt (exact fractions from the report). */
const frac = (s: string): [bigint, bigint] => {
  const [n, d] = s.split('/')
  return [BigInt(n!), BigInt(d ?? '1')]
}
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b))

/** A 3-member scenario whose whole cost is split by population (hand-checkable). */
const small = (populations: Record<string, number>) => ({
  version: 1,
  consortium: { name: DEMO_DOC.consortium.name, fiscalYear: 2026 },
  members: Object.entries(populations).map(([code, population]) => ({
    code,
    name: { '143014': '葉山町', '143219': '寒川町', '143413': '大磯町', '143421': '二宮町' }[code]!,
    population,
  })),
  costs: [{ id: 'ops', name: '運用費', amount: 1_200_000, rule: { population: 1 } }],
})

describe.each(testDatabases())('fairness and compare routes on $name', (database) => {
  let h: Harness
  let fairId: number
  beforeAll(async () => {
    h = await harness(database)
    const r = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.editor,
      body: FAIRNESS_DOC,
    })
    expect(r.status).toBe(201)
    fairId = r.body.id
  })
  afterAll(() => h.close())

  const get = (path: string) => h.request('GET', path, { token: h.tokens.viewer })
  const post = async (doc: unknown) => {
    const r = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.editor,
      body: doc,
    })
    expect(r.status).toBe(201)
    return r.body.id as number
  }

  it('names the members that miss 2割 and by how much', async () => {
    const r = await get(`/api/scenarios/${fairId}/fairness`)
    expect(r.status).toBe(200)
    const t = r.body.targets
    expect(t.minSavingsRate).toBe('1/5')
    expect(t.missing).toEqual(['143014', '143626', '143669'])
    const hayama = t.members.find((m: { code: string }) => m.code === '143014')
    // 葉山町: standalone ¥130,917,000 → cap = floor(0.8 × 130,917,000) = ¥104,733,600;
    // it pays ¥106,181,760, so it is short by 106,181,760 − 104,733,600 = ¥1,448,160.
    expect(hayama).toMatchObject({
      name: '葉山町',
      standaloneCost: 130_917_000,
      cap: 104_733_600,
      total: 106_181_760,
      meetsTarget: false,
      shortfall: 1_448_160,
      slack: 0,
    })
    const short = t.members.reduce(
      (a: number, m: { shortfall?: number }) => a + (m.shortfall ?? 0),
      0,
    )
    expect(t.totalShortfall).toBe(short)
    // the smallest adjustment moves exactly the shortfall and keeps the total to the yen
    expect(r.body.adjustment.kind).toBe('adjusted')
    expect(r.body.adjustment.transferred).toBe(t.totalShortfall)
    const adj = r.body.adjustment.members as Array<{
      code: string
      adjustment: number
      after: number
    }>
    expect(adj.reduce((a, m) => a + m.adjustment, 0)).toBe(0)
    expect(adj.find((m) => m.code === '143014')!.after).toBe(104_733_600)
    expect(r.body.summary).toContain('3団体が単独導入に比べ20%以上の削減という目標に届かず')
  })

  it('Shapley shares sum exactly to c(N); the core verdicts for Shapley and the scenario split', async () => {
    const r = await get(`/api/scenarios/${fairId}/fairness`)
    const g = r.body.coalitionModel
    expect(g.members).toHaveLength(14)
    // rounded: the largest-remainder yen add up to c(N) rounded
    const yen = g.members.reduce((a: number, m: { shapley: number }) => a + m.shapley, 0)
    expect(yen).toBe(g.roundedGrandCost)
    expect(g.roundedGrandCost).toBe(1_028_796_180)
    // exact: Σ shapleyExact = grandCost as fractions (cross-multiplied with BigInt)
    let [n, d] = [0n, 1n]
    for (const m of g.members as Array<{ shapleyExact: string }>) {
      const [mn, md] = frac(m.shapleyExact)
      ;[n, d] = [n * md + mn * d, d * md]
      const k = gcd(n, d)
      ;[n, d] = [n / k, d / k]
    }
    const [cn, cd] = frac(g.grandCost)
    expect(n * cd).toBe(cn * d)
    // every component is closed form or exact for 14 members (no sampling, no standard error)
    expect(g.sampled).toBeNull()
    expect(g.components.map((c: { method: string }) => c.method)).not.toContain('sampled')
    for (const m of g.members) {
      expect(m.diff).toBe(m.scenario - m.shapley)
      expect(m.standardError).toBeUndefined()
    }
    expect(g.core.shapley.verdict).toBe('inCore')
    expect(g.core.scenario.verdict).toBe('notInCore')
    expect(g.core.scenario.method).toBe('exact')
    expect(g.core.scenario.effort.coalitionsEvaluated).toBe(2 ** 14 - 2)
    // the objecting coalition pays more than its own cost
    const [pn, pd] = frac(g.core.scenario.worst.pays)
    const [qn, qd] = frac(g.core.scenario.worst.cost)
    expect(pn * qd > qn * pd).toBe(true)
  })

  it('α: chosen automatically (equal, population); none exists for the fixture, with the binding members', async () => {
    const r = await get(`/api/scenarios/${fairId}/fairness`)
    expect(r.body.alpha).toMatchObject({
      kind: 'none',
      auto: true,
      drivers: ['equal', 'population'],
      costIds: ['dc', 'kikan', 'chukan'],
      binding: ['143014', '143626'],
    })
    const none = await get(`/api/scenarios/${fairId}/fairness?alpha=none`)
    expect(none.body.alpha).toBeNull()
  })

  it('α interval at an 18 % target, checked against allocations of the rule at α inside and outside', async () => {
    const doc = clone(DEMO_DOC) as typeof FAIRNESS_DOC
    doc.target = { minSavingsRate: 0.18 }
    const id = await post(doc)
    const r = await get(`/api/scenarios/${id}/fairness?alpha=equal,population`)
    expect(r.status).toBe(200)
    const a = r.body.alpha
    expect(a).toMatchObject({ kind: 'interval', lowerBinding: '143014', upperBinding: '143634' })
    expect(a.auto).toBeUndefined()
    expect(a.loDecimal).toBeGreaterThan(0.14)
    expect(a.hiDecimal).toBeLessThan(0.26)
    // allocate the mixed items at α (equal α + population 1 − α) through the what-if route
    const missingAt = async (alpha: number) => {
      const what = clone(doc) as unknown as { costs: Array<{ id: string; rule: unknown }> }
      for (const c of what.costs)
        if (a.costIds.includes(c.id)) c.rule = { equal: alpha, population: 1 - alpha }
      const out = await h.request('POST', '/api/allocate', { token: h.tokens.viewer, body: what })
      return (out.body.members as Array<{ code: string; meetsTarget: boolean }>)
        .filter((m) => !m.meetsTarget)
        .map((m) => m.code)
    }
    expect(await missingAt(0.2)).toEqual([])
    expect(await missingAt(0.14)).toEqual(['143014'])
    expect(await missingAt(0.26)).toContain('143634')
  })

  it('the route and `warikan fairness --format json` give the same report (one shared service)', async () => {
    const api = await get(`/api/scenarios/${fairId}/fairness?alpha=equal,population`)
    const out = await cli([
      'fairness',
      'fixtures/fairness/kanagawa-2026-fairness.json',
      '--alpha',
      'equal,population',
      '--format',
      'json',
    ])
    expect(out.code).toBe(0)
    expect(api.body).toEqual(JSON.parse(out.stdout))
  })

  it('bad ?alpha and an unusable pair → 422 naming query.alpha', async () => {
    const bad = await get(`/api/scenarios/${fairId}/fairness?alpha=equal`)
    expect(bad.status).toBe(422)
    expect(bad.body.error.details[0]).toMatchObject({ path: 'query.alpha', field: 'alpha' })
    const unusable = await get(`/api/scenarios/${fairId}/fairness?alpha=equal,traffic`)
    expect(unusable.status).toBe(422)
    expect(unusable.body.error.details[0].path).toBe('query.alpha')
    expect(unusable.body.error.message).toContain('no cost item mixes exactly these two drivers')
  })

  it('a bad coalition model → 422 with its field path', async () => {
    const doc = clone(FAIRNESS_DOC)
    doc.coalitionModel = { components: [{ kind: 'scaleEconomy', id: 's', k: 1, exponent: 1.5 }] }
    const id = await post(doc)
    const r = await get(`/api/scenarios/${id}/fairness`)
    expect(r.status).toBe(422)
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toContain(
      'coalitionModel.components[0].exponent',
    )
  })

  it('without a target or a model: everything null but the summary', async () => {
    const doc = clone(DEMO_DOC) as Record<string, unknown>
    delete doc.target
    const id = await post(doc)
    const r = await get(`/api/scenarios/${id}/fairness`)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      targets: null,
      adjustment: null,
      alpha: null,
      coalitionModel: null,
    })
  })

  it('is cached per version: a new version gives the new figures', async () => {
    const id = await post(clone(FAIRNESS_DOC))
    const first = await get(`/api/scenarios/${id}/fairness`)
    const again = await get(`/api/scenarios/${id}/fairness`)
    expect(again.body).toEqual(first.body)
    const doc = clone(FAIRNESS_DOC)
    doc.target = { minSavingsRate: 0.1 }
    const put = await h.request('PUT', `/api/scenarios/${id}`, {
      token: h.tokens.editor,
      body: { version: 1, document: doc },
    })
    expect(put.status).toBe(200)
    const after = await get(`/api/scenarios/${id}/fairness`)
    expect(after.body.targets.minSavingsRate).toBe('1/10')
    expect(after.body.targets.missing).toEqual([])
  })

  it('POST with an unsaved edit: the same report as saving it, nothing stored; bad bodies → 422', async () => {
    const id = await post(clone(FAIRNESS_DOC))
    const doc = clone(FAIRNESS_DOC)
    doc.target = { minSavingsRate: 0.1 }
    const edited = await h.request('POST', `/api/scenarios/${id}/fairness`, {
      token: h.tokens.viewer,
      body: doc,
    })
    expect(edited.status).toBe(200)
    expect(edited.body.targets.minSavingsRate).toBe('1/10')
    expect(edited.body.targets.missing).toEqual([])
    // nothing was saved: the stored version still misses 2割 for three members
    const stored = await get(`/api/scenarios/${id}/fairness`)
    expect(stored.body.targets.missing).toEqual(['143014', '143626', '143669'])
    // saving the same document gives the same report
    const put = await h.request('PUT', `/api/scenarios/${id}`, {
      token: h.tokens.editor,
      body: { version: 1, document: doc },
    })
    expect(put.status).toBe(200)
    expect((await get(`/api/scenarios/${id}/fairness`)).body).toEqual(edited.body)
    const bad = clone(FAIRNESS_DOC) as unknown as { members: Array<{ code: string }> }
    bad.members[0]!.code = '143015'
    const r = await h.request('POST', `/api/scenarios/${id}/fairness`, {
      token: h.tokens.viewer,
      body: bad,
    })
    expect(r.status).toBe(422)
    expect(JSON.stringify(r.body)).toContain('members[0].code')
  })

  it('compare: one member’s population changed gives the hand-worked diff', async () => {
    // ¥1,200,000 by population. A: 100 / 200 / 300 → ¥200,000 / ¥400,000 / ¥600,000.
    // B: 大磯町 300 → 700, total 1,000 → ¥120,000 / ¥240,000 / ¥840,000.
    // diff: −80,000 (−40 %), −160,000 (−40 %), +240,000 (+40 %); total unchanged.
    const a = await post(small({ '143014': 100, '143219': 200, '143413': 300 }))
    const b = await post(small({ '143014': 100, '143219': 200, '143413': 700 }))
    const r = await get(`/api/compare?a=${a}&b=${b}`)
    expect(r.status).toBe(200)
    expect(r.body.a).toMatchObject({ id: a, version: 1 })
    expect(r.body.b).toMatchObject({ id: b, version: 1 })
    expect(r.body.rows).toEqual([
      {
        code: '143014',
        name: '葉山町',
        before: 200_000,
        after: 120_000,
        diff: -80_000,
        percent: -0.4,
      },
      {
        code: '143219',
        name: '寒川町',
        before: 400_000,
        after: 240_000,
        diff: -160_000,
        percent: -0.4,
      },
      {
        code: '143413',
        name: '大磯町',
        before: 600_000,
        after: 840_000,
        diff: 240_000,
        percent: 0.4,
      },
    ])
    expect(r.body).toMatchObject({ totalBefore: 1_200_000, totalAfter: 1_200_000, totalDiff: 0 })
    expect(r.body.joinEffect).toBeUndefined()
  })

  it('compare: a member joins → every existing member’s saving (割り勘効果)', async () => {
    // A: 100 / 200 / 300; B adds 二宮町 with 600 → total 1,200: ¥100,000 / ¥200,000 / ¥300,000 / ¥600,000
    const a = await post(small({ '143014': 100, '143219': 200, '143413': 300 }))
    const b = await post(small({ '143014': 100, '143219': 200, '143413': 300, '143421': 600 }))
    const r = await get(`/api/compare?a=${a}&b=${b}`)
    expect(r.body.rows.at(-1)).toEqual({
      code: '143421',
      name: '二宮町',
      after: 600_000,
      diff: 600_000,
      percent: null,
    })
    expect(r.body.joinEffect.map((e: { saving: number }) => e.saving)).toEqual([
      100_000, 200_000, 300_000,
    ])
    expect(r.body.joinEffect[0].savingRate).toBe(0.5)
  })

  it('compare: the demo vs a copy with 清川村 at 5,000 residents agrees with the two allocations', async () => {
    const copy = await h.request('POST', `/api/scenarios/${h.scenarioId}/copy`, {
      token: h.tokens.editor,
      body: { title: '清川村 5,000人' },
    })
    const doc = clone(DEMO_DOC)
    doc.members.find((m) => m.code === '144029')!.population = 5000
    const put = await h.request('PUT', `/api/scenarios/${copy.body.id}`, {
      token: h.tokens.editor,
      body: { version: copy.body.version, document: doc },
    })
    expect(put.status).toBe(200)
    const r = await get(`/api/compare?a=${h.scenarioId}&b=${copy.body.id}`)
    expect(r.status).toBe(200)
    const before = (await get(`/api/scenarios/${h.scenarioId}/allocation`)).body
    const after = (await get(`/api/scenarios/${copy.body.id}/allocation`)).body
    for (const [i, row] of (r.body.rows as Array<{ code: string; diff: number }>).entries()) {
      expect(row.code).toBe(before.members[i].code)
      expect(row.diff).toBe(after.members[i].total - before.members[i].total)
    }
    // only populations moved: the cost total is the same, 清川村 pays more, everyone else less or the same
    expect(r.body.totalDiff).toBe(0)
    const kiyokawa = r.body.rows.find((x: { code: string }) => x.code === '144029')
    expect(kiyokawa.diff).toBeGreaterThan(0)
    for (const x of r.body.rows) if (x.code !== '144029') expect(x.diff).toBeLessThanOrEqual(0)
  })

  it('compare: unknown scenario → 404, bad id → 422 naming query.a', async () => {
    const missing = await get(`/api/compare?a=${h.scenarioId}&b=999999`)
    expect(missing.status).toBe(404)
    const bad = await get(`/api/compare?a=x&b=${h.scenarioId}`)
    expect(bad.status).toBe(422)
    expect(bad.body.error.details[0].path).toBe('query.a')
  })
})
