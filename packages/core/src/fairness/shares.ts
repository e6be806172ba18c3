/** Per-member exact values over one common denominator (value of member i = numerators[i] / denominator). */
import { lcm, rat, type Rational } from '../rational'
import { largestRemainder } from '../allocation/rounding'

export interface ExactShares {
  numerators: bigint[]
  denominator: bigint
}

export const zeroShares = (n: number): ExactShares => ({
  numerators: new Array<bigint>(n).fill(0n),
  denominator: 1n,
})

/** Σ of several share vectors, exactly. */
export function addShares(n: number, parts: readonly ExactShares[]): ExactShares {
  let denominator = 1n
  for (const p of parts) denominator = lcm(denominator, p.denominator)
  const numerators = new Array<bigint>(n).fill(0n)
  for (const p of parts) {
    const f = denominator / p.denominator
    for (let i = 0; i < n; i++) numerators[i]! += p.numerators[i]! * f
  }
  return { numerators, denominator }
}

export const shareOf = (s: ExactShares, i: number): Rational => rat(s.numerators[i]!, s.denominator)

export const sharesTotal = (s: ExactShares): Rational =>
  rat(
    s.numerators.reduce((a, b) => a + b, 0n),
    s.denominator,
  )

/** From rationals (one per member). */
export function sharesFrom(values: readonly Rational[]): ExactShares {
  let denominator = 1n
  for (const v of values) denominator = lcm(denominator, v.d)
  return { numerators: values.map((v) => v.n * (denominator / v.d)), denominator }
}

/**
 * Round exact shares to the yen with the scenario's largest-remainder rule (ties by ascending code). The
 * total handed out is Σ shares rounded half-up to the yen (c(N) when it is a whole number of yen).
 */
export function roundShares(
  s: ExactShares,
  codes: readonly string[],
): { amount: bigint; yen: bigint[] } {
  const sum = s.numerators.reduce((a, b) => a + b, 0n)
  const amount = (2n * sum + s.denominator) / (2n * s.denominator)
  const outcome = largestRemainder({
    amount,
    unit: 1n,
    numerators: s.numerators,
    denominator: s.denominator,
    codes,
  })
  return { amount, yen: outcome.steps.map((st) => st.share) }
}
