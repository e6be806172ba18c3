/**
 * The rounding methods of ordinance-rules.md §1 other than largestRemainder: 切捨て (floor), 四捨五入 (halfUp),
 * 切上げ (ceil) and 単価方式 (unitPrice). Every participant but the adjuster (端数調整団体) pays its own rounded
 * figure; the adjuster pays the rest of the amount, which may be more or less than its own figure.
 */
import { rat, type Rational } from '../rational'
import type { RoundingMethod } from '../scenario/schema'
import type { DriverColumn } from './drivers'

export type AdjustedMethod = Exclude<RoundingMethod, 'largestRemainder'>

export interface AdjustedRoundingInput {
  method: AdjustedMethod
  amount: bigint
  unit: bigint
  /** exact share of participant i = numerators[i] / denominator */
  numerators: readonly bigint[]
  denominator: bigint
  codes: readonly string[]
  /** a participant's code, or "largestShare" */
  adjuster: string
  /** unitPrice: decimals kept in the unit price */
  priceDecimals: number
  /** unitPrice: the split's one driver */
  driver?: DriverColumn
}

export interface AdjustedRoundingOutcome {
  /** what each participant pays */
  shares: bigint[]
  /** each participant's own rounded figure (the adjuster's too, before it takes the rest) */
  rounded: bigint[]
  adjusterIndex: number
  /** the adjuster's share − its own rounded figure: the difference it absorbed */
  absorbed: bigint
  /** unitPrice: the unit price p (yen per driver unit) */
  unitPrice?: Rational
}

export type AdjustedRoundingResult =
  { ok: true; value: AdjustedRoundingOutcome } | { ok: false; adjusterCode: string; share: bigint }

/** The participant with the largest exact share, ties by ascending code. */
export function largestShareIndex(numerators: readonly bigint[], codes: readonly string[]): number {
  let best = 0
  for (let i = 1; i < numerators.length; i++) {
    const a = numerators[i]!
    const b = numerators[best]!
    if (a > b || (a === b && codes[i]! < codes[best]!)) best = i
  }
  return best
}

export function adjustedRounding(input: AdjustedRoundingInput): AdjustedRoundingResult {
  const { method, amount, unit, numerators, denominator, codes } = input
  const n = numerators.length
  const adjusterIndex =
    input.adjuster === 'largestShare'
      ? largestShareIndex(numerators, codes)
      : codes.indexOf(input.adjuster)
  const rounded = new Array<bigint>(n)
  let unitPrice: Rational | undefined
  if (method === 'unitPrice') {
    const driver = input.driver!
    const scale = 10n ** BigInt(input.priceDecimals)
    // p = floor(A·10^k / D) / 10^k with D = Σ d(i) = total.n / total.d
    const priceScaled = (amount * scale * driver.total.d) / driver.total.n
    unitPrice = rat(priceScaled, scale)
    for (let i = 0; i < n; i++) {
      const v = driver.values[i]!
      rounded[i] = ((priceScaled * v.n) / (scale * v.d * unit)) * unit
    }
  } else {
    const scaled = denominator * unit
    for (let i = 0; i < n; i++) {
      const num = numerators[i]!
      const q =
        method === 'floor'
          ? num / scaled
          : method === 'ceil'
            ? (num + scaled - 1n) / scaled
            : (2n * num + scaled) / (2n * scaled)
      rounded[i] = q * unit
    }
  }
  let others = 0n
  for (let i = 0; i < n; i++) if (i !== adjusterIndex) others += rounded[i]!
  const shares = rounded.slice()
  const adjusterShare = amount - others
  if (adjusterShare < 0n)
    return { ok: false, adjusterCode: codes[adjusterIndex]!, share: adjusterShare }
  shares[adjusterIndex] = adjusterShare
  return {
    ok: true,
    value: {
      shares,
      rounded,
      adjusterIndex,
      absorbed: adjusterShare - rounded[adjusterIndex]!,
      ...(unitPrice === undefined ? {} : { unitPrice }),
    },
  }
}
