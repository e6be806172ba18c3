import { ZERO, add, rat, type Rational } from '../rational'
import type { TrafficSettings } from '../scenario/schema'

/** One requester × provider cell of the cross-query matrix (照会元 × 提供先). */
export interface TrafficPair {
  requester: string
  provider: string
  queries: number
  records: number
  bytes: number
}

/** What a set of 照会ログ files aggregates to (docs/formats/traffic-log.md). */
export interface TrafficAggregate {
  rows: number
  pairs: TrafficPair[]
}

const HALF = rat(1, 2)

/**
 * 利用実績割: each participant's traffic units for one cost item.
 * requester: rows it asked; provider: rows it answered; split: each end that is a participant carries half.
 * Ids that are not participants count toward nobody.
 */
export function trafficUnits(
  traffic: TrafficAggregate,
  settings: TrafficSettings,
  participants: ReadonlySet<string>,
): Map<string, Rational> {
  const units = new Map<string, Rational>()
  const credit = (code: string, amount: Rational) => {
    if (!participants.has(code)) return
    units.set(code, add(units.get(code) ?? ZERO, amount))
  }
  for (const p of traffic.pairs) {
    const n = settings.unit === 'records' ? p.records : p.queries
    if (n === 0) continue
    const whole = rat(n)
    if (settings.basis === 'requester') credit(p.requester, whole)
    else if (settings.basis === 'provider') credit(p.provider, whole)
    else {
      const half = rat(BigInt(n) * HALF.n, HALF.d)
      credit(p.requester, half)
      credit(p.provider, half)
    }
  }
  return units
}
