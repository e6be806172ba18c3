import { describe, expect, it } from 'vitest'
import { rat, toFractionString, type Rational } from '../rational'
import { bruteForceShapley } from './brute-force'
import { parseCoalitionModelFor, type CoalitionModel } from './coalition-model'
import { checkCore, checkCoreTable } from './core-check'
import { tableGame } from './cost-game'
import { sharesFrom } from './shares'
import { shapleyValue } from './shapley'

const fr = (r: Rational) => toFractionString(r)
const r = (n: number, d = 1) => rat(n, d)

const airport = (): CoalitionModel => {
  const parsed = parseCoalitionModelFor(
    {
      components: [
        {
          kind: 'airport',
          id: 'server',
          levels: [
            { need: 1, cost: 6 },
            { need: 2, cost: 12 },
            { need: 3, cost: 30 },
          ],
          needs: { '143014': 1, '143219': 2, '143413': 3 },
        },
      ],
    },
    [
      { code: '143014', name: 'A', population: 1 },
      { code: '143219', name: 'B', population: 2 },
      { code: '143413', name: 'C', population: 3 },
    ],
  )
  if (!parsed.ok) throw new Error('bad model')
  return parsed.value
}

describe('core — hand-worked games', () => {
  it('airport game: Shapley (2, 5, 23) is in the core; the tightest coalition is {B, C}', () => {
    // excesses x(S) − c(S): {A} 2−6 = −4, {B} 5−12 = −7, {C} 23−30 = −7, {A,B} 7−12 = −5,
    // {A,C} 25−30 = −5, {B,C} 28−30 = −2 → in the core, tightest {B,C} at −2.
    const m = airport()
    const res = checkCore(m, shapleyValue(m).shares)
    expect(res.verdict).toBe('inCore')
    expect(res.worst!.codes).toEqual(['143219', '143413'])
    expect(fr(res.worst!.excess)).toBe('-2')
    expect(fr(res.efficiencyGap)).toBe('0')
  })

  it('airport game: the equal split 10/10/10 is not; {A, B} objects most (20 > 12)', () => {
    // {A} 10 − 6 = 4, {B} −2, {A,B} 20 − 12 = 8, {A,C} 20 − 30 < 0, {B,C} < 0 → worst {A,B} by 8
    const res = checkCore(airport(), sharesFrom([r(10), r(10), r(10)]))
    expect(res.verdict).toBe('notInCore')
    expect(res.worst!.codes).toEqual(['143014', '143219'])
    expect(fr(res.worst!.excess)).toBe('8')
  })

  it('glove-like game: Shapley (1/3, 5/6, 5/6) is outside the core, objected by {L, R1}', () => {
    // players L, R1, R2; alone each costs 1; a matched pair saves 1: c(S) = |S| − min(#L, #R).
    // Shapley of the savings game: L 2/3, R 1/6 each → costs 1/3, 5/6, 5/6. {L,R1} pays 7/6 > c = 1.
    const costs = [0, 1, 1, 1, 1, 2, 2, 2].map((v, mask) => {
      const hasL = mask & 1 ? 1 : 0
      const nR = ((mask >> 1) & 1) + ((mask >> 2) & 1)
      return r(v === 0 ? 0 : hasL + nR - Math.min(hasL, nR))
    })
    const game = tableGame(3, costs)
    const phi = bruteForceShapley(game)
    expect(phi.map(fr)).toEqual(['1/3', '5/6', '5/6'])
    const res = checkCoreTable(game, phi)
    expect(res.verdict).toBe('notInCore')
    expect(res.worst!.members).toEqual([0, 1])
    expect(fr(res.worst!.excess)).toBe('1/6')
    // the core point (0, 1, 1): L pays nothing, every pair containing L pays exactly 1
    expect(checkCoreTable(game, [r(0), r(1), r(1)]).verdict).toBe('inCore')
  })

  it('a game with an empty core: c(i) = 1, c(pair) = 1, c(N) = 2', () => {
    // x_i + x_j ≤ 1 for the three pairs gives x(N) ≤ 3/2 < 2: no split works.
    // Shapley 2/3 each (marginals 1, 0, 1 over the three positions); every pair pays 4/3, excess 1/3.
    const game = tableGame(3, [r(0), r(1), r(1), r(1), r(1), r(1), r(1), r(2)])
    const phi = bruteForceShapley(game)
    expect(phi.map(fr)).toEqual(['2/3', '2/3', '2/3'])
    expect(fr(checkCoreTable(game, phi).worst!.excess)).toBe('1/3')
    for (const x of [
      [r(1), r(1), r(0)],
      [r(1, 2), r(1, 2), r(1)],
      [r(2, 3), r(1, 2), r(5, 6)],
    ]) {
      expect(checkCoreTable(game, x).verdict).toBe('notInCore')
    }
  })
})

describe('core — search above the exact limit', () => {
  const members = Array.from({ length: 40 }, (_, i) => ({
    code: `m${String(i).padStart(2, '0')}`,
    name: `m${i}`,
    population: 1000 + i * 997,
  }))
  const parsed = parseCoalitionModelFor(
    {
      components: [
        { kind: 'fixed', id: 'f', amount: 4_000_000 },
        {
          kind: 'airport',
          id: 'a',
          levels: [
            { need: 10000, cost: 1_000_000 },
            { need: 30000, cost: 3_000_000 },
            { need: 50000, cost: 9_000_000 },
          ],
          needs: 'population',
        },
        { kind: 'scaleEconomy', id: 's', k: 2000, exponent: 0.6 },
      ],
    },
    members,
  )
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  const m = parsed.value

  it('finds the coalition objecting to a split that bills the 20 smallest for everything', () => {
    const shap = shapleyValue(m, { seed: 3 })
    const total = shap.shares.numerators.reduce((a, b) => a + b, 0n)
    // the 20 smallest pay c(N) between them; alone they would need only the smaller airport level
    const x = {
      numerators: members.map((_, i) => (i < 20 ? total : 0n)),
      denominator: shap.shares.denominator * 20n,
    }
    const res = checkCore(m, x)
    expect(res.method).toBe('search')
    expect(res.verdict).toBe('notInCore')
    expect(res.worst!.excess.n).toBeGreaterThan(0n)
    expect(res.worst!.members.every((i) => i < 20)).toBe(true)
    expect(res.effort.starts).toBeGreaterThan(20)
    // the same split on the first 16 members: search and exact agree on the worst excess
    const sub16 = parseCoalitionModelFor(
      {
        components: [
          { kind: 'fixed', id: 'f', amount: 1_000_000 },
          { kind: 'scaleEconomy', id: 's', k: 2000, exponent: 0.6 },
        ],
      },
      members.slice(0, 16),
    )
    if (!sub16.ok) throw new Error('bad')
    const eq = sharesFrom(members.slice(0, 16).map(() => r(1)))
    const s16 = shapleyValue(sub16.value)
    const totalS = s16.shares.numerators.reduce((a, b) => a + b, 0n)
    const x16 = {
      numerators: members.slice(0, 16).map((p) => totalS * BigInt(p.population)),
      denominator:
        s16.shares.denominator * BigInt(members.slice(0, 16).reduce((a, p) => a + p.population, 0)),
    }
    void eq
    const exact = checkCore(sub16.value, x16)
    const search = checkCore(sub16.value, x16, { exactLimit: 0 })
    expect(exact.method).toBe('exact')
    expect(fr(search.worst!.excess)).toBe(fr(exact.worst!.excess))
  })
})
