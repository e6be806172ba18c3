/**
 * Properties of the 規約 conventions over generated scenarios (fast-check): every item's shares sum to its net
 * amount, no share is negative, member order changes nothing, and largestRemainder with none of the new fields
 * equals a plain reference implementation of scenario-format.md written with the core's rationals.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { localGovCheckDigit } from '../codes'
import { add, fromDecimal, mul, rat, sum, type Rational } from '../rational'
import { parseScenario, type Scenario } from '../scenario/index'
import { allocate } from './allocate'

const codeFrom = (n: number) => {
  const five = String(10000 + n).padStart(5, '0')
  return `${five}${localGovCheckDigit(five)}`
}

const UNITS = [1, 10, 100, 1000, 10000] as const

/** Two exact decimal weights (multiples of 0.05) summing to 1. */
const pairArb = fc.integer({ min: 0, max: 20 }).map((k) => [k / 20, (20 - k) / 20] as const)

const baseArb = fc.record({
  populations: fc.array(fc.integer({ min: 1, max: 3_000_000 }), { minLength: 2, maxLength: 10 }),
  terminals: fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 10, maxLength: 10 }),
})

const itemArb = fc.record({
  amount: fc.integer({ min: 0, max: 5_000_000_000 }),
  weights: pairArb,
  unit: fc.constantFrom(...UNITS),
  method: fc.constantFrom('largestRemainder', 'floor', 'halfUp', 'ceil', 'unitPrice'),
  adjusterLargest: fc.boolean(),
  shape: fc.constantFrom('rule', 'perPart', 'parts'),
  hostWeight: fc.integer({ min: 0, max: 20 }),
  partMethod: fc.constantFrom(undefined, 'largestRemainder', 'floor'),
  deduction: fc.integer({ min: 0, max: 100 }),
})

const ordinanceArb = fc
  .tuple(baseArb, fc.array(itemArb, { minLength: 1, maxLength: 5 }))
  .map(([{ populations, terminals }, items]) => {
    const members = populations.map((population, i) => ({
      code: codeFrom(i * 7 + 3),
      name: `町${i}`,
      population,
      metrics: { terminals: terminals[i]! },
    }))
    const codes = members.map((m) => m.code)
    const costs = items.map((c, k) => {
      const [e, p] = c.weights
      const deductions = [
        { name: '国庫補助金', amount: Math.floor((c.amount * c.deduction) / 100) },
      ]
      const head = { id: `c${k}`, name: `費目${k}`, amount: c.amount, deductions }
      // the host is the last member; the adjuster is named (the host) or the largest share
      const adjuster = c.adjusterLargest ? 'largestShare' : codes.at(-1)!
      if (c.shape === 'parts') {
        const rest = codes.slice(0, -1)
        return {
          ...head,
          rounding: { unit: c.unit },
          parts: [
            {
              name: '所在団体割',
              weight: c.hostWeight / 20,
              members: [codes.at(-1)!],
              rule: { equal: 1 },
              ...(c.partMethod === 'floor'
                ? { rounding: { method: 'floor' as const, adjuster: 'largestShare' } }
                : {}),
            },
            {
              name: '人口割',
              weight: (20 - c.hostWeight) / 20,
              members: rest,
              rule: { population: 1 },
              rounding: {
                method: c.partMethod ?? 'largestRemainder',
                adjuster: 'largestShare',
              },
            },
          ],
        }
      }
      const mixed = c.shape === 'perPart' || c.method !== 'unitPrice'
      return {
        ...head,
        rule: mixed ? { equal: e, metric: { name: 'terminals', weight: p } } : { population: 1 },
        rounding: {
          unit: c.unit,
          method: c.method,
          adjuster,
          ...(c.shape === 'perPart' ? { perPart: true } : {}),
        },
      }
    })
    return {
      version: 1 as const,
      consortium: { name: 'prop', fiscalYear: 2026 },
      members,
      costs,
    }
  })

/** Allocation, or undefined when only an adjuster would pay less than 0 (halfUp / ceil can do that). */
function tryAllocate(doc: unknown) {
  const parsed = parseScenario(doc)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  const r = allocate(parsed.value)
  if (!r.ok) {
    if (r.issues.every((i) => i.message.includes('adjuster would pay less than 0')))
      return undefined
    throw new Error(JSON.stringify(r.issues))
  }
  return { scenario: parsed.value as Scenario, out: r.value.output }
}

const byCode = (out: NonNullable<ReturnType<typeof tryAllocate>>['out']) =>
  Object.fromEntries(out.members.map((m) => [m.code, m.shares]))

describe('ordinance conventions: properties', () => {
  it('every item’s shares sum to its net amount and none is negative', () => {
    fc.assert(
      fc.property(ordinanceArb, (doc) => {
        const result = tryAllocate(doc)
        fc.pre(result !== undefined)
        const { scenario, out } = result!
        scenario.costs.forEach((cost, k) => {
          const net = cost.amount - (cost.deductions ?? []).reduce((a, d) => a + d.amount, 0)
          expect(out.costs[k]!.allocated).toBe(net)
          expect(out.costs[k]!.deductions).toBe(cost.amount - net)
          const shares = out.members.map((m) => m.shares[cost.id]!)
          expect(shares.reduce((a, b) => a + b, 0)).toBe(net)
          for (const s of shares) expect(s).toBeGreaterThanOrEqual(0)
        })
      }),
      { numRuns: 200 },
    )
  })

  it('floor and unitPrice never make the adjuster pay less than 0', () => {
    fc.assert(
      fc.property(ordinanceArb, (doc) => {
        const safe = {
          ...doc,
          costs: doc.costs.map((c) =>
            'rule' in c && (c.rounding.method === 'halfUp' || c.rounding.method === 'ceil')
              ? { ...c, rounding: { ...c.rounding, method: 'floor' } }
              : c,
          ),
        }
        expect(tryAllocate(safe)).toBeDefined()
      }),
      { numRuns: 100 },
    )
  })

  it('member order does not change any member’s share', () => {
    fc.assert(
      fc.property(
        ordinanceArb,
        fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        (doc, rnd) => {
          const members = [...doc.members]
          for (let i = members.length - 1; i > 0; i--) {
            const j = Math.floor(rnd.next().value * (i + 1))
            ;[members[i], members[j]] = [members[j]!, members[i]!]
          }
          const a = tryAllocate(doc)
          const b = tryAllocate({ ...doc, members })
          expect(b === undefined).toBe(a === undefined)
          if (a && b) expect(byCode(b.out)).toEqual(byCode(a.out))
        },
      ),
      { numRuns: 100 },
    )
  })
})

/**
 * scenario-format.md rounding, written the obvious way on rationals: exact shares, floors to the unit,
 * whole units to the largest fractional parts (ties by ascending code), then the yen below one unit one at a
 * time down the same order, from right after the last participant that got a unit, wrapping round.
 */
function referenceShares(
  amount: number,
  unit: number,
  codes: string[],
  values: Rational[][],
  weights: Rational[],
): number[] {
  const A = rat(amount)
  const totals = values.map((col) => sum(col))
  const exact = codes.map((_, i) =>
    weights.reduce(
      (acc, w, k) =>
        acc.n === 0n && w.n === 0n
          ? acc
          : add(acc, mul(mul(A, w), mul(values[k]![i]!, rat(totals[k]!.d, totals[k]!.n)))),
      rat(0),
    ),
  )
  const u = BigInt(unit)
  const q = exact.map((s) => (s.n / (s.d * u)) * u)
  const frac = exact.map((s) => rat(s.n - (s.n / (s.d * u)) * s.d * u, s.d * u))
  const order = codes
    .map((code, i) => ({ code, i }))
    .sort((a, b) => {
      const l = frac[a.i]!.n * frac[b.i]!.d
      const r = frac[b.i]!.n * frac[a.i]!.d
      return l !== r ? (l > r ? -1 : 1) : a.code < b.code ? -1 : 1
    })
  const shares = [...q]
  let rest = BigInt(amount) - q.reduce((a, b) => a + b, 0n)
  let k = 0
  while (rest >= u) {
    shares[order[k]!.i]! += u
    rest -= u
    k++
  }
  let at = k % order.length
  while (rest > 0n) {
    shares[order[at]!.i]! += 1n
    rest -= 1n
    at = (at + 1) % order.length
  }
  return shares.map(Number)
}

describe('largestRemainder with none of the new fields is today’s rounding', () => {
  const plainArb = fc
    .tuple(
      baseArb,
      fc.array(
        fc.record({
          amount: fc.integer({ min: 0, max: 5_000_000_000 }),
          weights: pairArb,
          subsetMask: fc.nat(1023),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      fc.constantFrom(...UNITS),
    )
    .map(([{ populations, terminals }, items, unit]) => ({
      version: 1 as const,
      consortium: { name: 'prop', fiscalYear: 2026 },
      members: populations.map((population, i) => ({
        code: codeFrom(i * 7 + 3),
        name: `町${i}`,
        population,
        metrics: { terminals: terminals[i]! },
      })),
      rounding: { unit },
      items,
    }))

  it('equals the reference on generated scenarios (units 1 to 10000, subsets)', () => {
    fc.assert(
      fc.property(plainArb, ({ items, ...base }) => {
        const doc = {
          ...base,
          costs: items.map((c, k) => {
            const subset = base.members.filter((_, i) => c.subsetMask & (1 << i)).map((m) => m.code)
            return {
              id: `c${k}`,
              name: `費目${k}`,
              amount: c.amount,
              ...(subset.length ? { members: subset } : {}),
              rule: { equal: c.weights[0], population: c.weights[1] },
            }
          }),
        }
        const result = tryAllocate(doc)!
        doc.costs.forEach((c) => {
          const participants = base.members.filter((m) => !c.members || c.members.includes(m.code))
          const expected = referenceShares(
            c.amount,
            base.rounding.unit,
            participants.map((m) => m.code),
            [participants.map(() => rat(1)), participants.map((m) => rat(m.population))],
            [fromDecimal(c.rule.equal), fromDecimal(c.rule.population)],
          )
          const got = participants.map(
            (m) => result.out.members.find((x) => x.code === m.code)!.shares[c.id]!,
          )
          expect(got).toEqual(expected)
        })
        // an explicit largestRemainder (an adjuster is ignored by it) gives the same yen
        const explicit = tryAllocate({
          ...doc,
          rounding: { ...doc.rounding, method: 'largestRemainder', adjuster: 'largestShare' },
        })!
        expect(explicit.out).toEqual(result.out)
      }),
      { numRuns: 150 },
    )
  })
})
