/** A seeded national-scale scenario: 1,741 members, 40 cost items with mixed rules (for benchmarks). */
import { localGovCheckDigit } from '../packages/core/src/codes'
import { seededRandom } from '../packages/core/src/random'

/** The core's seeded PRNG (mulberry32), re-exported for the benchmarks. */
export { seededRandom as mulberry32 } from '../packages/core/src/random'

export function nationalScenario(members = 1741, costs = 40, seed = 20261122) {
  const rnd = seededRandom(seed)
  const list = Array.from({ length: members }, (_, i) => {
    const five = String(10000 + i * 5).padStart(5, '0')
    // log-uniform populations between 200 and 3.7 million
    const population = Math.round(
      Math.exp(Math.log(200) + rnd() * (Math.log(3_700_000) - Math.log(200))),
    )
    return {
      code: `${five}${localGovCheckDigit(five)}`,
      name: `団体${i + 1}`,
      population,
      standaloneCost: Math.round(population * 4000 + 30_000_000),
      metrics: {
        terminals: Math.max(5, Math.round(population / 250)),
        demand: Math.round(population * 1234.5) / 10,
      },
    }
  })
  const rules = [
    { equal: 0.1, population: 0.9 },
    { equal: 0.2, population: 0.8 },
    { equal: 0.1, population: 0.45, metric: { name: 'demand', weight: 0.45 } },
    { scaledPopulation: { weight: 1, exponent: 0.585 } },
    { metric: { name: 'terminals', weight: 1 } },
    { equal: 1 },
    { population: 0.35, equal: 0.15, metric: { name: 'terminals', weight: 0.5 } },
  ]
  const costList = Array.from({ length: costs }, (_, k) => {
    const subset = k % 5 === 4 ? list.filter(() => rnd() < 0.3).map((m) => m.code) : undefined
    const rule =
      k % 13 === 12 && subset && subset.length >= 2
        ? {
            fixed: Object.fromEntries(
              subset.map((c, i) => [
                c,
                i === 0
                  ? `${1 - (subset.length - 1) / (subset.length * 2)}`
                  : `1/${subset.length * 2}`,
              ]),
            ),
          }
        : rules[k % rules.length]!
    return {
      id: `cost-${k}`,
      name: `費目${k}`,
      amount: Math.round(rnd() * 2_000_000_000),
      ...(subset ? { members: subset } : {}),
      rule,
    }
  })
  return {
    version: 1 as const,
    consortium: { name: '全国シナリオ（ベンチマーク）', fiscalYear: 2026 },
    members: list,
    costs: costList,
    rounding: { unit: 1 as const },
    target: { minSavingsRate: 0.2 },
  }
}
