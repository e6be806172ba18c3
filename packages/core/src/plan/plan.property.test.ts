/**
 * Properties over generated plans (fast-check): year Y of the plan equals the allocation of year Y's scenario
 * read back from JSON (what `warikan plan --year Y | warikan allocate` does), and every yen amount of the
 * expansion matches an independent integer computation.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocate } from '../allocation/allocate'
import { localGovCheckDigit } from '../codes'
import { parseScenario } from '../scenario/validate'
import { compilePlan } from './expand'
import { planAllocate, planYearScenario } from './plan-allocate'

const codeFrom = (n: number) => {
  const five = String(14000 + n * 7).padStart(5, '0')
  return `${five}${localGovCheckDigit(five)}`
}

/** round half up of n/d for n, d > 0, in plain BigInt */
const halfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d)

interface GenCost {
  yen: number
  cents: number
  permille: number
  dollar: boolean
  amortize: number
  from: number
  rule: number
}

const planArb = fc
  .record({
    from: fc.integer({ min: 2024, max: 2030 }),
    length: fc.integer({ min: 1, max: 6 }),
    members: fc.array(
      fc.record({
        population: fc.integer({ min: 1, max: 2_000_000 }),
        permille: fc.integer({ min: -40, max: 20 }),
        joinsOffset: fc.integer({ min: 0, max: 5 }),
        stayYears: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
        standalone: fc.integer({ min: 0, max: 900_000_000 }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    costs: fc.array(
      fc.record({
        yen: fc.integer({ min: 0, max: 3_000_000_000 }),
        cents: fc.integer({ min: 0, max: 900_000_000 }),
        permille: fc.integer({ min: -30, max: 60 }),
        dollar: fc.boolean(),
        amortize: fc.integer({ min: 0, max: 5 }),
        from: fc.integer({ min: -2, max: 3 }),
        rule: fc.integer({ min: 0, max: 2 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    rateTenths: fc.array(fc.integer({ min: 1000, max: 1800 }), { minLength: 1, maxLength: 3 }),
  })
  .map((g) => {
    const to = g.from + g.length - 1
    const members = g.members.map((m, i) => ({
      code: codeFrom(i),
      name: `団体${i + 1}`,
      population: m.population,
      populationGrowth: m.permille / 1000,
      standaloneCost: m.standalone,
      // the first member stays the whole plan, so every year has a member
      ...(i > 0 && m.joinsOffset ? { joins: g.from + m.joinsOffset } : {}),
      ...(i > 0 && m.stayYears ? { leaves: g.from + (m.joinsOffset || 0) + m.stayYears } : {}),
    }))
    const rules = [{ equal: 1 }, { equal: 0.3, population: 0.7 }, { population: 1 }]
    const costs = g.costs.map((c, k) => ({
      id: `c${k}`,
      name: `費目${k}`,
      ...(c.dollar ? { currency: 'USD', amount: (c.cents / 100).toFixed(2) } : { amount: c.yen }),
      escalation: String(c.permille / 1000),
      from: g.from + c.from,
      ...(c.amortize ? { amortize: { years: c.amortize } } : {}),
      rule: rules[c.rule]!,
    }))
    const rates = Object.fromEntries(
      g.rateTenths.map((t, k) => [String(g.from + c0(k)), (t / 10).toFixed(1)]),
    )
    // rates from well before the earliest cost `from` so every dollar item has one
    rates[String(g.from - 2)] = '139'
    return {
      gen: g,
      plan: {
        version: 1,
        plan: { from: g.from, to },
        consortium: { name: '生成組合' },
        members,
        costs,
        exchangeRates: { USD: rates },
      },
    }
  })
const c0 = (k: number) => k * 2

/** Independent: the yen of a generated cost in year y (undefined when the item does not exist). */
function expectedYen(
  c: GenCost,
  from: number,
  to: number,
  y: number,
  rate: (y: number) => bigint,
): number | undefined {
  const start = from + c.from
  const end = c.amortize ? start + c.amortize - 1 : to
  if (y < start || y > end) return undefined
  const valueYear = c.amortize ? start : y
  const k = BigInt(valueYear - start)
  const num = BigInt(1000 + c.permille) ** k
  const den = 1000n ** k
  const whole = c.dollar
    ? halfUp(BigInt(c.cents) * num * rate(valueYear), den * 100n * 10n)
    : halfUp(BigInt(c.yen) * num, den)
  if (!c.amortize) return Number(whole)
  const n = BigInt(c.amortize)
  const j = BigInt(y - start)
  return Number((whole * (j + 1n)) / n - (whole * j) / n)
}

describe('plan properties', () => {
  it('plan --year Y piped to allocate equals year Y of plan; yen amounts match integer arithmetic', () => {
    fc.assert(
      fc.property(planArb, ({ gen, plan }) => {
        const result = planAllocate(plan)
        if (!result.ok) throw new Error(JSON.stringify(result.issues))
        const compiled = compilePlan(plan)
        if (!compiled.ok) throw new Error('compile')
        const to = gen.from + gen.length - 1
        const rateTenths = (y: number): bigint => {
          let best = 1390n
          gen.rateTenths.forEach((t, k) => {
            if (gen.from + c0(k) <= y) best = BigInt(t)
          })
          return best
        }
        for (const yearOut of result.value.output.years) {
          const y = yearOut.fiscalYear
          const expanded = planYearScenario(compiled.value, y)
          if (!expanded.ok) throw new Error(JSON.stringify(expanded.issues))
          // through JSON, as the pipe does
          const reread = parseScenario(JSON.parse(JSON.stringify(expanded.value.year.document)))
          if (!reread.ok) throw new Error(JSON.stringify(reread.issues))
          const alone = allocate(reread.value)
          if (!alone.ok) throw new Error(JSON.stringify(alone.issues))
          const { fiscalYear, ...rest } = yearOut
          expect(fiscalYear).toBe(y)
          expect(alone.value.output).toEqual(rest)
          // amounts
          gen.costs.forEach((c, k) => {
            const want = expectedYen(c, gen.from, to, y, rateTenths)
            const got = reread.value.costs.find((x) => x.id === `c${k}`)?.amount
            expect(got).toBe(want)
          })
        }
        // amortised one-offs inside the plan sum exactly to their amount
        gen.costs.forEach((c, k) => {
          const start = gen.from + c.from
          if (!c.amortize || start < gen.from || start + c.amortize - 1 > to) return
          const sum = result.value.output.years.reduce(
            (a, y) => a + (y.costs.find((x) => x.id === `c${k}`)?.amount ?? 0),
            0,
          )
          expect(sum).toBe(expectedYen({ ...c, amortize: 0 }, gen.from, start, start, rateTenths))
        })
        // member totals are the sums of their years
        for (const m of result.value.output.members)
          expect(m.total).toBe(Object.values(m.byYear).reduce((a, b) => a + b, 0))
      }),
      { numRuns: 60 },
    )
  })
})
