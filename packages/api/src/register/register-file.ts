/** Reading and writing a 台帳 file: CSV (UTF-8 with BOM or Shift_JIS) or xlsx, as records with line numbers. */
import { LEDGER_COLUMNS, ledgerRecord, type LedgerRow } from '@warikan/core/register'
import { spreadsheetText, toCsv, type InputIssue, type Result } from '@warikan/core'
import { decodeText, splitCsv } from '../sla/incidents-file'

export interface LedgerRecords {
  records: string[][]
  lines: number[]
}

const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b // "PK": a zip container

export async function readLedgerFile(bytes: Uint8Array): Promise<Result<LedgerRecords>> {
  if (!isXlsx(bytes)) return splitCsv(decodeText(bytes))
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  } catch (e) {
    const issue: InputIssue = {
      path: '(file)',
      message: `xlsx として読めません (unreadable xlsx): ${(e as Error).message}`,
    }
    return { ok: false, issues: [issue] }
  }
  const sheet = wb.worksheets[0]
  if (!sheet)
    return { ok: false, issues: [{ path: '(file)', message: 'シートがありません (no worksheet)' }] }
  const records: string[][] = []
  const lines: number[] = []
  // the header is the first row whose first cell names the first column (a title row may come before it)
  let headerSeen = false
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const values = (row.values as unknown[]).slice(1).map(cellText)
    if (!headerSeen) {
      if (values[0] !== LEDGER_COLUMNS[0]) return
      headerSeen = true
    }
    records.push(values)
    lines.push(n)
  })
  if (!headerSeen)
    return {
      ok: false,
      issues: [
        {
          path: 'line 1',
          message: `見出し「${LEDGER_COLUMNS[0]}」の行がありません (no header row)`,
        },
      ],
    }
  return { ok: true, value: { records, lines } }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: Array<{ text: string }> }
    if (o.richText) return o.richText.map((r) => r.text).join('')
    if (o.text !== undefined) return String(o.text)
    if (o.result !== undefined) return String(o.result)
  }
  return String(v)
}

export const ledgerCsv = (rows: LedgerRow[]): string =>
  toCsv([Array.from(LEDGER_COLUMNS), ...rows.map(ledgerRecord)], { bom: true })

/** The 台帳 as an xlsx workbook: a title row, the header repeated on each printed page, A4 landscape. */
export async function ledgerXlsx(
  rows: LedgerRow[],
  title: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('承認済外部サービス台帳', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    headerFooter: { oddFooter: '&P / &N ページ' },
  })
  ws.addRow([spreadsheetText(title)]).font = { bold: true, size: 14 }
  const header = ws.addRow(Array.from(LEDGER_COLUMNS))
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'middle' }
  for (const r of rows) ws.addRow(ledgerRecord(r).map(spreadsheetText))
  ws.columns.forEach((c, i) => {
    c.width = i < 8 ? 24 : 12
  })
  ws.pageSetup.printTitlesRow = '2:2'
  ws.views = [{ state: 'frozen', ySplit: 2 }]
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer)
}
