/**
 * Hand-worked 2-member × 2-業務 case. Every figure below is worked by hand in the comments.
 *
 * Members: A = 143014 (population 10,000 → factor 1), B = 143219 (20,000 → factor 2).
 * Server: capacity 10 users, minServers 1, ¥1,000,000 per server.
 * 業務 X (PaaS): hourly 9時 = 10, 14時 = 5 users per 10,000; monthly 1, except 4月 = 2.
 *               batch 22時 + 3 h (22, 23, 0時) in 4月.
 * 業務 Y (PaaS): hourly 9時 = 2, 14時 = 10; monthly 1, except 6月 = 1.5.
 *               batch #0 23時 + 2 h (23, 0時) in 4, 5月; batch #1 1時 + 2 h (1, 2時) every month.
 *
 * Users at the slots that matter (A; B is twice as much):
 *   X: 4月9時 20, 4月14時 10, other months 9時 10, 14時 5
 *   Y: 6月14時 15, 6月9時 3, other months 14時 10, 9時 2
 */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../scenario/schema'
import { evaluatePatterns, type PatternsReport } from './evaluate'

const hours = (at: Record<number, number>) => Array.from({ length: 24 }, (_, h) => at[h] ?? 0)
const months = (at: Record<number, number>) => Array.from({ length: 12 }, (_, i) => at[i + 1] ?? 1)

function twoByTwo(
  overrides: { x?: object; y?: object; server?: object; patterns?: object } = {},
): Scenario {
  return {
    version: 1,
    consortium: { name: 'テスト組合', fiscalYear: 2026 },
    members: [
      { code: '143014', name: 'A町', population: 10_000 },
      { code: '143219', name: 'B町', population: 20_000 },
    ],
    costs: [],
    services: [
      {
        id: 'x',
        name: '業務X',
        scope: 'PaaS',
        hourly: hours({ 9: 10, 14: 5 }),
        monthly: months({ 4: 2 }),
        batches: [{ start: 22, duration: 3, months: [4] }],
        ...overrides.x,
      },
      {
        id: 'y',
        name: '業務Y',
        scope: 'PaaS',
        hourly: hours({ 9: 2, 14: 10 }),
        monthly: months({ 6: 1.5 }),
        batches: [
          { start: 23, duration: 2, months: [4, 5] },
          { start: 1, duration: 2, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
        ],
        ...overrides.y,
      },
    ],
    patterns: {
      version: 1,
      server: { capacity: 10, minServers: 1, costPerServer: 1_000_000, ...overrides.server },
      ...overrides.patterns,
    },
  }
}

function run(s: Scenario): PatternsReport {
  const r = evaluatePatterns(s)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9)

describe('2 members × 2 業務, hand-worked', () => {
  const report = run(twoByTwo())
  const [p1, p2, p3] = report.patterns as [
    PatternsReport['patterns'][0],
    PatternsReport['patterns'][0],
    PatternsReport['patterns'][0],
  ]

  it('pattern 1: one group per 業務', () => {
    // X: 4月9時 (20 + 40) users = 6.0 servers → 6. Y: 6月14時 (15 + 30) = 4.5 → 5.
    expect(p1.groups.map((g) => [g.id, g.servers, g.peakDemand, g.peakMonth, g.peakHour])).toEqual([
      ['p1:service:x', 6, 6, 4, 9],
      ['p1:service:y', 5, 4.5, 6, 14],
    ])
    expect(p1.servers).toBe(11)
    expect(p1.annualCost).toBe(11_000_000)
    const [x, y] = p1.groups
    close(x!.peakUtilisation, 1)
    close(y!.peakUtilisation, 0.9)
    // X total: (10 + 5) × Σmonthly 13 × factor 3 / capacity 10 = 58.5 server-slots; / (288 × 6)
    close(x!.meanUtilisation, 58.5 / (288 * 6))
    // Y total: (2 + 10) × 12.5 × 3 / 10 = 45; / (288 × 5)
    close(y!.meanUtilisation, 45 / (288 * 5))
    close(p1.peakUtilisation, 10.5 / 11)
    close(p1.meanUtilisation, 103.5 / (288 * 11))
  })

  it('pattern 2: one group per member', () => {
    // A: 4月9時 X 20 + Y 2 = 22 users = 2.2 → 3 (4月14時 and 6月14時 are 20). B: 4.4 → 5.
    expect(p2.groups.map((g) => [g.id, g.servers, g.peakDemand, g.peakMonth, g.peakHour])).toEqual([
      ['p2:member:143014', 3, 2.2, 4, 9],
      ['p2:member:143219', 5, 4.4, 4, 9],
    ])
    expect(p2.servers).toBe(8)
    close(p2.groups[0]!.peakUtilisation, 2.2 / 3)
    close(p2.groups[1]!.peakUtilisation, 0.88)
    close(p2.groups[0]!.meanUtilisation, 34.5 / (288 * 3)) // 19.5 + 15
    close(p2.groups[1]!.meanUtilisation, 69 / (288 * 5))
    close(p2.peakUtilisation, 6.6 / 8)
    close(p2.meanUtilisation, 103.5 / (288 * 8))
  })

  it('pattern 3: one group for everything', () => {
    // 4月9時: X 60 + Y 6 = 66 users = 6.6 → 7 (4月14時: 30 + 30 = 60; 6月14時: 15 + 45 = 60).
    expect(p3.groups.map((g) => [g.id, g.servers, g.peakDemand, g.peakMonth, g.peakHour])).toEqual([
      ['p3:all', 7, 6.6, 4, 9],
    ])
    expect(p3.annualCost).toBe(7_000_000)
    close(p3.peakUtilisation, 6.6 / 7)
    close(p3.meanUtilisation, 103.5 / (288 * 7))
  })

  it('batch collisions, each pair once', () => {
    // p1 X: X#0 of A and of B share 4月22–0時 → 1. Y: Y#0 A–B 1, Y#1 A–B 1; Y#0 {23,0} vs Y#1 {1,2} no → 2.
    expect(p1.groups.map((g) => g.batchCollisions)).toEqual([1, 2])
    // p2 A: X#0 {22,23,0}×4月 vs Y#0 {23,0}×4,5月 share 4月23時 and 0時 — one pair, not two. Same for B.
    expect(p2.groups.map((g) => g.batchCollisions)).toEqual([1, 1])
    // p3: X#0 A–B 1, Y#0 A–B 1, Y#1 A–B 1, X#0 × Y#0 2 × 2 = 4 → 7 (= C(4,2) among X_A X_B Y0_A Y0_B, + 1).
    expect(p3.batchCollisions).toBe(7)
    expect(p3.groups[0]!.collisions).toEqual([
      { a: { service: 'x', batch: 0 }, b: { service: 'x', batch: 0 }, pairs: 1 },
      { a: { service: 'x', batch: 0 }, b: { service: 'y', batch: 0 }, pairs: 4 },
      { a: { service: 'y', batch: 0 }, b: { service: 'y', batch: 0 }, pairs: 1 },
      { a: { service: 'y', batch: 1 }, b: { service: 'y', batch: 1 }, pairs: 1 },
    ])
    expect([p1.batchCollisions, p2.batchCollisions]).toEqual([3, 2])
  })

  it('blast radius and coupling', () => {
    // p1 worst: X group (tie with Y on units and residents; the first is kept)
    expect(p1.blastRadius).toEqual({
      members: 2,
      services: 1,
      units: 2,
      population: 30_000,
      group: 'p1:service:x',
    })
    // p2: both groups 2 units; B has more residents
    expect(p2.blastRadius).toEqual({
      members: 1,
      services: 2,
      units: 2,
      population: 20_000,
      group: 'p2:member:143219',
    })
    expect(p3.blastRadius).toEqual({
      members: 2,
      services: 2,
      units: 4,
      population: 30_000,
      group: 'p3:all',
    })
    expect([p1.coupling, p2.coupling, p3.coupling]).toEqual([1, 2, 2])
  })

  it('recommendation: weights 0.4 / 0.3 / 0.15 / 0.15', () => {
    // normalised (value / max): cost 11/11, 8/11, 7/11; blast 2/4, 2/4, 4/4 → .5, .5, 1;
    // coupling .5, 1, 1; collisions 3/7, 2/7, 1.
    // p1 = .4 + .15 + .075 + .15·3/7 = .689286; p2 = .4·8/11 + .15 + .15 + .15·2/7 = .633766;
    // p3 = .4·7/11 + .3 + .15 + .15 = .854545
    close(p1.score, 0.4 + 0.15 + 0.075 + (0.15 * 3) / 7)
    close(p2.score, (0.4 * 8) / 11 + 0.3 + (0.15 * 2) / 7)
    close(p3.score, (0.4 * 7) / 11 + 0.6)
    expect(report.recommendation.ranking).toEqual([2, 1, 3])
    expect(report.recommendation.pattern).toBe(2)
    expect([p1.rank, p2.rank, p3.rank]).toEqual([2, 1, 3])
    expect(report.recommendation.rationale[0]).toContain(
      '推奨はパターン2（地方公共団体内業務統合型）',
    )
    expect(report.recommendation.rationale.join('\n')).toContain('費用が最も小さい')
  })

  it('planner weights change the ranking', () => {
    const r = run(
      twoByTwo({ patterns: { weights: { cost: 1, blastRadius: 0, coupling: 0, collisions: 0 } } }),
    )
    expect(r.recommendation.ranking).toEqual([3, 2, 1])
  })

  it('負担金 per member under each pattern (load basis)', () => {
    // p1: X ¥6M by load 19.5 : 39 → 2M / 4M; Y ¥5M by 15 : 30 → 1,666,666.67 / 3,333,333.33
    //     → floors 1,666,666 + 3,333,333, remainder 1 to the larger fraction (A) → A 3,666,667; B 7,333,333
    // p2: A's own 3 servers ¥3M, B's 5 servers ¥5M
    // p3: ¥7M by 34.5 : 69 → 2,333,333.33 / 4,666,666.67 → remainder to B
    expect(report.allocation.members.map((m) => [m.code, m.burden])).toEqual([
      ['143014', { 1: 3_666_667, 2: 3_000_000, 3: 2_333_333 }],
      ['143219', { 1: 7_333_333, 2: 5_000_000, 3: 4_666_667 }],
    ])
    expect(report.allocation.costs[1].map((c) => [c.id, c.amount, c.members])).toEqual([
      ['p1:service:x', 6_000_000, ['143014', '143219']],
      ['p1:service:y', 5_000_000, ['143014', '143219']],
    ])
  })

  it('population and equal bases', () => {
    const pop = run(twoByTwo({ patterns: { allocation: 'population' } }))
    // p3 ¥7M by 1 : 2 → same as load here; p1 X ¥6M → 2M / 4M; Y ¥5M → 1,666,667 / 3,333,333
    expect(pop.allocation.members.map((m) => m.burden[1])).toEqual([3_666_667, 7_333_333])
    const eq = run(twoByTwo({ patterns: { allocation: 'equal' } }))
    // p1: (6M + 5M) / 2 each; p3: 3.5M each
    expect(eq.allocation.members.map((m) => [m.burden[1], m.burden[3]])).toEqual([
      [5_500_000, 3_500_000],
      [5_500_000, 3_500_000],
    ])
  })
})

describe('scope rules (表3-7/3-8)', () => {
  it("a member's customised system (IaaS) cannot join pattern 1's shared group", () => {
    const r = run(twoByTwo({ y: { customised: ['143014'] } }))
    const [p1, p2, p3] = r.patterns
    // Y shared by B only: 6月14時 30 users → 3; Y·A dedicated: 15 users → 1.5 → 2
    expect(p1!.groups.map((g) => [g.id, g.servers])).toEqual([
      ['p1:service:x', 6],
      ['p1:service:y', 3],
      ['p1:dedicated:y:143014', 2],
    ])
    expect(p1!.groups[2]!.label).toBe('業務Y・A町（単独・独自システム）')
    // batch pairs: only X's A–B pair remains in pattern 1
    expect(p1!.batchCollisions).toBe(1)
    // pattern 2 unchanged in servers (the member's own group may hold its own system)
    expect(p2!.servers).toBe(8)
    expect(p3!.servers).toBe(7)
    // the customised system runs its own schedule: A's group has x and y@143014
    expect(p2!.groups.map((g) => g.coupling)).toEqual([2, 2])
  })

  it('a SaaS 業務 stays in one shared group under pattern 2', () => {
    const r = run(twoByTwo({ x: { scope: 'SaaS' } }))
    const p2 = r.patterns[1]!
    // A: Y only, 6月14時 15 users → 2; B: 30 → 3; X SaaS shared: 6
    expect(p2.groups.map((g) => [g.id, g.servers])).toEqual([
      ['p2:member:143014', 2],
      ['p2:member:143219', 3],
      ['p2:saas:x', 6],
    ])
    expect(p2.groups[2]!.label).toBe('業務X（SaaS共同）')
    expect(r.patterns[2]!.servers).toBe(7)
  })

  it('redundancy minimum applies per group', () => {
    // minServers 6: p1 max(6,6) + max(5,6) = 12; p2 max(3,6) + max(5,6) = 12; p3 max(7,6) = 7
    const r = run(twoByTwo({ server: { minServers: 6 } }))
    expect(r.patterns.map((p) => p.servers)).toEqual([12, 12, 7])
  })

  it('per-業務 capacity override', () => {
    // Y capacity 5: p1 Y peak 45 users / 5 = 9 → 9; X unchanged 6 → 15
    const r = run(twoByTwo({ y: { capacity: 5 } }))
    expect(r.patterns[0]!.servers).toBe(15)
  })
})
