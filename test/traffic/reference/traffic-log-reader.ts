/**
 * The reference reader for tests (not shipped): an independent reading of the same grammar on strings, which
 * the byte reader (packages/core/src/traffic/traffic-byte-reader.ts) must agree with row for row and problem
 * for problem. Reading a 照会ログ from string chunks: header, every row validated, rows summed. Memory stays constant (only
 * the aggregate grows, with the number of distinct requester × provider pairs). The first problem stops the
 * read and is returned as data with its 1-based line and field.
 */
import {
  blankProblem,
  emptyTrafficRow,
  readTrafficRow,
  resolveTrafficHeader,
  TrafficAggregator,
  type TrafficColumns,
  type TrafficLogProblem,
  type TrafficLogReaderOptions as CoreReaderOptions,
  type TrafficLogResult,
  type TrafficRow,
} from '../../../packages/core/src/traffic'
import { CsvRecordParser } from './csv-record-parser'

export type { TrafficLogProblem, TrafficLogResult }

export interface TrafficLogReaderOptions extends CoreReaderOptions {
  /** called for every valid row with a reused object; return false to stop */
  onRow?: (row: TrafficRow, line: number) => void
}

export class TrafficLogReader {
  readonly aggregator: TrafficAggregator
  private columns: TrafficColumns | undefined
  private readonly sliceMode: boolean
  private readonly parser: CsvRecordParser
  private readonly row = emptyTrafficRow()
  private blankLine: number | undefined
  private rows = 0
  private problem: TrafficLogProblem | undefined
  private first = true
  private readonly firstLine: number

  constructor(options: TrafficLogReaderOptions = {}) {
    this.columns = options.columns
    this.aggregator = options.aggregator ?? new TrafficAggregator()
    this.firstLine = options.firstLine ?? 1
    this.sliceMode = options.columns !== undefined
    const aggregate = options.aggregate !== false
    const onRow = options.onRow
    const agg = this.aggregator
    const row = this.row
    this.parser = new CsvRecordParser((fields, count, line) => {
      if (count === 0) {
        if (this.blankLine !== undefined) return this.stop(blankProblem(this.blankLine))
        this.blankLine = line
        return true
      }
      if (this.blankLine !== undefined) return this.stop(blankProblem(this.blankLine))
      const columns = this.columns
      if (!columns) return this.header(fields, count, line)
      const problem = readTrafficRow(fields, count, columns, row)
      if (problem) return this.stop({ line, ...problem })
      this.rows++
      if (aggregate) agg.add(row.requester, row.provider, row.records, row.bytes, row.month)
      if (onRow) onRow(row, line)
      return true
    }, options.firstLine ?? 1)
  }

  private stop(problem: TrafficLogProblem): false {
    this.problem = problem
    return false
  }

  private header(fields: string[], count: number, line: number): boolean {
    const resolved = resolveTrafficHeader(fields.slice(0, count))
    if (!resolved.ok)
      return this.stop({ line, field: 'header', message: `見出し行: ${resolved.message}` })
    this.columns = resolved.columns
    return true
  }

  push(text: string): void {
    if (this.first) {
      this.first = false
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
    }
    this.parser.push(text)
  }

  /** physical lines consumed so far (complete records only) */
  get linesRead(): number {
    return this.parser.currentLine - this.firstLine
  }

  /** true once a problem stopped the read (the rest of the input can be skipped) */
  get failed(): boolean {
    return this.problem !== undefined || this.parser.error !== undefined
  }

  /** valid rows so far */
  get rowCount(): number {
    return this.rows
  }

  end(): TrafficLogResult {
    this.parser.end()
    if (!this.problem && this.parser.error) {
      this.problem = {
        line: this.parser.error.line,
        field: 'line',
        message: this.parser.error.message,
      }
    }
    if (this.problem) return { ok: false, problem: this.problem }
    if (!this.sliceMode && !this.columns) {
      return {
        ok: false,
        problem: {
          line: 1,
          field: 'header',
          message: '見出し行がありません (missing header row)',
        },
      }
    }
    return {
      ok: true,
      rows: this.rows,
      columns: this.columns,
      trailingBlankLine: this.sliceMode ? this.blankLine : undefined,
    }
  }
}

/** Reads a whole log held in one string (tests, small inputs). */
export function readTrafficLogText(
  text: string,
  options: Omit<TrafficLogReaderOptions, 'columns'> = {},
): { result: TrafficLogResult; reader: TrafficLogReader } {
  const reader = new TrafficLogReader(options)
  reader.push(text)
  return { result: reader.end(), reader }
}
