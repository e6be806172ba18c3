/**
 * The plan's xlsx workbook: one sheet for the period (members × years, 期間計, 単独導入計, 削減率) and one per
 * fiscal year (that year's allocation, members × cost items, as the scenario export). exceljs is loaded lazily.
 */
import {
  allocationRows,
  formatFiscalYear,
  planRateLines,
  planRows,
  type CsvCell,
  type PlanAllocation,
} from '@warikan/core'
import { download } from './dom'

export async function exportPlanXlsx(
  plan: PlanAllocation,
  title: string,
  fileName: string,
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '割り勘 (Warikan)'
  wb.created = new Date()
  const sheet = (name: string, heading: string, rows: CsvCell[][], yen: (j: number) => boolean) => {
    const ws = wb.addWorksheet(name, {
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true },
    })
    ws.addRow([heading]).font = { bold: true, size: 14 }
    rows.forEach((r, i) => {
      const row = ws.addRow([])
      r.forEach((v, j) => {
        const cell = row.getCell(j + 1)
        // strings stay string cells (exceljs writes a formula only for {formula})
        cell.value = v === undefined ? null : typeof v === 'boolean' ? String(v) : v
        if (typeof v === 'number' && i > 0 && yen(j)) cell.numFmt = '"¥"#,##0'
      })
      if (i === 0) row.font = { bold: true }
    })
    ws.columns.forEach((col, i) => (col.width = i < 2 ? (i === 0 ? 10 : 16) : 16))
    ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 2 }]
    return ws
  }
  const period = planRows(plan)
  const nYears = plan.output.years.length
  const ws = sheet('期間', title, period, (j) => j >= 2 && j <= 3 + nYears)
  ws.getColumn(5 + nYears).numFmt = '0.0%'
  ws.lastRow!.font = { bold: true }
  for (const line of planRateLines(plan)) ws.addRow([line])
  for (const y of plan.years) {
    const rows = allocationRows(y.scenario, y.allocation)
    const n = y.scenario.costs.length
    const yws = sheet(
      formatFiscalYear(y.fiscalYear),
      `${y.scenario.consortium.name} ${formatFiscalYear(y.fiscalYear)} 負担金按分`,
      rows,
      (j) => j >= 2 && j <= 3 + n,
    )
    yws.getColumn(4 + n).numFmt = '0.0%'
    yws.lastRow!.font = { bold: true }
  }
  const buf = (await wb.xlsx.writeBuffer()) as ArrayBuffer
  download(
    `${fileName.replace(/[\\/:*?"<>|]/g, '_')}.xlsx`,
    buf,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  return buf
}
