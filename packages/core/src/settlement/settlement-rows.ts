import type { CsvCell } from '../format/csv'
import type { Settlement } from './settle'

/** Cost ids of a settlement in column order, with the names to show (a cost id when no name is known). */
export function settlementCostColumns(
  settlement: Settlement,
  names: ReadonlyMap<string, string>,
): Array<{ id: string; name: string }> {
  const first = settlement.members[0]
  return Object.keys(first?.costs ?? {}).map((id) => ({ id, name: names.get(id) ?? id }))
}

/**
 * The 精算 table for spreadsheets (the CLI's CSV, the web's export): per member 予算, 決算, 精算額, then the
 * same three for every cost item, and a total row.
 */
export function settlementRows(
  settlement: Settlement,
  names: ReadonlyMap<string, string>,
): CsvCell[][] {
  const costs = settlementCostColumns(settlement, names)
  const header: CsvCell[] = ['団体コード', '団体名', '予算', '決算', '精算額']
  for (const c of costs)
    header.push(`${c.name}（予算）`, `${c.name}（決算）`, `${c.name}（精算額）`)
  const rows: CsvCell[][] = [header]
  for (const m of settlement.members) {
    const row: CsvCell[] = [m.code, m.name, m.budget, m.actual, m.settlement]
    for (const c of costs) {
      const x = m.costs[c.id]!
      row.push(x.budget, x.actual, x.settlement)
    }
    rows.push(row)
  }
  const total: CsvCell[] = [
    '',
    '合計',
    settlement.total.budget,
    settlement.total.actual,
    settlement.total.settlement,
  ]
  for (const c of costs) {
    let b = 0
    let a = 0
    for (const m of settlement.members) {
      b += m.costs[c.id]!.budget
      a += m.costs[c.id]!.actual
    }
    total.push(b, a, a - b)
  }
  rows.push(total)
  return rows
}
