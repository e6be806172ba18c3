import type { CsvCell } from '../format/csv'
import type { Scenario } from '../scenario/schema'
import type { Allocation } from './allocate'

const targetText = (m: { meetsTarget?: boolean }) =>
  m.meetsTarget === undefined ? '' : m.meetsTarget ? '達成' : '未達'

/**
 * The members × cost items table with totals, for spreadsheets: the CLI's CSV and the web's CSV and
 * xlsx 負担金 sheet all write these rows.
 */
export function allocationRows(scenario: Scenario, allocation: Allocation): CsvCell[][] {
  const out = allocation.output
  const adjusted = out.members.some((m) => m.adjustments !== undefined)
  const rows: CsvCell[][] = [
    [
      '団体コード',
      '団体名',
      ...scenario.costs.map((c) => c.name),
      ...(adjusted ? ['調整額'] : []),
      '合計',
      '単独導入費用',
      '削減率',
      '目標達成',
    ],
  ]
  for (const m of out.members)
    rows.push([
      m.code,
      m.name,
      ...scenario.costs.map((c) => m.shares[c.id] ?? 0),
      ...(adjusted ? [m.adjustments ?? 0] : []),
      m.total,
      m.standaloneCost ?? null,
      m.savingsRate === undefined ? null : Number(m.savingsRate.toFixed(6)),
      targetText(m),
    ])
  rows.push([
    '',
    '合計',
    ...out.costs.map((c) => c.allocated),
    ...(adjusted ? [out.members.reduce((a, m) => a + (m.adjustments ?? 0), 0)] : []),
    out.total,
    out.members.reduce((a, m) => a + (m.standaloneCost ?? 0), 0),
    null,
    '',
  ])
  return rows
}
