import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BillAggregator } from './bill-aggregator'
import { members, row, testMap } from './bill-test-helpers'
import type { BillRow } from './focus-columns'
import { decimalToRational, parseDecimal } from './scaled-decimal'
import { cmp, mul, rat, sub, sum, type Rational } from '../rational'

const rates = { USD: parseDecimal('149.8')! }

/** Non-negative charges; credits come from a second list and are kept smaller than each cost's charges. */
const rowArb = fc.record({
  cents: fc.integer({ min: 0, max: 2_000_000 }),
  decimals: fc.integer({ min: 0, max: 6 }),
  cost: fc.constantFrom('cloud', 'backup'),
  member: fc.constantFrom(undefined, '143014', '143219'),
  viaAccount: fc.boolean(),
})

function makeRow(
  s: {
    cents: number
    decimals: number
    cost: string
    member: string | undefined
    viaAccount: boolean
  },
  negative = false,
): BillRow {
  const text = (negative ? '-' : '') + (s.cents / 10 ** s.decimals).toFixed(s.decimals)
  const tags: Record<string, string> = { 'warikan:cost': s.cost }
  if (s.member && !(s.viaAccount && s.member === '143219')) tags['warikan:member'] = s.member
  return row(text, 'USD', {
    tags,
    subAccountId: s.member === '143219' && s.viaAccount ? '111122223333' : '',
  })
}

function finish(rows: BillRow[]) {
  const agg = new BillAggregator(testMap, { rates, members })
  agg.beginFile('gen.csv')
  rows.forEach((r, i) => {
    const p = agg.addRow(r, i + 2)
    if (p) throw new Error(p.message)
  })
  const result = agg.finish()
  if (!result.ok) throw new Error(result.problem.message)
  return result.value
}

describe('BillAggregator properties', () => {
  it('Σ items = Σ rows × rate within ½ yen per group; row order changes nothing', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (specs, seed) => {
          const rows = specs.map((s) => makeRow(s))
          // one credit per group, half of the group's first charge: totals stay ≥ 0
          const credits = specs
            .filter(
              (s, i) => specs.findIndex((t) => t.cost === s.cost && t.member === s.member) === i,
            )
            .map((s) => makeRow({ ...s, cents: Math.floor(s.cents / 2) }, true))
          const all = [...rows, ...credits]
          const out = finish(all)
          const exact: Rational = sum(
            all.map((r) =>
              mul(decimalToRational(parseDecimal(r.billedCost)!), decimalToRational(rates.USD)),
            ),
          )
          const items = out.costs.reduce((a, c) => a + c.amount, 0)
          const diff = sub(rat(items), exact)
          const bound = rat(out.costs.length, 2)
          expect(cmp(diff.n < 0n ? rat(-diff.n, diff.d) : diff, bound)).toBeLessThanOrEqual(0)
          for (const item of out.reconciliation.items) {
            const r = sub(rat(item.amount), decimalToRational(parseDecimal(item.exactYen)!))
            // half up: amount − exact lies in (−½, ½]
            expect(cmp(r, rat(-1, 2))).toBeGreaterThan(0)
            expect(cmp(r, rat(1, 2))).toBeLessThanOrEqual(0)
          }
          // a shuffle (Fisher–Yates from the seed)
          const shuffled = [...all]
          let x = seed
          for (let i = shuffled.length - 1; i > 0; i--) {
            x = (x * 1103515245 + 12345) % 2147483648
            const j = x % (i + 1)
            ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
          }
          const again = finish(shuffled)
          expect(again.costs).toEqual(out.costs)
          expect(again.reconciliation.items).toEqual(out.reconciliation.items)
          expect(again.reconciliation.check).toEqual(out.reconciliation.check)
        },
      ),
      { numRuns: 200 },
    )
  })
})
