import { fraction, add as mAdd, multiply, subtract, factorial, type Fraction } from 'mathjs'
import { describe, expect, it } from 'vitest'
import { rat, toFractionString, type Rational } from '../rational'
import { bruteForceShapley } from './brute-force'
import { parseCoalitionModelFor, type CoalitionModel } from './coalition-model'
import { coalitionCost, grandCost, modelAsTable, standaloneCosts } from './cost-game'
import { seededRandom } from '../random'
import { shareOf, sharesTotal } from './shares'
import { shapleyScaleExact, shapleyValue } from './shapley'

const CODES = ['143014', '143219', '143413', '143421', '143618', '143626', '143634', '143642']
const member = (i: number, population: number, metrics: Record<string, number> = {}) => ({
  code: CODES[i]!,
  name: `団体${i}`,
  population,
  metrics,
})

function model(
  raw: unknown,
  members: Parameters<typeof parseCoalitionModelFor>[1],
): CoalitionModel {
  const r = parseCoalitionModelFor(raw, members)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

const fr = (r: Rational) => toFractionString(r)

describe('Shapley value — hand-worked games', () => {
  it('airport game (Littlechild–Owen): costs 6, 12, 30 → 2, 5, 23', () => {
    // increments: 6 shared by 3 → 2 each; 6 more shared by 2 → 3 each; 18 more to the largest alone.
    // A = 2, B = 2 + 3 = 5, C = 2 + 3 + 18 = 23; Σ = 30 = c(N).
    const m = model(
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
      [member(0, 100), member(1, 200), member(2, 300)],
    )
    const s = shapleyValue(m)
    expect([0, 1, 2].map((i) => fr(shareOf(s.shares, i)))).toEqual(['2', '5', '23'])
    expect(s.yen).toEqual([2n, 5n, 23n])
    expect(standaloneCosts(m).map(fr)).toEqual(['6', '12', '30'])
  })

  it('fixed + variable + airport with ties, by linearity', () => {
    // fixed 90 used by A, B, C → 30 each; variable 10/resident·… perMember 5; airport costs 40, 40, 100:
    // 40 shared by 3 → 40/3; 60 to C alone. A: 30 + 5 + 1·2 + 40/3 = 151/3, B: 30 + 5 + 2·2 + 40/3 = 157/3,
    // C: 30 + 5 + 3·2 + 40/3 + 60 = 343/3.
    const m = model(
      {
        components: [
          { kind: 'fixed', id: 'f', amount: 90 },
          { kind: 'variable', id: 'v', perMember: 5, perResident: 2 },
          {
            kind: 'airport',
            id: 'a',
            levels: [
              { need: 10, cost: 40 },
              { need: 20, cost: 100 },
            ],
            needs: { '143014': 5, '143219': 10, '143413': 15 },
          },
        ],
      },
      [member(0, 1), member(1, 2), member(2, 3)],
    )
    const s = shapleyValue(m)
    expect([0, 1, 2].map((i) => fr(shareOf(s.shares, i)))).toEqual(['151/3', '157/3', '343/3'])
    expect(fr(sharesTotal(s.shares))).toBe(fr(grandCost(m))) // 217 = 90 + 27 + 100
    // 50.33, 52.33, 114.33 → floors 50, 52, 114 (216); the one yen left goes to the largest remainder,
    // all equal (1/3) → ties by ascending code → 143014
    expect(s.yen).toEqual([51n, 52n, 114n])
  })

  it('scale economy of two members, k·P^1 is additive: Shapley = own cost', () => {
    const s = shapleyScaleExact(3, 1, [10, 20])
    expect(s.numerators.map((n) => fr(rat(n, s.denominator)))).toEqual(['30', '60'])
  })
})

/** Independent brute force with mathjs fractions: φ_i = Σ_S |S|!(n−|S|−1)!/n! (c(S∪i) − c(S)). */
function mathjsShapley(n: number, cost: (mask: number) => Rational): string[] {
  const c = Array.from({ length: 2 ** n }, (_, m) => {
    const r = cost(m)
    return fraction(r.n, r.d) as Fraction
  })
  const out: string[] = []
  for (let i = 0; i < n; i++) {
    let phi = fraction(0) as Fraction
    for (let mask = 0; mask < 2 ** n; mask++) {
      if (mask & (1 << i)) continue
      const s = mask.toString(2).replaceAll('0', '').length
      const w = fraction(factorial(s) * factorial(n - s - 1), factorial(n)) as Fraction
      phi = mAdd(phi, multiply(w, subtract(c[mask | (1 << i)]!, c[mask]!))) as Fraction
    }
    out.push(phi.d === 1n ? `${phi.s * phi.n}` : `${phi.s * phi.n}/${phi.d}`)
  }
  return out
}

describe('Shapley value — random small games against brute force (exact fractions)', () => {
  const random = seededRandom(20260401)
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1))
  for (let trial = 0; trial < 12; trial++) {
    const n = 2 + (trial % 7) // 2..8
    it(`trial ${trial}: n = ${n}, every component kind`, () => {
      const members = Array.from({ length: n }, (_, i) =>
        member(i, int(1, 50000), { terminals: int(0, 200) }),
      )
      const pick = () => {
        const users = CODES.slice(0, n).filter(() => random() < 0.7)
        return users.length ? users : [CODES[0]!]
      }
      const needs: Record<string, number> = {}
      for (const code of pick()) needs[code] = int(0, 99)
      const m = model(
        {
          components: [
            { kind: 'fixed', id: 'f', amount: int(0, 1e7), members: pick() },
            {
              kind: 'airport',
              id: 'a',
              levels: [
                { need: 10, cost: int(1, 1000) },
                { need: 50, cost: 2000 + int(0, 1000) + 0.5 },
                { need: 100, cost: '10001/3' },
              ],
              needs,
            },
            {
              kind: 'variable',
              id: 'v',
              perMember: int(0, 1000),
              perMetric: { terminals: 0.25 },
              members: pick(),
            },
            {
              kind: 'scaleEconomy',
              id: 's',
              k: 1000 + random() * 10,
              exponent: 0.3 + random() * 0.7,
              members: pick(),
            },
          ],
        },
        members,
      )
      const fast = shapleyValue(m)
      const got = members.map((_, i) => fr(shareOf(fast.shares, i)))
      expect(got).toEqual(bruteForceShapley(modelAsTable(m)).map(fr))
      expect(got).toEqual(mathjsShapley(n, modelAsTable(m).cost))
      // efficiency, and the yen sum to c(N) rounded half-up
      const total = sharesTotal(fast.shares)
      expect(fr(total)).toBe(
        fr(
          coalitionCost(
            m,
            members.map((_, i) => i),
          ),
        ),
      )
      expect(fast.yen.reduce((a, b) => a + b, 0n)).toBe((2n * total.n + total.d) / (2n * total.d))
    })
  }
})

describe('Shapley value — sampling above the exact limit', () => {
  it('agrees with exact enumeration within 4 standard errors, and is efficient on the grid', () => {
    const pops = [3459, 7333, 9679, 10724, 11171, 11786, 17013, 17033, 25026, 28378, 31550, 32096]
    const members = pops.map((p, i) => ({ code: `m${i}`, name: `m${i}`, population: p }))
    const raw = { components: [{ kind: 'scaleEconomy', id: 's', k: 50000, exponent: 0.585 }] }
    const m = model(raw, members)
    const exact = shapleyValue(m)
    const sampled = shapleyValue(m, { exactLimit: 4, seed: 7 })
    expect(sampled.components[0]!.method).toBe('sampled')
    expect(fr(sharesTotal(sampled.shares))).toBe(fr(sharesTotal(exact.shares)))
    pops.forEach((_, i) => {
      const e = Number(exact.shares.numerators[i]!) / Number(exact.shares.denominator)
      const s = Number(sampled.shares.numerators[i]!) / Number(sampled.shares.denominator)
      const se = sampled.standardError![i]!
      expect(se).toBeGreaterThan(0)
      expect(Math.abs(s - e)).toBeLessThan(4 * se + 1e-6)
    })
    // same seed, same answer
    expect(shapleyValue(m, { exactLimit: 4, seed: 7 }).yen).toEqual(sampled.yen)
  })
})
