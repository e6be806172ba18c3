/**
 * Hand-worked allocation cases. Each expected value is worked out in the comment above it,
 * independently of the engine.
 */
import { describe, expect, it } from 'vitest'
import { parseScenario, type ScenarioInput } from '../scenario/index'
import { allocate, type AllocateOptions } from './allocate'
import { explainMember } from './explain'

const member = (
  code: string,
  population: number,
  extra: Partial<ScenarioInput['members'][number]> = {},
) => ({
  code,
  name: `団体${code}`,
  population,
  ...extra,
})

function run(
  doc: Partial<ScenarioInput> & Pick<ScenarioInput, 'members' | 'costs'>,
  options: AllocateOptions = {},
) {
  const parsed = parseScenario({
    version: 1,
    consortium: { name: 'テスト組合', fiscalYear: 2026 },
    ...doc,
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  const result = allocate(parsed.value, options)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.value
}

const sharesOf = (a: ReturnType<typeof run>, costId: string) =>
  Object.fromEntries(a.output.members.map((m) => [m.code, m.shares[costId]]))

describe('均等割10% + 人口割90% with a three-way tie in the remainder', () => {
  // A = ¥1,000; populations 1000, 4000, 1000, 1000 (P = 7000), listed out of code order.
  // 均等割: 100 / 4 = 25 each.
  // 人口割: 900 × 1000/7000 = 900/7;  900 × 4000/7000 = 3600/7.
  // s = 25 + 900/7 = 1075/7 = 153.571… (fraction 4/7) for 143219, 144029, 143413
  // s = 25 + 3600/7 = 3775/7 = 539.285… (fraction 2/7) for 143014
  // floors 153 + 153 + 153 + 539 = 998 → R = 2.
  // The three 4/7 fractions tie; ascending code: 143219, 143413, 144029 → the first two get +1.
  const a = run({
    members: [
      member('143219', 1000),
      member('143014', 4000),
      member('144029', 1000),
      member('143413', 1000),
    ],
    costs: [{ id: 'c', name: '共同費', amount: 1000, rule: { equal: 0.1, population: 0.9 } }],
  })

  it('hands the 2 remaining yen to the two lowest codes of the tie', () => {
    expect(sharesOf(a, 'c')).toEqual({ '143219': 154, '143014': 539, '144029': 153, '143413': 154 })
    expect(a.output.costs).toEqual([{ id: 'c', amount: 1000, allocated: 1000 }])
    expect(a.output.total).toBe(1000)
  })

  it('explains the exact fraction and the rounding step', () => {
    const [e] = explainMember(a, '144029')
    expect(e!.exactShare).toBe('1075/7')
    expect(e!.floor).toBe(153)
    expect(e!.fractionalPart).toBe('4/7')
    expect(e!.rank).toBe(3)
    expect(e!.unitsAdded).toBe(0)
    expect(e!.drivers.map((d) => [d.key, d.weight, d.value, d.total, d.ratio])).toEqual([
      ['equal', '1/10', '1', '4', '1/4'],
      ['population', '9/10', '1000', '7000', '1/7'],
    ])
    const [first] = explainMember(a, '143219')
    expect(first!.rank).toBe(1)
    expect(first!.unitsAdded).toBe(1)
    expect(first!.share).toBe(154)
  })
})

describe('1,000円 rounding', () => {
  // A = ¥10,000,000, 人口割 only, P = 32096 + 47936 + 31550 = 111582.
  // s/1000: 143014: 10,000 × 32096/111582 = 2876.449…; 143219: 10,000 × 47936/111582 = 4296.033…;
  //         143413: 10,000 × 31550/111582 = 2827.516…
  // floors ¥2,876,000 + ¥4,296,000 + ¥2,827,000 = ¥9,999,000 → R = ¥1,000 = one unit.
  // Largest fraction .516 (143413) gets it.
  const members = [member('143014', 32096), member('143219', 47936), member('143413', 31550)]
  it('rounds to thousands with the largest remainder', () => {
    const a = run({
      members,
      costs: [{ id: 'p', name: '人口割費', amount: 10_000_000, rule: { population: 1 } }],
      rounding: { unit: 1000 },
    })
    expect(sharesOf(a, 'p')).toEqual({
      '143014': 2_876_000,
      '143219': 4_296_000,
      '143413': 2_828_000,
    })
  })

  it('hands yen below the unit one at a time down the same order when the amount is not a multiple of 1,000', () => {
    // A = ¥10,000,500: s/1000 = 2876.593…, 4296.248…, 2827.658… → floors sum ¥9,999,000, R = ¥1,500.
    // One whole unit to the largest fraction (143413, .658). Then ¥500 one yen at a time continuing down
    // the order (143014 .593, 143219 .248, 143413, …): 500 = 3 × 166 + 2 → 143014 +167, 143219 +167, 143413 +166.
    const a = run({
      members,
      costs: [{ id: 'p', name: '人口割費', amount: 10_000_500, rule: { population: 1 } }],
      rounding: { unit: 1000 },
    })
    expect(sharesOf(a, 'p')).toEqual({
      '143014': 2_876_167,
      '143219': 4_296_167,
      '143413': 2_828_166,
    })
  })
})

describe('participant subsets, fixed percentages, metrics, scaled population', () => {
  const members = [
    member('143014', 32096, { metrics: { terminals: 120 } }),
    member('143219', 47936, { metrics: { terminals: 80 } }),
    member('143413', 31550, { metrics: { terminals: 0 } }),
  ]

  it('a subset cost is split among its participants only', () => {
    // ¥3,000,001 equally between 143014 and 143413: 1,500,000.5 each → R = 1 → tie → lower code 143014.
    const a = run({
      members,
      costs: [
        {
          id: 's',
          name: '一部',
          amount: 3_000_001,
          members: ['143413', '143014'],
          rule: { equal: 1 },
        },
      ],
    })
    expect(sharesOf(a, 's')).toEqual({ '143014': 1_500_001, '143219': 0, '143413': 1_500_000 })
    expect(explainMember(a, '143219')[0]!.participant).toBe(false)
  })

  it('fixed percentages', () => {
    // ¥1,000,001 × 0.6 = 600,000.6; × 0.4 = 400,000.4 → floors 1,000,000, R = 1 → fraction .6 wins.
    const a = run({
      members,
      costs: [
        {
          id: 'f',
          name: '計画処理量割',
          amount: 1_000_001,
          members: ['143014', '143219'],
          rule: { fixed: { '143014': 0.6, '143219': 0.4 } },
        },
      ],
    })
    expect(sharesOf(a, 'f')).toEqual({ '143014': 600_001, '143219': 400_000, '143413': 0 })
  })

  it('a metric rule (端末数), zero allowed for a member', () => {
    // ¥2,400,000 × 120/200 = 1,440,000; × 80/200 = 960,000; × 0 = 0.
    const a = run({
      members,
      costs: [
        {
          id: 't',
          name: '端末保守',
          amount: 2_400_000,
          rule: { metric: { name: 'terminals', weight: 1 } },
        },
      ],
    })
    expect(sharesOf(a, 't')).toEqual({ '143014': 1_440_000, '143219': 960_000, '143413': 0 })
  })

  it('scaledPopulation: population^0.585 in double precision, then exact', () => {
    // d(i) = pop^0.585 ≈ 432.60 (2^…) etc.; shares proportional; sum exact.
    const a = run({
      members,
      costs: [
        {
          id: 'h',
          name: '逓減',
          amount: 9_000_000,
          rule: { scaledPopulation: { weight: 1, exponent: 0.585 } },
        },
      ],
    })
    const d = members.map((m) => Math.pow(m.population, 0.585))
    const total = d.reduce((x, y) => x + y, 0)
    const shares = sharesOf(a, 'h')
    members.forEach((m, i) =>
      expect(Math.abs(shares[m.code]! - (9_000_000 * d[i]!) / total)).toBeLessThan(1),
    )
    expect(Object.values(shares).reduce((x, y) => x! + y!, 0)).toBe(9_000_000)
  })

  it('savings and the target are decided exactly', () => {
    // total ¥800 of standalone ¥1,000 → saving exactly 20% → meets a 0.2 target; ¥801 does not.
    const a = run({
      members: [
        member('143014', 1, { standaloneCost: 1000 }),
        member('143219', 1, { standaloneCost: 1000 }),
        member('143413', 1),
      ],
      costs: [
        { id: 'x', name: 'x', amount: 1601, members: ['143014', '143219'], rule: { equal: 1 } },
      ],
      target: { minSavingsRate: 0.2 },
    })
    const [m1, m2, m3] = a.output.members
    expect([m1!.total, m2!.total]).toEqual([801, 800])
    expect(m1!.meetsTarget).toBe(false)
    expect(m2!.meetsTarget).toBe(true)
    expect(m2!.savingsRate).toBe(0.2)
    expect(m3).toEqual({ code: '143413', name: '団体143413', total: 0, shares: { x: 0 } })
  })
})

describe('errors are data', () => {
  const members = [
    member('143014', 100, { metrics: { terminals: 0 } }),
    member('143219', 100, { metrics: { terminals: 0 } }),
  ]

  it('a positive-weight driver whose total is 0 names the cost', () => {
    const parsed = parseScenario({
      version: 1,
      consortium: { name: 'x', fiscalYear: 2026 },
      members,
      costs: [
        {
          id: 'term',
          name: '端末',
          amount: 100,
          rule: { metric: { name: 'terminals', weight: 1 } },
        },
      ],
    })
    expect(parsed.ok).toBe(true)
    const r = allocate(parsed.ok ? parsed.value : (undefined as never))
    expect(r.ok).toBe(false)
    expect(!r.ok && r.issues[0]!.path).toBe('costs[0].rule.metric')
    expect(!r.ok && r.issues[0]!.message).toContain('"term"')
  })

  it('a zero population is rejected at its field', () => {
    const parsed = parseScenario({
      version: 1,
      consortium: { name: 'x', fiscalYear: 2026 },
      members: [member('143014', 0)],
      costs: [{ id: 'p', name: 'p', amount: 100, rule: { population: 1 } }],
    })
    expect(parsed.ok).toBe(false)
    expect(!parsed.ok && parsed.issues.map((i) => i.path)).toEqual(['members[0].population'])
  })

  it('traffic without logs is an error naming the cost', () => {
    const parsed = parseScenario({
      version: 1,
      consortium: { name: 'x', fiscalYear: 2026 },
      members,
      costs: [{ id: 'chukan', name: '中間', amount: 100, rule: { traffic: 1 } }],
    })
    const r = allocate(parsed.ok ? parsed.value : (undefined as never))
    expect(!r.ok && r.issues[0]).toMatchObject({ path: 'costs[0].rule.traffic' })
  })
})

describe('traffic driver', () => {
  // 6 rows (already aggregated): A=143014, B=143219, C=143413, MHLW national agency.
  // A→B ×2 (records 3 each → 6), B→A ×1 (records 1), MHLW→C ×2 (records 5 → 10), C→A ×1 (records 2).
  const traffic = {
    rows: 6,
    pairs: [
      { requester: '143014', provider: '143219', queries: 2, records: 6, bytes: 0 },
      { requester: '143219', provider: '143014', queries: 1, records: 1, bytes: 0 },
      { requester: '143413', provider: '143014', queries: 1, records: 2, bytes: 0 },
      { requester: 'MHLW', provider: '143413', queries: 2, records: 10, bytes: 0 },
    ],
  }
  const members = [member('143014', 1), member('143219', 1), member('143413', 1)]
  const cost = (basis: 'requester' | 'provider' | 'split', unit: 'queries' | 'records') => ({
    id: 't',
    name: '中間サーバ',
    amount: 600,
    rule: { traffic: 1 },
    traffic: { basis, unit },
  })
  it.each<['requester' | 'provider' | 'split', 'queries' | 'records', Record<string, number>]>([
    // requester/queries: A 2, B 1, C 1 (MHLW nobody) → 600 × 2/4, 1/4, 1/4
    ['requester', 'queries', { '143014': 300, '143219': 150, '143413': 150 }],
    // provider/queries: A 1+1=2, B 2, C 2 → 200 each
    ['provider', 'queries', { '143014': 200, '143219': 200, '143413': 200 }],
    // split/queries: A: ½·2 + ½·1 + ½·1 = 2; B: ½·2 + ½·1 = 1.5; C: ½·1 + ½·2 = 1.5 (MHLW half to nobody); total 5
    // → 600 × 2/5 = 240, 600 × 1.5/5 = 180, 180
    ['split', 'queries', { '143014': 240, '143219': 180, '143413': 180 }],
    // provider/records: A 1+2=3, B 6, C 10 → total 19: 600×3/19 = 94.73, 600×6/19 = 189.47, 600×10/19 = 315.78
    // floors 94+189+315 = 598, R = 2 → fractions .789 (C), .736 (A), .473 (B) → C, A get +1
    ['provider', 'records', { '143014': 95, '143219': 189, '143413': 316 }],
  ])('%s / %s', (basis, unit, expected) => {
    const a = run({ members, costs: [cost(basis, unit)] }, { traffic })
    expect(sharesOf(a, 't')).toEqual(expected)
  })
})
