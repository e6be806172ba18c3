/** Summing log rows into the cross-query matrix (照会元 × 提供先) and monthly totals (月別集計). */
import type { TrafficAggregate, TrafficPair } from '../allocation/traffic-driver'
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

export class TrafficAggregator {
  rows = 0
  private readonly byRequester = new Map<string, Map<string, Cell>>()
  private readonly byMonth = new Map<number, Cell>()

  add(requester: string, provider: string, records: number, bytes: number, month: number): void {
    this.rows++
    let inner = this.byRequester.get(requester)
    if (!inner) this.byRequester.set(requester, (inner = new Map()))
    const cell = inner.get(provider)
    if (cell) {
      cell.queries++
      cell.records += records
      cell.bytes += bytes
    } else inner.set(provider, { queries: 1, records, bytes })
    const m = this.byMonth.get(month)
    if (m) {
      m.queries++
      m.records += records
      m.bytes += bytes
    } else this.byMonth.set(month, { queries: 1, records, bytes })
  }

  private addCell(requester: string, provider: string, c: Cell): void {
    let inner = this.byRequester.get(requester)
    if (!inner) this.byRequester.set(requester, (inner = new Map()))
    const cell = inner.get(provider)
    if (cell) {
      cell.queries += c.queries
      cell.records += c.records
      cell.bytes += c.bytes
    } else inner.set(provider, { ...c })
  }

  merge(partial: TrafficPartial): void {
    this.rows += partial.rows
    for (const [r, p, queries, records, bytes] of partial.pairs)
      this.addCell(r, p, { queries, records, bytes })
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
    const pairs: TrafficPartial['pairs'] = []
    for (const [r, inner] of this.byRequester)
      for (const [p, c] of inner) pairs.push([r, p, c.queries, c.records, c.bytes])
    const months: TrafficPartial['months'] = []
    for (const [m, c] of this.byMonth) months.push([m, c.queries, c.records, c.bytes])
    return { rows: this.rows, pairs, months }
  }

  /** The aggregate of the spec: pairs sorted by requester, then provider (plain string order). */
  toAggregate(): TrafficAggregate {
    const pairs: TrafficPair[] = []
    for (const requester of [...this.byRequester.keys()].sort(compareCodeUnits)) {
      const inner = this.byRequester.get(requester)!
      for (const provider of [...inner.keys()].sort(compareCodeUnits)) {
        const c = inner.get(provider)!
        pairs.push({ requester, provider, queries: c.queries, records: c.records, bytes: c.bytes })
      }
    }
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
