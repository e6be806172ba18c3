/**
 * Load of one unit (a member's use of one 業務) over the 24 h × 12 month grid, in micro-servers.
 *
 * users(m, h) = hourly[h] × monthly[m] × population / 10,000
 * demand(m, h) = round(users(m, h) / capacity × 1,000,000)   — an integer number of 1/1,000,000 servers
 *
 * Rounding each unit once to an integer makes every later sum exact (all sums stay safe integers, checked
 * in schema.ts), so a group's load does not depend on summation order and the sizing invariant
 * (pattern 3 ≤ patterns 1, 2) holds exactly, not up to floating-point noise.
 */
import type { Service } from './schema'

export const HOURS = 24
export const MONTHS = 12
export const SLOTS = HOURS * MONTHS
/** micro-servers per server */
export const MICRO = 1_000_000

/** slot index → month 1–12 and hour 0–23 (slots run 1月 0時, 1月 1時, …, 12月 23時) */
export const slotMonth = (slot: number): number => Math.floor(slot / HOURS) + 1
export const slotHour = (slot: number): number => slot % HOURS

/** Per-service factors: demand of a unit at slot t = round(population × base[t]). */
export function serviceBase(service: Service): Float64Array {
  const base = new Float64Array(SLOTS)
  const scale = MICRO / 10_000 / service.effectiveCapacity
  for (let m = 0; m < MONTHS; m++) {
    const f = service.monthly[m]! * scale
    for (let h = 0; h < HOURS; h++) base[m * HOURS + h] = service.hourly[h]! * f
  }
  return base
}

/** servers = ceil(peak / MICRO), in exact integer arithmetic. */
export function serversForPeak(peakMicro: number): number {
  let q = Math.ceil(peakMicro / MICRO)
  while (q > 0 && (q - 1) * MICRO >= peakMicro) q--
  while (q * MICRO < peakMicro) q++
  return q
}
