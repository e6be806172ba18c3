/** 照会元 × 提供先 の照会件数マトリクス: members by name, every other id grouped (e.g. 国の機関等). */
import type { TrafficAggregate } from '../allocation/traffic-driver'

export interface MatrixMember {
  code: string
  name: string
}

export interface CrossQueryMatrix {
  /** row and column labels: the members in order, then the group of other ids (when any traffic touches it) */
  labels: string[]
  /** cells[requester][provider] */
  cells: number[][]
  rowTotals: number[]
  columnTotals: number[]
  total: number
}

export const OTHERS_LABEL = '国の機関等'

export function crossQueryMatrix(
  traffic: TrafficAggregate,
  members: readonly MatrixMember[],
  unit: 'queries' | 'records' = 'queries',
  othersLabel = OTHERS_LABEL,
): CrossQueryMatrix {
  const index = new Map(members.map((m, i) => [m.code, i]))
  const others = members.length
  const size = members.length + 1
  const cells = Array.from({ length: size }, () => new Array<number>(size).fill(0))
  for (const p of traffic.pairs) {
    const r = index.get(p.requester) ?? others
    const c = index.get(p.provider) ?? others
    cells[r]![c]! += unit === 'records' ? p.records : p.queries
  }
  const hasOthers = cells[others]!.some((v) => v > 0) || cells.some((row) => row[others]! > 0)
  const n = hasOthers ? size : members.length
  const kept = cells.slice(0, n).map((row) => row.slice(0, n))
  const labels = [...members.map((m) => m.name), ...(hasOthers ? [othersLabel] : [])]
  const rowTotals = kept.map((row) => row.reduce((a, v) => a + v, 0))
  const columnTotals = labels.map((_, c) => kept.reduce((a, row) => a + row[c]!, 0))
  return {
    labels,
    cells: kept,
    rowTotals,
    columnTotals,
    total: rowTotals.reduce((a, v) => a + v, 0),
  }
}
