/**
 * Yearly values of a plan (plan-format.md, "Expansion" 2–3): a scalar or an object of years, carried forward
 * from the latest earlier given year with a growth rate, exactly; rounded half up once, at the end.
 */
import { add, floorDiv, fromDecimal, ONE, type Rational } from '../rational'
import type { PlanDecimal, YearlyValue } from './schema'

/** The given years of a value, ascending; a scalar is the value of `firstYear`. */
export type GivenValues = ReadonlyArray<readonly [year: number, value: Rational]>

export function givenValues(value: YearlyValue, firstYear: number): GivenValues {
  if (typeof value !== 'object') return [[firstYear, fromDecimal(value)]]
  return Object.entries(value)
    .map(([year, v]) => [Number(year), fromDecimal(v)] as const)
    .sort((a, b) => a[0] - b[0])
}

/** (1 + g) as an exact rational; g defaults to 0. */
export const growthFactor = (g: PlanDecimal | undefined): Rational =>
  g === undefined ? ONE : add(ONE, fromDecimal(g))

/**
 * The exact value in year y: the one given for y, else the one given for the latest earlier year y0 times
 * factor^(y − y0). Undefined when y is before the first given year. The fraction is NOT reduced (powers are
 * taken on numerator and denominator separately, with no gcd): it is meant for rounding and multiplying.
 */
export function valueInYear(
  given: GivenValues,
  year: number,
  factor: Rational = ONE,
): Rational | undefined {
  let base: (typeof given)[number] | undefined
  for (const entry of given) {
    if (entry[0] > year) break
    base = entry
  }
  if (!base) return undefined
  const steps = year - base[0]
  if (steps === 0 || (factor.n === 1n && factor.d === 1n)) return base[1]
  const k = BigInt(steps)
  return { n: base[1].n * factor.n ** k, d: base[1].d * factor.d ** k }
}

/** a × b without reducing (for rounding right after). */
export const mulUnreduced = (a: Rational, b: Rational): Rational => ({ n: a.n * b.n, d: a.d * b.d })

/** Round half up to an integer: floor(x + ½). */
export const roundHalfUp = (x: Rational): bigint => floorDiv(2n * x.n + x.d, 2n * x.d)
