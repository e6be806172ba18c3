import { describe, expect, it } from 'vitest'
import { compilePlan, expandPlanYear, type PlanOptions } from './expand'
import { planAllocate, planYearScenario } from './plan-allocate'

/** A small plan worked by hand (values in the comments). */
function basePlan(): Record<string, unknown> {
  return {
    version: 1,
    plan: { from: 2026, to: 2030, title: 'テスト計画' },
    consortium: { name: 'テスト組合' },
    members: [
      {
        code: '143014',
        name: '葉山町',
        population: { '2026': 10000, '2028': 9000 },
        populationGrowth: -0.01,
        standaloneCost: 1000,
      },
      { code: '143219', name: '寒川町', population: 1000, populationGrowth: '0.0005' },
      { code: '143413', name: '大磯町', population: 2000, leaves: 2029, standaloneCost: 900 },
      { code: '144029', name: '清川村', population: 3459, populationGrowth: -0.01, joins: 2027 },
    ],
    costs: [
      { id: 'run', name: '運用費', amount: 15, escalation: 0.1, rule: { equal: 1 } },
      {
        id: 'gcloud',
        name: 'ガバメントクラウド利用料',
        currency: 'USD',
        amount: '1000.50',
        rule: { population: 1 },
      },
      {
        id: 'iko',
        name: '移行経費',
        amount: 1000,
        from: 2026,
        amortize: { years: 3 },
        rule: { equal: 1 },
      },
    ],
    exchangeRates: { USD: { '2026': 139, '2027': '152.5' } },
    rounding: { unit: 1 },
  }
}

function year(plan: unknown, y: number, options: PlanOptions = {}) {
  const compiled = compilePlan(plan, options)
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues))
  const r = expandPlanYear(compiled.value, y)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value.document as {
    consortium: { fiscalYear: number }
    members: Array<{ code: string; population: number; standaloneCost?: number }>
    costs: Array<{ id: string; amount: number; members?: string[] }>
  }
}
const population = (plan: unknown, y: number, code: string) =>
  year(plan, y).members.find((m) => m.code === code)?.population
const amount = (plan: unknown, y: number, id: string, options: PlanOptions = {}) =>
  year(plan, y, options).costs.find((c) => c.id === id)?.amount

function issues(plan: unknown, options: PlanOptions = {}) {
  const r = planAllocate(plan, options)
  if (r.ok) throw new Error('expected issues')
  return r.issues
}

describe('plan expansion (hand-worked)', () => {
  it('grows from the latest given year, not from the first', () => {
    const p = basePlan()
    // 2026 given 10000; 2027 = 10000 × 0.99 = 9900; 2028 given 9000; 2029 = 9000 × 0.99 = 8910;
    // 2030 = 9000 × 0.99² = 8820.9 → 8821
    expect([2026, 2027, 2028, 2029, 2030].map((y) => population(p, y, '143014'))).toEqual([
      10000, 9900, 9000, 8910, 8821,
    ])
  })

  it('rounds half up once, at the end, from the exact value', () => {
    const p = basePlan()
    // 1000 × 1.0005 = 1000.5 → 1001 (half up); 1000 × 1.0005² = 1001.00025 → 1001
    // (rounding every year would give 1001 × 1.0005 = 1001.5005 → 1002)
    expect(population(p, 2027, '143219')).toBe(1001)
    expect(population(p, 2028, '143219')).toBe(1001)
    // ¥15 × 1.1 = 16.5 → 17; 15 × 1.21 = 18.15 → 18 (year by year: 17 × 1.1 = 18.7 → 19)
    expect(amount(p, 2027, 'run')).toBe(17)
    expect(amount(p, 2028, 'run')).toBe(18)
    // 15 × 1.1⁴ = 21.9615 → 22
    expect(amount(p, 2030, 'run')).toBe(22)
  })

  it('a joiner is absent before its first year and starts from the plan-wide scalar', () => {
    const p = basePlan()
    expect(population(p, 2026, '144029')).toBeUndefined()
    // scalar 3459 means { "2026": 3459 }: 2027 = 3459 × 0.99 = 3424.41 → 3424
    expect(population(p, 2027, '144029')).toBe(3424)
    const r = planAllocate(p)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const kiyokawa = r.value.output.members.find((m) => m.code === '144029')!
    expect(Object.keys(kiyokawa.byYear)).toEqual(['2027', '2028', '2029', '2030'])
    // 2027 run cost ¥17 among 4 present members (equal): 17/4 = 4.25 each → 4,4,4,4 + 1 by code order
    const y2027 = r.value.output.years[1]!
    expect(y2027.members.map((m) => m.shares.run)).toEqual([5, 4, 4, 4])
  })

  it('a leaver is present in its last year and absent from `leaves` on', () => {
    const p = basePlan()
    expect(population(p, 2028, '143413')).toBe(2000)
    expect(population(p, 2029, '143413')).toBeUndefined()
    const r = planAllocate(p)
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const oiso = r.value.output.members.find((m) => m.code === '143413')!
    expect(Object.keys(oiso.byYear)).toEqual(['2026', '2027', '2028'])
    // standaloneCost ¥900 in each of its 3 years
    expect(oiso.standaloneTotal).toBe(2700)
    expect(oiso.savingsRate).toBeCloseTo((2700 - oiso.total) / 2700, 12)
  })

  it('an amortised one-off is carried as floor(A(k+1)/n) − floor(Ak/n) and sums exactly', () => {
    const p = basePlan()
    // A = 1000, n = 3: 333, 333, 334; absent from 2029
    expect([2026, 2027, 2028].map((y) => amount(p, y, 'iko'))).toEqual([333, 333, 334])
    expect(amount(p, 2029, 'iko')).toBeUndefined()
    const q = basePlan() as { costs: unknown[] }
    // 10.01 USD of 2027 at ¥152.5 = 1526.525 → ¥1,527; n = 2: 763, 764
    q.costs.push({
      id: 'usd-once',
      name: '移行（ドル）',
      currency: 'USD',
      amount: '10.01',
      from: 2027,
      amortize: { years: 2 },
      rule: { equal: 1 },
    })
    expect([2026, 2027, 2028, 2029].map((y) => amount(q, y, 'usd-once'))).toEqual([
      undefined,
      763,
      764,
      undefined,
    ])
  })

  it('a dollar item at two rates, carried forward without growth', () => {
    const p = basePlan()
    // 1000.50 × 139 = 139069.5 → 139070; 1000.50 × 152.5 = 152576.25 → 152576 (2027 and after)
    expect(amount(p, 2026, 'gcloud')).toBe(139070)
    expect(amount(p, 2027, 'gcloud')).toBe(152576)
    expect(amount(p, 2030, 'gcloud')).toBe(152576)
  })

  it('--rate replaces every year’s rate of the currency', () => {
    const p = basePlan()
    // 1000.50 × 160 = 160080 in every year
    for (const y of [2026, 2027, 2030])
      expect(amount(p, y, 'gcloud', { rates: { USD: 160 } })).toBe(160080)
    const r = planAllocate(p, { rates: { USD: '160' } })
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    expect(r.value.output.years.map((y) => y.costs.find((c) => c.id === 'gcloud')!.amount)).toEqual(
      [160080, 160080, 160080, 160080, 160080],
    )
  })

  it('a yearly cost-item members list keeps the present members', () => {
    const p = basePlan() as { costs: unknown[] }
    p.costs.push({
      id: 'sub',
      name: '一部事務',
      amount: 100,
      members: ['143413', '143219'],
      rule: { equal: 1 },
    })
    expect(year(p, 2028).costs.find((c) => c.id === 'sub')!.members).toEqual(['143413', '143219'])
    expect(year(p, 2029).costs.find((c) => c.id === 'sub')!.members).toEqual(['143219'])
  })

  it('sets the fiscal year and copies fields a plan does not interpret', () => {
    const p = { ...basePlan(), target: { minSavingsRate: 0.2 }, populationDate: '2026-01-01' }
    const doc = year(p, 2029) as unknown as Record<string, unknown>
    expect(doc.consortium).toEqual({ name: 'テスト組合', fiscalYear: 2029 })
    expect(doc.target).toEqual({ minSavingsRate: 0.2 })
    expect(Object.keys(doc)).toEqual([
      'version',
      'consortium',
      'members',
      'costs',
      'rounding',
      'target',
      'populationDate',
    ])
    expect('plan' in doc || 'exchangeRates' in doc).toBe(false)
  })

  it('copies ordinance fields (parts, rounding, deductions, kind, metrics) unchanged into the year', () => {
    const p = basePlan() as {
      members: Array<Record<string, unknown>>
      costs: Array<Record<string, unknown>>
    }
    p.members[0]!.kind = '町'
    p.members[0]!.metrics = { terminals: 12 }
    const parts = [
      { name: '所在団体割', weight: 0.9, members: ['143014'], rule: { equal: 1 } },
      { name: '人口割', weight: 0.1, rule: { population: 1 } },
    ]
    const rounding = { unit: 1000, method: 'floor', adjuster: '143014' }
    const deductions = [{ name: '国庫補助金', amount: 4 }]
    p.costs[0] = { ...p.costs[0], rule: undefined, parts, rounding, deductions }
    delete p.costs[0]!.rule
    const doc = year(p, 2027) as unknown as {
      members: Array<Record<string, unknown>>
      costs: Array<Record<string, unknown>>
    }
    expect(doc.members[0]).toEqual({
      code: '143014',
      name: '葉山町',
      population: 9900,
      standaloneCost: 1000,
      kind: '町',
      metrics: { terminals: 12 },
    })
    expect(doc.costs[0]).toEqual({
      id: 'run',
      name: '運用費',
      amount: 17,
      parts,
      rounding,
      deductions,
    })
  })

  it('summarises the period: byYear, totals, standalone only where > 0 every present year', () => {
    const r = planAllocate(basePlan())
    if (!r.ok) throw new Error(JSON.stringify(r.issues))
    const out = r.value.output
    expect(Object.keys(out)).toEqual(['from', 'to', 'years', 'members', 'total'])
    expect(out.years.map((y) => y.fiscalYear)).toEqual([2026, 2027, 2028, 2029, 2030])
    expect(Object.keys(out.years[0]!)).toEqual(['fiscalYear', 'total', 'members', 'costs'])
    expect(out.total).toBe(out.years.reduce((a, y) => a + y.total, 0))
    const hayama = out.members[0]!
    expect(hayama.total).toBe(Object.values(hayama.byYear).reduce((a, b) => a + b, 0))
    expect(hayama.standaloneTotal).toBe(5000)
    expect('standaloneTotal' in out.members[1]!).toBe(false)
    expect(out.members.map((m) => m.code)).toEqual(['143014', '143219', '143413', '144029'])
  })
})

describe('plan errors name the field and the year', () => {
  it('a year before the first given value', () => {
    const p = basePlan() as { members: Array<Record<string, unknown>> }
    p.members[1]!.population = { '2027': 1000 }
    const [i] = issues(p)
    expect(i!.path).toBe('members[1].population')
    expect(i!.message).toContain('2026')
    expect(i!.message).toContain('令和8年度')
  })

  it('a rate before the first given rate', () => {
    const p = basePlan() as { exchangeRates: unknown }
    p.exchangeRates = { USD: { '2027': 150 } }
    const [i] = issues(p)
    expect(i).toEqual({
      path: 'exchangeRates.USD',
      message: expect.stringContaining('2026') as unknown as string,
    })
  })

  it('an item whose members are all absent that year', () => {
    const p = basePlan() as { costs: unknown[] }
    p.costs.push({
      id: 'kiyo',
      name: '清川村分',
      amount: 10,
      members: ['144029'],
      rule: { equal: 1 },
    })
    const [i] = issues(p)
    expect(i!.path).toBe('costs[3].members')
    expect(i!.message).toContain('kiyo')
    expect(i!.message).toContain('2026')
  })

  it('a fixed rule naming an absent member', () => {
    const p = basePlan() as { costs: unknown[] }
    p.costs.push({
      id: 'fx',
      name: '固定割',
      amount: 10,
      rule: { fixed: { '143014': 0.5, '143219': 0.25, '143413': 0.25 } },
    })
    const [i] = issues(p)
    expect(i!.path).toBe('costs[3].rule.fixed.143413')
    expect(i!.message).toContain('fx')
    expect(i!.message).toContain('2029')
  })

  it('`to` with `amortize`', () => {
    const p = basePlan() as { costs: Array<Record<string, unknown>> }
    p.costs[2]!.to = 2028
    const [i] = issues(p)
    expect(i!.path).toBe('costs[2].to')
    expect(i!.message).toContain('2028')
    expect(i!.message).toContain('amortize')
  })

  it('`adjustments` in a plan', () => {
    const p = { ...basePlan(), adjustments: [{ code: '143014', amount: -1, reason: 'x' }] }
    const [i] = issues(p)
    expect(i!.path).toBe('adjustments')
    expect(i!.message).toContain('2026')
    expect(i!.message).toContain('2030')
  })

  it('a currency without a rate, and a bad --rate', () => {
    const p = basePlan() as { exchangeRates?: unknown }
    delete p.exchangeRates
    expect(issues(p)[0]!.path).toBe('costs[1].currency')
    expect(planAllocate(p, { rates: { USD: 150 } }).ok).toBe(true)
    expect(issues(basePlan(), { rates: { USD: '-1' } })[0]!.path).toBe('--rate USD')
  })

  it('a year’s scenario problem is told in the plan’s paths, with the year', () => {
    const p = basePlan() as { members: Array<Record<string, unknown>> }
    p.members[3]!.code = '144020' // wrong check digit, member present from 2027
    const r = planYearScenario(
      (() => {
        const c = compilePlan(p)
        if (!c.ok) throw new Error('compile')
        return c.value
      })(),
      2027,
    )
    if (r.ok) throw new Error('expected issues')
    expect(r.issues[0]!.path).toBe('members[3].code')
    expect(r.issues[0]!.message).toMatch(/^令和9年度 \(2027\): /)
  })

  it('a population that rounds below 1', () => {
    const p = basePlan() as { members: Array<Record<string, unknown>> }
    p.members[1]!.population = 1
    p.members[1]!.populationGrowth = -0.6
    const [i] = issues(p)
    expect(i!.path).toBe('members[1].population')
    expect(i!.message).toContain('2027')
  })
})
