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
  private lastMonth = -1
  private lastCell: Cell | undefined

  add(requester: string, provider: string, records: number, bytes: number, month: number): void {
    const t = this.institutions
    this.addIds(t.internString(requester), t.internString(provider), records, bytes, month)
  }

  /** One row by interned ids (see {@link institutions}). */
  addIds(requester: number, provider: number, records: number, bytes: number, month: number): void {
    this.rows++
    this.addPair(requester, provider, 1, records, bytes)
    let m = this.lastCell
    if (month !== this.lastMonth || !m) {
      m = this.byMonth.get(month)
      if (!m) this.byMonth.set(month, (m = { queries: 0, records: 0, bytes: 0 }))
      this.lastMonth = month
      this.lastCell = m
    }
    m.queries++
    m.records += records
    m.bytes += bytes
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
    for (const [month, queries, records, bytes] of partial.months) {
      const m = this.byMonth.get(month)
      if (m) {
        m.queries += queries
        m.records += records
        m.bytes += bytes
      } else this.byMonth.set(month, { queries, records, bytes })
    }
  }

  toPartial(): TrafficPartial {
    const pairs: TrafficPartial['pairs'] = [...this.cells()]
    const months: TrafficPartial['months'] = []
    for (const [m, c] of this.byMonth) months.push([m, c.queries, c.records, c.bytes])
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
    return [...this.byMonth.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([m, c]) => ({ month: monthKey(m), ...c }))
  }
}

/** Sums aggregates (several files) into one, pairs re-sorted. */
export function mergeAggregates(list: readonly TrafficAggregate[]): TrafficAggregate {
  const agg = new TrafficAggregator()
  for (const a of list)
    agg.merge({
      rows: a.rows,
      pairs: a.pairs.map((p) => [p.requester, p.provider, p.queries, p.records, p.bytes]),
      months: [],
    })
  return agg.toAggregate()
}
