/**
 * Hand-worked cases for the 規約 conventions (rounding methods, units, parts, perPart, class factors,
 * deductions, adjustments). Each expected value is worked out in the comment above it, independently of the
 * engine. Members: 143014 population 1,000, 143219 population 2,000, 143413 population 4,000 (P = 7,000).
 */
import { describe, expect, it } from 'vitest'
import { parseScenario, type ScenarioInput } from '../scenario/index'
import { allocate } from './allocate'
import { explainAdjustments, explainMember } from './explain'

type Doc = Partial<ScenarioInput> & Pick<ScenarioInput, 'costs'>

const threeMembers = [
  { code: '143014', name: '葉山町', population: 1000 },
  { code: '143219', name: '寒川町', population: 2000 },
  { code: '143413', name: '大磯町', population: 4000 },
]

function parse(doc: Doc) {
  return parseScenario({
    version: 1,
    consortium: { name: 'テスト組合', fiscalYear: 2026 },
    members: threeMembers,
    ...doc,
  })
}

function run(doc: Doc) {
  const parsed = parse(doc)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  const result = allocate(parsed.value)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.value
}

const sharesOf = (a: ReturnType<typeof run>, costId: string) =>
  a.output.members.map((m) => m.shares[costId])

const issuesOf = (doc: Doc) => {
  const parsed = parse(doc)
  return parsed.ok ? [] : parsed.issues
}

const population = (amount: number, rounding: object) => ({
  costs: [{ id: 'c', name: '共同費', amount, rule: { population: 1 }, rounding }],
})

describe('floor / halfUp / ceil with an adjuster', () => {
  // ¥1,000,000 by population: exact 142,857.14…, 285,714.28…, 571,428.57….
  // 千円未満切捨て: 142,000, 285,000, 571,000 (Σ 998,000).
  it('floor to ¥1,000, the remainder to a named member (端数は葉山町で調整)', () => {
    // 143014 pays 1,000,000 − 285,000 − 571,000 = 144,000 (absorbed +2,000)
    const a = run(population(1_000_000, { unit: 1000, method: 'floor', adjuster: '143014' }))
    expect(sharesOf(a, 'c')).toEqual([144_000, 285_000, 571_000])
    const split = a.workings[0]!.splits[0]!
    expect(split.adjusted!.adjusterIndex).toBe(0)
    expect(split.adjusted!.absorbed).toBe(2000n)
  })

  it('floor to ¥1,000, the remainder to the largest share', () => {
    // largest exact share: 143413 → 1,000,000 − 142,000 − 285,000 = 573,000
    const a = run(population(1_000_000, { unit: 1000, method: 'floor', adjuster: 'largestShare' }))
    expect(sharesOf(a, 'c')).toEqual([142_000, 285_000, 573_000])
  })

  // 均等割 of ¥100,000 among 3: 33,333.33… each.
  const equal = (rounding: object) => ({
    costs: [{ id: 'c', name: '均等費', amount: 100_000, rule: { equal: 1 }, rounding }],
  })
  it('halfUp to ¥1,000: 33,000 each, the adjuster 34,000', () => {
    // 33.333 千円 → 33 千円; 143219 pays 100,000 − 66,000 = 34,000
    const a = run(equal({ unit: 1000, method: 'halfUp', adjuster: '143219' }))
    expect(sharesOf(a, 'c')).toEqual([33_000, 34_000, 33_000])
  })

  it('halfUp rounds .5 up', () => {
    // ¥1,500 among 2 by equal at unit 1000: 750 → 1,000 each … 143219 pays 1,500 − 1,000 = 500
    const a = run({
      members: threeMembers.slice(0, 2),
      costs: [
        {
          id: 'c',
          name: '均等費',
          amount: 1500,
          rule: { equal: 1 },
          rounding: { unit: 1000, method: 'halfUp', adjuster: '143219' },
        },
      ],
    })
    expect(sharesOf(a, 'c')).toEqual([1000, 500])
  })

  it('ceil to ¥1,000 with largestShare: all tie, the lowest code adjusts', () => {
    // 34,000 each rounded up; tie on the exact share → 143014 pays 100,000 − 68,000 = 32,000
    const a = run(equal({ unit: 1000, method: 'ceil', adjuster: 'largestShare' }))
    expect(sharesOf(a, 'c')).toEqual([32_000, 34_000, 34_000])
    expect(a.workings[0]!.splits[0]!.adjusted!.absorbed).toBe(-2000n)
  })

  it('an adjuster that would pay less than 0 is an error naming the cost', () => {
    // ¥25,000, ceil to 万円: exact 3,571 / 7,142 / 14,285 → 10,000 / 10,000 / 20,000;
    // 143014 would pay 25,000 − 30,000 = −5,000
    const parsed = parse(population(25_000, { unit: 10000, method: 'ceil', adjuster: '143014' }))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const result = allocate(parsed.value)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toHaveLength(1)
    expect(result.issues[0]!.path).toBe('costs[0].rounding.adjuster')
    expect(result.issues[0]!.message).toContain('費目 "c"')
    expect(result.issues[0]!.message).toContain('-5000')
  })
})

describe('unitPrice (単価方式)', () => {
  it('priceDecimals 0: 1人当たり単価 142 円', () => {
    // p = floor(1,000,000 / 7,000) = 142; 143219 pays 284,000, 143413 568,000;
    // the adjuster 143014 pays 1,000,000 − 852,000 = 148,000 (its own 142,000 + 6,000)
    const a = run(population(1_000_000, { method: 'unitPrice', adjuster: '143014' }))
    expect(sharesOf(a, 'c')).toEqual([148_000, 284_000, 568_000])
    const adjusted = a.workings[0]!.splits[0]!.adjusted!
    expect(adjusted.unitPrice).toEqual({ n: 142n, d: 1n })
    expect(adjusted.absorbed).toBe(6000n)
  })

  it('priceDecimals 2: 単価 142.85 円', () => {
    // p = floor(100,000,000 / 7,000) / 100 = 142.85; 285,700 and 571,400; the rest 142,900 to 143014
    const a = run(
      population(1_000_000, { method: 'unitPrice', adjuster: '143014', priceDecimals: 2 }),
    )
    expect(sharesOf(a, 'c')).toEqual([142_900, 285_700, 571_400])
    expect(a.workings[0]!.splits[0]!.adjusted!.unitPrice).toEqual({ n: 2857n, d: 20n })
  })

  it('unitPrice with a unit: p·d floored to ¥1,000', () => {
    // p = 142; 284,000 and 568,000 are whole thousands; the same as unit 1
    const a = run(population(1_000_000, { unit: 1000, method: 'unitPrice', adjuster: '143014' }))
    expect(sharesOf(a, 'c')).toEqual([148_000, 284_000, 568_000])
  })
})

describe('units', () => {
  it('万円 unit with largestRemainder', () => {
    // s/10,000 = 14.28…, 28.57…, 57.14…; floors 14 + 28 + 57 = 99 → one unit left, largest fraction .57 (143219)
    const a = run(population(1_000_000, { unit: 10000 }))
    expect(sharesOf(a, 'c')).toEqual([140_000, 290_000, 570_000])
  })

  it('百円 unit with largestRemainder', () => {
    // s/100 = 1,428.57…, 2,857.14…, 5,714.28…; floors 9,999 → one unit to .57 (143014)
    const a = run(population(1_000_000, { unit: 100 }))
    expect(sharesOf(a, 'c')).toEqual([142_900, 285_700, 571_400])
  })

  it('the item overrides the scenario field by field', () => {
    // scenario: 千円, floor, largestShare; item: halfUp → 143, 286, then 143413 pays 1,000,000 − 429,000
    const a = run({
      rounding: { unit: 1000, method: 'floor', adjuster: 'largestShare' },
      ...population(1_000_000, { method: 'halfUp' }),
    })
    expect(sharesOf(a, 'c')).toEqual([143_000, 286_000, 571_000])
  })
})

describe('parts', () => {
  it('a host part: 所在団体 90%, the rest by population among the others', () => {
    // parts 9,000,000 (143413 alone) and 1,000,000 by population among 143014 and 143219:
    // 333,333.33… and 666,666.66…; floors 999,999 → +1 to 143219 (fraction .67)
    const a = run({
      costs: [
        {
          id: 'shisetsu',
          name: '施設管理費',
          amount: 10_000_000,
          parts: [
            { name: '所在団体割', weight: 0.9, members: ['143413'], rule: { equal: 1 } },
            { name: '人口割', weight: 0.1, members: ['143014', '143219'], rule: { population: 1 } },
          ],
        },
      ],
    })
    expect(sharesOf(a, 'shisetsu')).toEqual([333_333, 666_667, 9_000_000])
    expect(a.workings[0]!.splits.map((s) => [s.name, s.amount])).toEqual([
      ['所在団体割', 9_000_000n],
      ['人口割', 1_000_000n],
    ])
  })

  it('part amounts are rounded to the item unit by largest remainder, ties by part order', () => {
    // ¥10,000 in thirds at ¥1,000: 3,333.3… each → 3,000 each, one unit left, tie → the first part.
    // Part 1 (equal among 3, 4,000): 1,333.33 → 1,333 each + 1 yen to 143014 (tie, lowest code)
    // Parts 2 and 3 (3,000 each) go to 143219 and 143413 alone.
    const a = run({
      costs: [
        {
          id: 'c',
          name: '三分割',
          amount: 10_000,
          rounding: { unit: 1000 },
          parts: [
            { weight: '1/3', rule: { equal: 1 }, rounding: { unit: 1 } },
            { weight: '1/3', members: ['143219'], rule: { equal: 1 } },
            { weight: '1/3', members: ['143413'], rule: { equal: 1 } },
          ],
        },
      ],
    })
    expect(a.workings[0]!.splits.map((s) => s.amount)).toEqual([4000n, 3000n, 3000n])
    expect(sharesOf(a, 'c')).toEqual([1334, 4333, 4333])
  })

  it('a part of amount 0 is skipped (its driver total of 0 is no error)', () => {
    const a = run({
      members: [...threeMembers.slice(0, 2), { ...threeMembers[2]!, metrics: { t: 0 } }],
      costs: [
        {
          id: 'c',
          name: '費用',
          amount: 900,
          parts: [
            { weight: 1, rule: { equal: 1 } },
            { weight: 0, members: ['143413'], rule: { metric: { name: 't', weight: 1 } } },
          ],
        },
      ],
    })
    expect(sharesOf(a, 'c')).toEqual([300, 300, 300])
    expect(a.workings[0]!.splits).toHaveLength(1)
  })

  it('perPart rounds driver by driver: different yen from the combined rounding', () => {
    // 均等割 50% + 人口割 50% of ¥1,000,000, floor to ¥1,000, adjuster largestShare.
    // Combined: 238,095.2 / 309,523.8 / 452,380.9 → 238,000 and 309,000; 143413 pays 453,000.
    // perPart: 均等割 500,000: 166,666.6 each → 166,000; tie on the largest share → 143014 pays 168,000.
    //          人口割 500,000: 71,428.5 → 71,000, 142,857.1 → 142,000; 143413 pays 287,000.
    //          totals 239,000 / 308,000 / 453,000.
    const rule = { equal: 0.5, population: 0.5 }
    const rounding = { unit: 1000, method: 'floor', adjuster: 'largestShare' } as const
    const combined = run({
      costs: [{ id: 'c', name: '共同費', amount: 1_000_000, rule, rounding }],
    })
    const perPart = run({
      costs: [
        {
          id: 'c',
          name: '共同費',
          amount: 1_000_000,
          rule,
          rounding: { ...rounding, perPart: true },
        },
      ],
    })
    expect(sharesOf(combined, 'c')).toEqual([238_000, 309_000, 453_000])
    expect(sharesOf(perPart, 'c')).toEqual([239_000, 308_000, 453_000])
    expect(perPart.workings[0]!.splits.map((s) => [s.name, s.amount])).toEqual([
      ['均等割', 500_000n],
      ['人口割', 500_000n],
    ])
  })

  it('perPart with unitPrice: 均等割額 and 1人当たり単価', () => {
    // 均等割 30% of ¥1,000,000 = 300,000: p = 100,000 each (the 均等割額).
    // 人口割 70% = 700,000: p = floor(700,000 / 7,000) = 100 → 100,000 / 200,000 / 400,000 exactly.
    const a = run({
      costs: [
        {
          id: 'c',
          name: '共同費',
          amount: 1_000_000,
          rule: { equal: 0.3, population: 0.7 },
          rounding: { method: 'unitPrice', adjuster: '143014', perPart: true },
        },
      ],
    })
    expect(sharesOf(a, 'c')).toEqual([200_000, 300_000, 500_000])
  })
})

describe('class-weighted 均等割', () => {
  const members = [
    { code: '143014', name: '甲市', population: 1000 },
    { code: '143219', name: '乙町', population: 2000 },
    { code: '143413', name: '丙村', population: 4000 },
  ]
  const rule = { equal: { weight: 1, classes: { 市: 1, 町: 0.5, 村: 0.5 } } }

  it('市 100/100, 町村 50/100 by the last character of the name', () => {
    // factors 1, 1/2, 1/2 (Σ 2): ¥100,000 → 50,000 / 25,000 / 25,000
    const a = run({ members, costs: [{ id: 'c', name: '均等割', amount: 100_000, rule }] })
    expect(sharesOf(a, 'c')).toEqual([50_000, 25_000, 25_000])
  })

  it('members[].kind overrides the name', () => {
    // 丙村 counted as 市: factors 1, 1/2, 1 (Σ 5/2): 40,000 / 20,000 / 40,000
    const a = run({
      members: [members[0]!, members[1]!, { ...members[2]!, kind: '市' }],
      costs: [{ id: 'c', name: '均等割', amount: 100_000, rule }],
    })
    expect(sharesOf(a, 'c')).toEqual([40_000, 20_000, 40_000])
  })

  it('a class without a factor is an error naming the member and the cost', () => {
    const issues = issuesOf({
      members,
      costs: [
        { id: 'c', name: '均等割', amount: 1, rule: { equal: { weight: 1, classes: { 市: 1 } } } },
      ],
    })
    expect(issues.map((i) => i.path)).toEqual([
      'costs[0].rule.equal.classes',
      'costs[0].rule.equal.classes',
    ])
    expect(issues[0]!.message).toContain('乙町 (143219')
    expect(issues[0]!.message).toContain('費目 "c"')
  })

  it('class names are own properties only', () => {
    const issues = issuesOf({
      members: [{ code: '143014', name: '甲constructor', population: 1, kind: 'constructor' }],
      costs: [
        { id: 'c', name: '均等割', amount: 1, rule: { equal: { weight: 1, classes: { 市: 1 } } } },
      ],
    })
    expect(issues).toHaveLength(1)
  })
})

describe('deductions and adjustments', () => {
  it('deductions: the net is split; the cost row keeps the gross and adds the deductions', () => {
    // 1,000,000 − 300,000 (国庫補助金) − 100,000 (使用料) = 600,000 → 200,000 each
    const a = run({
      costs: [
        {
          id: 'c',
          name: '施設費',
          amount: 1_000_000,
          rule: { equal: 1 },
          deductions: [
            { name: '国庫補助金', amount: 300_000 },
            { name: '使用料', amount: 100_000 },
          ],
        },
        { id: 'd', name: '事務費', amount: 300, rule: { equal: 1 } },
      ],
    })
    expect(sharesOf(a, 'c')).toEqual([200_000, 200_000, 200_000])
    expect(a.output.costs).toEqual([
      { id: 'c', amount: 1_000_000, deductions: 400_000, allocated: 600_000 },
      { id: 'd', amount: 300, allocated: 300 },
    ])
    expect(a.output.total).toBe(600_300)
  })

  it('deductions above the amount are an error at the field', () => {
    const issues = issuesOf({
      costs: [
        {
          id: 'c',
          name: '施設費',
          amount: 100,
          rule: { equal: 1 },
          deductions: [{ name: '国庫補助金', amount: 101 }],
        },
      ],
    })
    expect(issues.map((i) => i.path)).toEqual(['costs[0].deductions'])
  })

  it('adjustments: total = Σ shares + adjustments; savingsRate on Σ shares', () => {
    // shares 300,000 each; 143014: −125,000 (精算額) and +5,000 → total 180,000; savings (1,000,000 − 300,000)/1,000,000
    const a = run({
      members: [{ ...threeMembers[0]!, standaloneCost: 1_000_000 }, ...threeMembers.slice(1)],
      target: { minSavingsRate: 0.7 },
      costs: [{ id: 'c', name: '共同費', amount: 900_000, rule: { equal: 1 } }],
      adjustments: [
        { code: '143014', amount: -125_000, reason: '令和6年度精算額' },
        { code: '143014', amount: 5000, reason: '加算' },
      ],
    })
    const [first, second] = a.output.members
    expect(first).toEqual({
      code: '143014',
      name: '葉山町',
      total: 180_000,
      shares: { c: 300_000 },
      adjustments: -120_000,
      standaloneCost: 1_000_000,
      savingsRate: 0.7,
      meetsTarget: true,
    })
    expect(second).toEqual({
      code: '143219',
      name: '寒川町',
      total: 300_000,
      shares: { c: 300_000 },
    })
    expect(a.output.total).toBe(780_000)
  })
})

describe('validation of the conventions', () => {
  const cost = (extra: object) => ({ id: 'c', name: '費用', amount: 1000, ...extra })
  const one = (extra: object) => issuesOf({ costs: [cost(extra)] })

  it('an unknown unit names the allowed units', () => {
    const [issue] = one({ rule: { equal: 1 }, rounding: { unit: 500 } })
    expect(issue!.path).toBe('costs[0].rounding.unit')
    expect(issue!.message).toContain('1, 10, 100, 1000, 10000')
    const [top] = issuesOf({ rounding: { unit: 10000 }, costs: [] })
    expect(top).toBeUndefined()
  })

  it('an adjuster that is not a participant', () => {
    const issues = one({
      members: ['143219', '143413'],
      rule: { equal: 1 },
      rounding: { method: 'floor', adjuster: '143014' },
    })
    expect(issues).toEqual([
      {
        path: 'costs[0].rounding.adjuster',
        message: '143014 はこの費目の参加団体ではありません (not a participant): 費目 "c"',
      },
    ])
  })

  it('a method other than largestRemainder needs an adjuster', () => {
    const issues = issuesOf({
      rounding: { method: 'floor' },
      costs: [cost({ rule: { equal: 1 } })],
    })
    expect(issues.map((i) => i.path)).toEqual(['rounding.adjuster'])
  })

  it('unitPrice on a mixed rule without perPart', () => {
    const issues = one({
      rule: { equal: 0.5, population: 0.5 },
      rounding: { method: 'unitPrice', adjuster: 'largestShare' },
    })
    expect(issues.map((i) => i.path)).toEqual(['costs[0].rounding.method'])
    expect(issues[0]!.message).toContain('費目 "c"')
  })

  it('parts: weights must sum to 1, members within the item, rule or parts', () => {
    expect(
      one({
        parts: [
          { weight: 0.5, rule: { equal: 1 } },
          { weight: 0.4, rule: { population: 1 } },
        ],
      }).map((i) => i.path),
    ).toEqual(['costs[0].parts'])
    expect(
      one({
        members: ['143219', '143413'],
        parts: [{ weight: 1, members: ['143014'], rule: { equal: 1 } }],
      }).map((i) => i.path),
    ).toEqual(['costs[0].parts[0].members[0]'])
    expect(one({}).map((i) => i.path)).toEqual(['costs[0].rule'])
    expect(
      one({ rule: { equal: 1 }, parts: [{ weight: 1, rule: { equal: 1 } }] }).map((i) => i.path),
    ).toEqual(['costs[0].parts'])
  })

  it('an adjuster outside a part is an error naming the part', () => {
    const issues = one({
      rounding: { method: 'floor', adjuster: '143413' },
      parts: [
        { weight: 0.9, members: ['143413'], rule: { equal: 1 } },
        { weight: 0.1, members: ['143014', '143219'], rule: { population: 1 } },
      ],
    })
    expect(issues.map((i) => i.path)).toEqual(['costs[0].rounding.adjuster'])
    expect(issues[0]!.message).toContain('parts[1]')
  })

  it('an unknown adjustment code', () => {
    const issues = issuesOf({
      costs: [cost({ rule: { equal: 1 } })],
      adjustments: [{ code: '143421', amount: 1 }],
    })
    expect(issues.map((i) => i.path)).toEqual(['adjustments[0].code'])
  })
})

describe('explanations of the conventions', () => {
  it('deductions, parts with their amounts, method, unit, adjuster and what it absorbed', () => {
    // gross 10,100,000 − 100,000 (使用料) = 10,000,000: parts 9,000,000 (143413) and 1,000,000 by
    // population among 143014 / 143219, 千円未満切捨て, adjuster 143219: 333,000 and 667,000 (its own 666,000 + 1,000)
    const a = run({
      costs: [
        {
          id: 'shisetsu',
          name: '施設管理費',
          amount: 10_100_000,
          deductions: [{ name: '使用料', amount: 100_000 }],
          parts: [
            { name: '所在団体割', weight: 0.9, members: ['143413'], rule: { equal: 1 } },
            {
              name: '人口割',
              weight: 0.1,
              members: ['143014', '143219'],
              rule: { population: 1 },
              rounding: { unit: 1000, method: 'floor', adjuster: '143219' },
            },
          ],
        },
      ],
      adjustments: [{ code: '143219', amount: -2000, reason: '令和6年度精算額' }],
    })
    const [e] = explainMember(a, '143219')
    expect(e!.deductions).toEqual([{ name: '使用料', amount: 100_000 }])
    expect(e!.net).toBe(10_000_000)
    expect(e!.share).toBe(667_000)
    expect(e!.parts!.map((p) => [p.name, p.amount, p.participant, p.share])).toEqual([
      ['所在団体割', 9_000_000, false, 0],
      ['人口割', 1_000_000, true, 667_000],
    ])
    const part = e!.parts![1]!
    expect(part.method).toBe('floor')
    expect(part.unit).toBe(1000)
    expect(part.adjuster).toBe('143219')
    expect(part.adjusterAbsorbed).toBe(1000)
    expect(part.floor).toBe(666_000)
    expect(part.reason).toContain('端数調整団体')
    expect(explainMember(a, '143014')[0]!.parts![1]!.reason).toContain('寒川町 (143219) で調整')
    expect(explainAdjustments(a, '143219')).toEqual([{ amount: -2000, reason: '令和6年度精算額' }])
    expect(a.output.members[1]!.total).toBe(665_000)
  })

  it('a unit price is shown with its decimals', () => {
    const a = run(
      population(1_000_000, { method: 'unitPrice', adjuster: '143014', priceDecimals: 2 }),
    )
    const [e] = explainMember(a, '143219')
    expect(e!.method).toBe('unitPrice')
    expect(e!.unitPrice).toBe('142.85')
    expect(e!.adjuster).toBe('143014')
    expect(e!.adjusterAbsorbed).toBe(50)
    expect(e!.reason).toContain('単価 142.85 円 × 2000')
  })
})
