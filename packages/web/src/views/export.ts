/**
 * 議会資料 exports: an xlsx workbook (負担金 members × cost items with totals, 按分ルール, 内訳) and a CSV.
 * exceljs is loaded lazily (dynamic import) so it stays out of the first page load.
 * Text is written as string cells (never formulas), so a name like `=1+1` stays text; the CSV goes through
 * the core's `toCsv` formula guard.
 */
import {
  allocationRows,
  explainMember,
  formatFiscalYear,
  toCsv,
  type Allocation,
  type CsvCell,
  type Scenario,
} from '@warikan/core'
import { download } from './dom'

export const fileBase = (scenario: Scenario) =>
  `負担金按分_${scenario.consortium.name}_${formatFiscalYear(scenario.consortium.fiscalYear)}`.replace(
    /[\\/:*?"<>|]/g,
    '_',
  )

export function exportCsv(scenario: Scenario, allocation: Allocation): string {
  const csv = toCsv(allocationRows(scenario, allocation), { bom: true })
  download(`${fileBase(scenario)}.csv`, csv, 'text/csv;charset=utf-8')
  return csv
}

function ruleRows(scenario: Scenario, allocation: Allocation): CsvCell[][] {
  const names = new Map(scenario.members.map((m) => [m.code, m.name]))
  const rows: CsvCell[][] = [
    ['費目ID', '費目名', '金額', '参加団体', '按分方法', '利用実績の数え方'],
  ]
  for (const w of allocation.workings) {
    const c = w.cost
    rows.push([
      c.id,
      c.name,
      c.amount,
      c.members
        ? c.members.map((code) => names.get(code) ?? code).join('、')
        : `全団体（${scenario.members.length}）`,
      describe(w),
      c.rule?.traffic === undefined
        ? ''
        : `${c.traffic?.basis ?? 'split'} / ${c.traffic?.unit ?? 'queries'}`,
    ])
  }
  return rows
}

const describe = (w: Allocation['workings'][number]) =>
  w.columns
    .map((c) =>
      c.key === 'fixed'
        ? c.label
        : `${c.label}${c.detail ? `(${c.detail})` : ''} ${c.weight.n}/${c.weight.d}`,
    )
    .join(' + ')

function explanationRows(scenario: Scenario, allocation: Allocation): CsvCell[][] {
  const rows: CsvCell[][] = [
    [
      '団体コード',
      '団体名',
      '費目',
      '按分方法',
      '厳密な負担額',
      '切り捨て額',
      '端数順位',
      '加算額',
      '負担金',
      '説明',
    ],
  ]
  for (const m of scenario.members)
    for (const e of explainMember(allocation, m.code)) {
      if (!e.participant) continue
      rows.push([
        m.code,
        m.name,
        e.costName,
        e.rule,
        e.exactShare,
        e.floor,
        e.rank,
        e.share - e.floor,
        e.share,
        e.reason,
      ])
    }
  return rows
}

/** Build the workbook and download it. Returns the bytes (the browser test reads them back). */
export async function exportXlsx(scenario: Scenario, allocation: Allocation): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '割り勘 (Warikan)'
  wb.created = new Date()
  const title = `${scenario.consortium.name} ${formatFiscalYear(scenario.consortium.fiscalYear)} 負担金按分`
  const sheet = (name: string, rows: CsvCell[][], widths: number[], yenFrom = -1, yenTo = -1) => {
    const ws = wb.addWorksheet(name, {
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true },
    })
    ws.addRow([title]).font = { bold: true, size: 14 }
    rows.forEach((r, i) => {
      const row = ws.addRow([])
      r.forEach((v, j) => {
        const cell = row.getCell(j + 1)
        // Strings are always string cells: exceljs writes a formula only for {formula}, never for text.
        cell.value = v === undefined ? null : typeof v === 'boolean' ? String(v) : v
        if (typeof v === 'number' && j >= yenFrom && j <= yenTo && i > 0) cell.numFmt = '"¥"#,##0'
      })
      if (i === 0) row.font = { bold: true }
    })
    ws.columns.forEach((col, i) => (col.width = widths[i] ?? 14))
    ws.views = [{ state: 'frozen', ySplit: 2 }]
    return ws
  }
  const alloc = allocationRows(scenario, allocation)
  const nCost = scenario.costs.length
  const ws = sheet(
    '負担金',
    alloc,
    [10, 16, ...scenario.costs.map(() => 16), 16, 16, 10, 10],
    2,
    3 + nCost,
  )
  const rateCol = ws.getColumn(4 + nCost)
  rateCol.numFmt = '0.0%'
  ws.lastRow!.font = { bold: true }
  sheet('按分ルール', ruleRows(scenario, allocation), [14, 28, 16, 40, 48, 20], 2, 2)
  sheet(
    '内訳',
    explanationRows(scenario, allocation),
    [10, 12, 26, 40, 24, 14, 8, 10, 14, 60],
    5,
    8,
  )
  const buf = (await wb.xlsx.writeBuffer()) as ArrayBuffer
  download(
    `${fileBase(scenario)}.xlsx`,
    buf,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  return buf
}
