/** Money is an integer number of yen, checked at the boundary. */
export type Yen = number & { readonly __brand: 'Yen' }

export function yen(value: number | bigint): Yen {
  const n = typeof value === 'bigint' ? Number(value) : value
  if (!Number.isSafeInteger(n))
    throw new RangeError(`not a safe integer amount of yen: ${String(value)}`)
  return n as Yen
}

export const isYen = (value: unknown): value is Yen =>
  typeof value === 'number' && Number.isSafeInteger(value)
