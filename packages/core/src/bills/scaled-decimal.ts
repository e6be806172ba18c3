/**
 * Exact decimals as a BigInt mantissa and a power-of-ten scale: value = m / 10^s. Bill amounts
 * (FOCUS `BilledCost`) and 出納 rates are decimals, so every sum and product stays a terminating decimal
 * and prints exactly. Turned into core rationals where rounding happens.
 */
import { floorDiv, rat, type Rational } from '../rational'

export interface ScaledDecimal {
  readonly m: bigint
  readonly s: number
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/
const POW10: bigint[] = []
export function pow10(k: number): bigint {
  if (k < 64) return (POW10[k] ??= 10n ** BigInt(k))
  return 10n ** BigInt(k)
}

/** A decimal number as text ("12.5", "-0.0032", "1.2E-3"); undefined when it is not one. */
export function parseDecimal(text: string): ScaledDecimal | undefined {
  const t = text.trim()
  const match = DECIMAL.exec(t)
  if (!match) return undefined
  const int = match[2] ?? ''
  const frac = match[3] ?? ''
  if (int === '' && frac === '') return undefined
  let m = BigInt(int + frac || '0')
  if (match[1] === '-') m = -m
  let s = frac.length - Number(match[4] ?? 0)
  if (s < 0) {
    m *= pow10(-s)
    s = 0
  }
  return { m, s }
}

export function addDecimal(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  if (a.s === b.s) return { m: a.m + b.m, s: a.s }
  if (a.s > b.s) return { m: a.m + b.m * pow10(a.s - b.s), s: a.s }
  return { m: a.m * pow10(b.s - a.s) + b.m, s: b.s }
}

export const mulDecimal = (a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal => ({
  m: a.m * b.m,
  s: a.s + b.s,
})

export const negDecimal = (a: ScaledDecimal): ScaledDecimal => ({ m: -a.m, s: a.s })

export const decimalToRational = (a: ScaledDecimal): Rational => rat(a.m, pow10(a.s))

/** 四捨五入 to the yen: floor(x + ½). */
export function roundHalfUp(a: ScaledDecimal): bigint {
  const d = pow10(a.s)
  return floorDiv(2n * a.m + d, 2n * d)
}

/** The exact text, trailing zeros after the point removed: "1234.5", "-0.25", "0". */
export function formatDecimal(a: ScaledDecimal): string {
  const neg = a.m < 0n
  let digits = (neg ? -a.m : a.m).toString()
  let s = a.s
  while (s > 0 && digits.length > 1 && digits.endsWith('0')) {
    digits = digits.slice(0, -1)
    s--
  }
  if (s > 0 && digits === '0') s = 0
  let body: string
  if (s === 0) body = digits
  else {
    digits = digits.padStart(s + 1, '0')
    body = `${digits.slice(0, -s)}.${digits.slice(-s)}`
  }
  return neg && body !== '0' ? `-${body}` : body
}
