/**
 * Largest-remainder rounding (docs/formats/scenario.md, "Rounding"). Exact shares are N(i)/M with integer N(i).
 * q(i) = floor(s(i)/u)·u; R = A − Σq(i) is handed out one unit u at a time to the largest fractional parts
 * s(i)/u − floor(s(i)/u), ties by ascending code. When A is not a multiple of u, the yen left after the
 * whole units (fewer than u) go one yen at a time down the same order, continuing after the last participant
 * that received a unit and wrapping round (documented in docs/allocation.md).
 */
export interface RoundingInput {
  amount: bigint
  unit: bigint
  /** N(i), one per participant; the exact share is N(i)/denominator. */
  numerators: readonly bigint[]
  denominator: bigint
  codes: readonly string[]
}

export interface RoundingStep {
  /** floor(s(i)/u)·u */
  floor: bigint
  /** s(i)/u − floor(s(i)/u) as remainder / (denominator·u) */
  remainder: bigint
  /** 1-based position in the order of fractional parts (largest first, ties by code). */
  rank: number
  /** whole units u added (0 or 1) */
  unitsAdded: number
  /** sub-unit yen added (only when the amount is not a multiple of u) */
  yenAdded: bigint
  share: bigint
}

export interface RoundingOutcome {
  steps: RoundingStep[]
  /** R / u whole units handed out */
  unitsHandedOut: bigint
  /** yen left after whole units (0 when amount is a multiple of unit) */
  leftoverYen: bigint
}

export function largestRemainder(input: RoundingInput): RoundingOutcome {
  const { amount, unit, numerators, denominator, codes } = input
  const scaled = denominator * unit
  const n = numerators.length
  const floors = new Array<bigint>(n)
  const remainders = new Array<bigint>(n)
  let floorSum = 0n
  const byYen = unit === 1n // the common case: skip the multiplications by the unit
  for (let i = 0; i < n; i++) {
    const num = numerators[i]!
    const q = num / scaled // numerators are ≥ 0
    const floor = byYen ? q : q * unit
    floors[i] = floor
    remainders[i] = num - q * scaled
    floorSum += floor
  }
  // Sort on a 53-bit approximation of each remainder first: floor(r / 2^shift) is monotone in r, so
  // a larger approximation means a strictly larger remainder; only equal approximations need the exact
  // BigInt comparison, then ascending code.
  const shift = BigInt(Math.max(0, scaled.toString(2).length - 53))
  const approx = new Float64Array(n)
  for (let i = 0; i < n; i++) approx[i] = Number(remainders[i]! >> shift)
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => {
    const d = approx[b]! - approx[a]!
    if (d !== 0) return d
    const ra = remainders[a]!
    const rb = remainders[b]!
    if (ra !== rb) return ra > rb ? -1 : 1
    return codes[a]! < codes[b]! ? -1 : codes[a]! > codes[b]! ? 1 : 0
  })
  const rest = amount - floorSum
  const units = rest / unit
  const leftover = rest - units * unit
  const steps: RoundingStep[] = new Array(n)
  const rankOf = new Array<number>(n)
  order.forEach((idx, pos) => (rankOf[idx] = pos + 1))
  const yenAdded = new Array<bigint>(n).fill(0n)
  if (leftover > 0n && n > 0) {
    const base = leftover / BigInt(n)
    const extra = Number(leftover % BigInt(n))
    const start = Number(units % BigInt(n))
    for (let k = 0; k < n; k++) {
      const idx = order[(start + k) % n]!
      yenAdded[idx] = base + (k < extra ? 1n : 0n)
    }
  }
  for (let i = 0; i < n; i++) {
    const unitsAdded = rankOf[i]! <= units ? 1 : 0
    const share = floors[i]! + BigInt(unitsAdded) * unit + yenAdded[i]!
    steps[i] = {
      floor: floors[i]!,
      remainder: remainders[i]!,
      rank: rankOf[i]!,
      unitsAdded,
      yenAdded: yenAdded[i]!,
      share,
    }
  }
  return { steps, unitsHandedOut: units, leftoverYen: leftover }
}
