/** Renderings of a settlement (精算) for people: the Japanese table and the CSV with a BOM. */
import {
  formatFiscalYear,
  formatYen,
  formatYenDelta,
  renderTable,
  settlementCostColumns,
  settlementRows,
  toCsv,
  type Scenario,
  type Settlement,
} from '@warikan/core'

/** Cost names of both files (the actual's name wins where both have the item). */
export function costNames(budget: Scenario, actual: Scenario): Map<string, string> {
  const names = new Map(budget.costs.map((c) => [c.id, c.name]))
  for (const c of actual.costs) names.set(c.id, c.name)
  return names
}

export function settlementTable(
  consortium: string,
  settlement: Settlement,
  names: ReadonlyMap<string, string>,
): string {
  const header = ['団体コード', '団体名', '予算', '決算', '精算額']
  const rows = settlement.members.map((m) => [
    m.code,
    m.name,
    formatYen(m.budget),
    formatYen(m.actual),
    formatYenDelta(m.settlement),
  ])
  const t = settlement.total
  rows.push(['', '合計', formatYen(t.budget), formatYen(t.actual), formatYenDelta(t.settlement)])
  const align = header.map((_, i) => (i < 2 ? 'left' : 'right') as 'left' | 'right')
  const costHeader = ['費目ID', '費目', '予算', '決算', '精算額']
  const costRows = settlementCostColumns(settlement, names).map((c) => {
    let b = 0
    let a = 0
    for (const m of settlement.members) {
      b += m.costs[c.id]!.budget
      a += m.costs[c.id]!.actual
    }
    return [c.id, c.name, formatYen(b), formatYen(a), formatYenDelta(a - b)]
  })
  return (
    [
      `${consortium} ${formatFiscalYear(settlement.fiscalYear)} 精算（予算と決算）`,
      renderTable(header, rows, align),
      '',
      '費目別',
      renderTable(costHeader, costRows, align),
      '精算額 = 決算 − 予算（正: 追加で負担、負: 還付）。調整額（前年度までの精算額など）は含みません。',
    ].join('\n') + '\n'
  )
}

export const settlementCsv = (settlement: Settlement, names: ReadonlyMap<string, string>) =>
  toCsv(settlementRows(settlement, names), { bom: true })
