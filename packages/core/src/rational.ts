/**
 * Exact rational numbers on BigInt. Scenario weights, shares and fractions are read into these, never
 * accumulated as floats. Values are kept reduced with a positive denominator.
 */
export interface Rational {
  readonly n: bigint
  readonly d: bigint
}

export const ZERO: Rational = { n: 0n, d: 1n }
export const ONE: Rational = { n: 1n, d: 1n }

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a
  if (b < 0n) b = -b
  while (b !== 0n) [a, b] = [b, a % b]
  return a
}

export function lcm(a: bigint, b: bigint): bigint {
  return a === 0n || b === 0n ? 0n : (a / gcd(a, b)) * b
}

export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = BigInt(n)
  let dd = BigInt(d)
  if (dd === 1n) return { n: nn, d: 1n }
  if (dd === 0n) throw new RangeError('denominator 0')
  if (dd < 0n) {
    nn = -nn
    dd = -dd
  }
  const g = gcd(nn, dd)
  return g > 1n ? { n: nn / g, d: dd / g } : { n: nn, d: dd }
}

export const add = (a: Rational, b: Rational): Rational => rat(a.n * b.d + b.n * a.d, a.d * b.d)
export const sub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d)
export const mul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d)
export const div = (a: Rational, b: Rational): Rational => rat(a.n * b.d, a.d * b.n)
export const cmp = (a: Rational, b: Rational): number => {
  const l = a.n * b.d
  const r = b.n * a.d
  return l < r ? -1 : l > r ? 1 : 0
}
export const eq = (a: Rational, b: Rational): boolean => a.n === b.n && a.d === b.d

/** Floor division for BigInt (rounds toward −∞). */
export function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q
}

export function sum(values: Iterable<Rational>): Rational {
  let acc = ZERO
  for (const v of values) acc = add(acc, v)
  return acc
}

/**
 * A decimal number as written in a JSON file, read exactly: 0.1 is 1/10, 0.585 is 117/200.
 * Uses the shortest round-trip representation, which is what the file said for any decimal with ≤ 15
 * significant digits. Strings "a/b" and decimal strings are accepted too.
 */
export function fromDecimal(value: number | string): Rational {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return { n: BigInt(value), d: 1n }
  const text = typeof value === 'number' ? numberToDecimalString(value) : value.trim()
  const fractionMatch = /^(-?\d+)\s*\/\s*(\d+)$/.exec(text)
  if (fractionMatch) return rat(BigInt(fractionMatch[1]!), BigInt(fractionMatch[2]!))
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)
  if (!m || (m[2] === '' && (m[3] ?? '') === ''))
    throw new RangeError(`not a decimal number: ${text}`)
  const digits = BigInt(`${m[2] || '0'}${m[3] ?? ''}`)
  const exp = Number(m[4] ?? 0) - (m[3]?.length ?? 0)
  const sign = m[1] === '-' ? -1n : 1n
  return exp >= 0
    ? rat(sign * digits * 10n ** BigInt(exp))
    : rat(sign * digits, 10n ** BigInt(-exp))
}

function numberToDecimalString(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`)
  return String(x)
}

/** The exact value of an IEEE-754 double (every finite double is a dyadic rational). */
export function fromDouble(x: number): Rational {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`)
  if (x === 0) return ZERO
  const buf = new DataView(new ArrayBuffer(8))
  buf.setFloat64(0, x)
  const hi = buf.getUint32(0)
  const lo = buf.getUint32(4)
  const sign = hi >>> 31 ? -1n : 1n
  const exponentBits = (hi >>> 20) & 0x7ff
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo)
  let exponent: number
  if (exponentBits === 0) {
    exponent = -1074
  } else {
    mantissa |= 1n << 52n
    exponent = exponentBits - 1075
  }
  if (exponent >= 0) return { n: sign * mantissa * (1n << BigInt(exponent)), d: 1n }
  // reduce by the power of two shared with the mantissa (the denominator is a power of two)
  let shift = -exponent
  while (shift > 0 && (mantissa & 1n) === 0n) {
    mantissa >>= 1n
    shift--
  }
  return { n: sign * mantissa, d: 1n << BigInt(shift) }
}

export function toNumber(a: Rational): number {
  // Split into integer and fractional part so large numerators keep their precision.
  const q = floorDiv(a.n, a.d)
  const r = a.n - q * a.d
  return Number(q) + Number((r * 10n ** 17n) / a.d) / 1e17
}

export function toFractionString(a: Rational): string {
  return a.d === 1n ? a.n.toString() : `${a.n}/${a.d}`
}

/** Decimal expansion truncated to `places` digits, with "…" when it does not terminate there. */
export function toDecimalString(a: Rational, places = 6): string {
  const neg = a.n < 0n
  const n = neg ? -a.n : a.n
  const int = n / a.d
  let rem = n % a.d
  let frac = ''
  for (let i = 0; i < places && rem !== 0n; i++) {
    rem *= 10n
    frac += (rem / a.d).toString()
    rem %= a.d
  }
  const body = frac ? `${int}.${frac}${rem !== 0n ? '…' : ''}` : int.toString()
  return neg ? `-${body}` : body
}
