/**
 * CSV for spreadsheets (RFC 4180). Cells that a spreadsheet would run as a formula (=, +, -, @, tab, CR)
 * are prefixed with an apostrophe, so a member named "=1+1" stays text (no formula injection).
 * Numbers are written as numbers.
 */
export type CsvCell = string | number | boolean | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  const text = FORMULA_START.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Rows to CSV text with CRLF line ends; `bom` adds U+FEFF so Excel reads UTF-8. */
export function toCsv(rows: CsvCell[][], options: { bom?: boolean } = {}): string {
  const body = rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n'
  return options.bom ? `\uFEFF${body}` : body
}

/** Text for a spreadsheet cell: the same formula guard, no CSV quoting (for xlsx writers). */
export const spreadsheetText = (value: string): string =>
  FORMULA_START.test(value) ? `'${value}` : value
