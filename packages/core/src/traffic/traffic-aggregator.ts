/** Summing log rows into the cross-query matrix (照会元 × 提供先) and monthly totals (月別集計). */
import type { TrafficAggregate, TrafficPair } from '../allocation/traffic-driver'
import { InstitutionTable } from './institution-table'
import { monthKey } from './timestamp'

interface Cell {
  queries: number
  records: number
  bytes: number
}

/** One calendar month (JST) of traffic. */
export interface TrafficMonth {
  /** YYYY-MM */
  month: string
  queries: number
  records: number
  bytes: number
}

/** A plain-data form of an aggregator, cheap to send between threads and merge. */
export interface TrafficPartial {
  rows: number
  /** [requester, provider, queries, records, bytes] */
  pairs: Array<[string, string, number, number, number]>
  /** [year * 12 + month − 1, queries, records, bytes] */
  months: Array<[number, number, number, number]>
}

/** months (a century) summed in typed arrays around the first month seen */
const MONTH_WINDOW = 1200

/** Plain string order (code unit order), as the spec requires for `pairs`. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * Sums per (requester, provider) pair and per JST month. Institutions are interned as small integers
 * ({@link InstitutionTable}); pairs live in an open-addressing table keyed by the two ids, so a row costs a
 * few typed-array reads and writes.
 */
export class TrafficAggregator {
  rows = 0
  readonly institutions = new InstitutionTable()
  private keys = new Float64Array(1024).fill(-1)
  private queries = new Float64Array(1024)
  private recordSums = new Float64Array(1024)
  private byteSums = new Float64Array(1024)
  private used = 0
  private readonly byMonth = new Map<number, Cell>()
  // months near the first one seen are summed in typed arrays (queries, records, bytes per month), others in byMonth
  private monthBase = -1
  private readonly monthSums = new Float64Array(MONTH_WINDOW * 3)

  add(requester: string, provider: string, records: number, bytes: number, month: number): void {
    const t = this.institutions
    this.addIds(t.internString(requester), t.internString(provider), records, bytes, month)
  }

  /** One row by interned ids (see {@link institutions}). */
  addIds(requester: number, provider: number, records: number, bytes: number, month: number): void {
    this.rows++
    this.addPair(requester, provider, 1, records, bytes)
    if (this.monthBase < 0) this.monthBase = Math.max(0, month - MONTH_WINDOW / 2)
    const w = month - this.monthBase
    if (w >= 0 && w < MONTH_WINDOW) {
      const sums = this.monthSums
      const o = w * 3
      sums[o] = sums[o]! + 1
      sums[o + 1] = sums[o + 1]! + records
      sums[o + 2] = sums[o + 2]! + bytes
      return
    }
    let m = this.byMonth.get(month)
    if (!m) this.byMonth.set(month, (m = { queries: 0, records: 0, bytes: 0 }))
    m.queries++
    m.records += records
    m.bytes += bytes
  }

  /** Every month with rows: the typed-array window folded into byMonth (idempotent). */
  private monthCells(): Map<number, Cell> {
    const sums = this.monthSums
    for (let w = 0; w < MONTH_WINDOW; w++) {
      const o = w * 3
      if (sums[o] === 0) continue
      const month = this.monthBase + w
      const m = this.byMonth.get(month)
      if (m) {
        m.queries += sums[o]!
        m.records += sums[o + 1]!
        m.bytes += sums[o + 2]!
      } else
        this.byMonth.set(month, { queries: sums[o]!, records: sums[o + 1]!, bytes: sums[o + 2]! })
      sums[o] = sums[o + 1] = sums[o + 2] = 0
    }
    return this.byMonth
  }

  private addPair(r: number, p: number, queries: number, records: number, bytes: number): void {
    const key = r * 0x4000000 + p
    let keys = this.keys
    let mask = keys.length - 1
    let s = (Math.imul(r, 0x9e3779b1) ^ Math.imul(p, 0x85ebca6b)) & mask
    for (;;) {
      const k = keys[s]!
      if (k === key) break
      if (k === -1) {
        if ((this.used + 1) * 2 > keys.length) {
          this.grow()
          keys = this.keys
          mask = keys.length - 1
          s = (Math.imul(r, 0x9e3779b1) ^ Math.imul(p, 0x85ebca6b)) & mask
          continue
        }
        keys[s] = key
        this.used++
        break
      }
      s = (s + 1) & mask
    }
    this.queries[s] = this.queries[s]! + queries
    this.recordSums[s] = this.recordSums[s]! + records
    this.byteSums[s] = this.byteSums[s]! + bytes
  }

  private grow(): void {
    const { keys, queries, recordSums, byteSums } = this
    const n = keys.length * 2
    this.keys = new Float64Array(n).fill(-1)
    this.queries = new Float64Array(n)
    this.recordSums = new Float64Array(n)
    this.byteSums = new Float64Array(n)
    this.used = 0
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!
      if (k === -1) continue
      const r = Math.floor(k / 0x4000000)
      this.addPair(r, k - r * 0x4000000, queries[i]!, recordSums[i]!, byteSums[i]!)
    }
  }

  private *cells(): Generator<[string, string, number, number, number]> {
    const names = this.institutions.names
    const keys = this.keys
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!
      if (k === -1) continue
      const r = Math.floor(k / 0x4000000)
      yield [
        names[r]!,
        names[k - r * 0x4000000]!,
        this.queries[i]!,
        this.recordSums[i]!,
        this.byteSums[i]!,
      ]
    }
  }

  merge(partial: TrafficPartial): void {
    this.rows += partial.rows
    const t = this.institutions
    for (const [r, p, queries, records, bytes] of partial.pairs)
      this.addPair(t.internString(r), t.internString(p), queries, records, bytes)
    const byMonth = this.monthCells()
    for (const [month, queries, records, bytes] of partial.months) {
      const m = byMonth.get(month)
      if (m) {
        m.queries += queries
        m.records += records
        m.bytes += bytes
      } else byMonth.set(month, { queries, records, bytes })
    }
  }

  toPartial(): TrafficPartial {
    const pairs: TrafficPartial['pairs'] = [...this.cells()]
    const months: TrafficPartial['months'] = []
    for (const [m, c] of this.monthCells()) months.push([m, c.queries, c.records, c.bytes])
    return { rows: this.rows, pairs, months }
  }

  /** The aggregate of the spec: pairs sorted by requester, then provider (plain string order). */
  toAggregate(): TrafficAggregate {
    const pairs: TrafficPair[] = [...this.cells()].map(
      ([requester, provider, queries, records, bytes]) => ({
        requester,
        provider,
        queries,
        records,
        bytes,
      }),
    )
    pairs.sort(
      (a, b) =>
        compareCodeUnits(a.requester, b.requester) || compareCodeUnits(a.provider, b.provider),
    )
    return { rows: this.rows, pairs }
  }

  /** Monthly totals in calendar order. */
  months(): TrafficMonth[] {
    return [...this.monthCells().entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([m, c]) => ({ month: monthKey(m), ...c }))
  }
}
