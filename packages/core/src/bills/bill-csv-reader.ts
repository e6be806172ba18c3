/**
 * A FOCUS CSV file, fed as decoded text chunks, into a {@link BillAggregator}: header by column names, then one
 * row at a time. A UTF-8 BOM is dropped; quoted fields (commas, doubled quotes, line breaks inside `Tags`) are read
 * by {@link FocusRecordScanner}, which copies only the columns a bill needs. The first problem stops the file.
 */
import type { BillAggregator, BillProblem } from './bill-aggregator'
import type { BillMap } from './bill-map'
import { billRow, focusColumns, type FocusColumns } from './focus-columns'
import { FocusRecordScanner } from './focus-record-scanner'

export class BillCsvReader {
  private readonly parser: FocusRecordScanner
  private columns: FocusColumns | undefined
  private first = true
  problem: BillProblem | undefined
  rows = 0

  constructor(
    private readonly file: string,
    private readonly aggregator: BillAggregator,
    private readonly map: BillMap,
  ) {
    aggregator.beginFile(file)
    this.parser = new FocusRecordScanner((fields, count, line) => this.record(fields, count, line))
  }

  private record(fields: string[], count: number, line: number): boolean {
    if (count === 0) return true // blank line
    if (!this.columns) {
      const header = focusColumns(fields, count, this.map)
      if (!header.ok) {
        this.problem = { file: this.file, line, field: 'header', message: header.message }
        return false
      }
      this.columns = header.columns
      const c = header.columns
      const wanted = new Array<boolean>(count).fill(false)
      for (const i of [
        c.billedCost,
        c.billingCurrency,
        c.chargeCategory,
        c.chargePeriodStart,
        c.subAccountId,
        c.tags,
      ])
        if (i >= 0) wanted[i] = true
      this.parser.wanted = wanted
      this.parser.rawColumn = c.tags
      return true
    }
    if (count !== this.columns.count) {
      this.problem = {
        file: this.file,
        line,
        field: 'row',
        message: `列の数が ${count} です（見出しは ${this.columns.count} 列） (field count differs from the header)`,
      }
      return false
    }
    this.rows++
    const row = billRow(fields, this.columns)
    if (this.parser.rawQuoted) row.tagsQuoted = true
    const problem = this.aggregator.addRow(row, line)
    if (problem) {
      this.problem = problem
      return false
    }
    return true
  }

  /** false once the file has a problem (stop feeding it). */
  push(text: string): boolean {
    if (this.problem) return false
    if (this.first) {
      this.first = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    this.parser.push(text)
    this.syntax()
    return !this.problem
  }

  /** Ends the file; returns its problem, if any (an empty file or a file with only a header is one). */
  end(): BillProblem | undefined {
    if (!this.problem) {
      this.parser.end()
      this.syntax()
    }
    if (!this.problem && !this.columns)
      this.problem = {
        file: this.file,
        line: 1,
        field: 'header',
        message: '見出し行がありません (no header line)',
      }
    return this.problem
  }

  private syntax(): void {
    const e = this.parser.error
    if (e && !this.problem)
      this.problem = { file: this.file, line: e.line, field: 'csv', message: e.message }
  }
}
