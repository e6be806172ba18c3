import { describe, expect, it } from 'vitest'
import { allocate } from '../allocation/allocate'
import { toFractionString } from '../rational'
import { parseScenario, type Scenario } from '../scenario'
import { parseCoalitionModel } from './coalition-model'
import { adjustToTargets, alphaInterval, targetsReport } from './targets'

function scenario(
  members: Array<[string, number, number]>,
  costs: unknown[],
  extra: object = {},
): Scenario {
  const r = parseScenario({
    version: 1,
    consortium: { name: 'テスト組合', fiscalYear: 2026 },
    members: members.map(([code, population, standaloneCost]) => ({
      code,
      name: `町${code}`,
      population,
      standaloneCost,
    })),
    costs,
    target: { minSavingsRate: 0.2 },
    ...extra,
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}
const alloc = (s: Scenario) => {
  const a = allocate(s)
  if (!a.ok) throw new Error('allocate failed')
  return a.value
}
const fr = toFractionString

describe('α interval for 均等割 α + 人口割 (1 − α)', () => {
  const mix = [{ id: 'c', name: '共通', amount: 100, rule: { equal: 0.5, population: 0.5 } }]

  it('X: 25 + 25α ≤ 40 → α ≤ 3/5; Y: 75 − 25α ≤ 80 holds for all α → [0, 3/5]', () => {
    // X pop 1, Y pop 3: equal part 50 each, population part 25 / 75.
    const s = scenario(
      [
        ['143014', 1, 50],
        ['143219', 3, 100],
      ],
      mix,
    )
    const r = alphaInterval(s, alloc(s), ['equal', 'population'])
    expect(r.kind).toBe('interval')
    if (r.kind !== 'interval') return
    expect([fr(r.lo), fr(r.hi)]).toEqual(['0', '3/5'])
    expect(r.upperBinding).toBe('143014')
    expect(r.lowerBinding).toBeUndefined()
    expect(fr(r.current.c!)).toBe('1/2')
    // rounded-safe: 25 + 25α + 1 ≤ 40 → α ≤ 14/25
    expect(r.safe && [fr(r.safe.lo), fr(r.safe.hi)]).toEqual(['0', '14/25'])
  })

  it('none exists when Y needs α ≥ 11/25 and X needs α ≤ 7/25, naming both', () => {
    // caps: X 0.8·40 = 32 → 25 + 25α ≤ 32 → α ≤ 7/25; Y 0.8·80 = 64 → 75 − 25α ≤ 64 → α ≥ 11/25
    const s = scenario(
      [
        ['143014', 1, 40],
        ['143219', 3, 80],
      ],
      mix,
    )
    const r = alphaInterval(s, alloc(s), ['equal', 'population'])
    expect(r.kind).toBe('none')
    if (r.kind === 'none') expect(r.binding).toEqual(['143219', '143014'])
  })

  it('an error when no cost mixes exactly the two drivers', () => {
    const s = scenario(
      [
        ['143014', 1, 50],
        ['143219', 3, 100],
      ],
      [{ id: 'c', name: 'c', amount: 10, rule: { equal: 1 } }],
    )
    expect(alphaInterval(s, alloc(s), ['equal', 'population']).kind).toBe('error')
  })
})

describe('targets report and the smallest adjustment', () => {
  // 150 split equally: 50 each. Caps: X 0.8·50 = 40 (short 10), Y 80 (slack 30), Z 60 (slack 10).
  const s = scenario(
    [
      ['143014', 1, 50],
      ['143219', 1, 100],
      ['143413', 1, 75],
    ],
    [{ id: 'c', name: 'c', amount: 150, rule: { equal: 1 } }],
  )
  const report = targetsReport(s, alloc(s).output)!

  it('reports shortfall and slack on the billed yen', () => {
    expect(report.missing).toEqual(['143014'])
    expect(report.rows.map((r) => [r.cap, r.shortfall, r.slack])).toEqual([
      [40n, 10n, 0n],
      [80n, 0n, 30n],
      [60n, 0n, 10n],
    ])
    expect(fr(report.rows[0]!.savingsRate!)).toBe('0')
  })

  it('moves exactly the shortfall, in proportion to slack, yen-exact', () => {
    // Y: 10·30/40 = 7.5, Z: 10·10/40 = 2.5 → floors 7 + 2, one yen left, remainders tie → lower code (Y)
    const adj = adjustToTargets(report)
    expect(adj.kind).toBe('adjusted')
    if (adj.kind !== 'adjusted') return
    expect(adj.rows.map((r) => r.adjustment)).toEqual([-10n, 8n, 2n])
    expect(adj.rows.reduce((a, r) => a + r.adjustment, 0n)).toBe(0n)
    expect(adj.rows.map((r) => r.after)).toEqual([40n, 58n, 52n])
  })

  it('is infeasible when the shortfall exceeds the slack', () => {
    const tight = scenario(
      [
        ['143014', 1, 50],
        ['143219', 1, 55],
      ],
      [{ id: 'c', name: 'c', amount: 100, rule: { equal: 1 } }],
    )
    // caps 40 and 44 → shortfall 10 + 6 = 16, slack 0
    expect(adjustToTargets(targetsReport(tight, alloc(tight).output)!)).toEqual({
      kind: 'infeasible',
      shortfall: 16n,
      slack: 0n,
    })
  })
})

describe('coalitionModel validation names the field path', () => {
  const base = [
    ['143014', 1, 50],
    ['143219', 3, 100],
  ] as Array<[string, number, number]>
  const cost = [{ id: 'c', name: 'c', amount: 10, rule: { equal: 1 } }]
  const issues = (coalitionModel: unknown) => {
    const r = parseCoalitionModel(scenario(base, cost, { coalitionModel }))
    return r.ok ? [] : r.issues.map((i) => i.path)
  }
  it.each([
    [
      'negative need',
      {
        components: [
          { kind: 'airport', id: 'a', levels: [{ need: 5, cost: 1 }], needs: { '143014': -1 } },
        ],
      },
      'coalitionModel.components[0].needs["143014"]',
    ],
    [
      'exponent outside (0, 1]',
      { components: [{ kind: 'scaleEconomy', id: 's', k: 1, exponent: 1.5 }] },
      'coalitionModel.components[0].exponent',
    ],
    [
      'exponent 0',
      { components: [{ kind: 'scaleEconomy', id: 's', k: 1, exponent: 0 }] },
      'coalitionModel.components[0].exponent',
    ],
    [
      'unknown member',
      { components: [{ kind: 'fixed', id: 'f', amount: 1, members: ['143014', '999999'] }] },
      'coalitionModel.components[0].members[1]',
    ],
    [
      'unknown member in needs',
      {
        components: [
          { kind: 'airport', id: 'a', levels: [{ need: 5, cost: 1 }], needs: { '143421': 1 } },
        ],
      },
      'coalitionModel.components[0].needs["143421"]',
    ],
    [
      'need above the largest level',
      {
        components: [
          { kind: 'airport', id: 'a', levels: [{ need: 2, cost: 1 }], needs: 'population' },
        ],
      },
      'coalitionModel.components[0].needs',
    ],
    [
      'missing metric',
      { components: [{ kind: 'variable', id: 'v', perMetric: { terminals: 1 } }] },
      'coalitionModel.components[0].perMetric.terminals',
    ],
    [
      'unknown kind',
      { components: [{ kind: 'magic', id: 'x' }] },
      'coalitionModel.components[0].kind',
    ],
  ])('%s', (_, model, path) => {
    expect(issues(model)).toContain(path)
  })
})
