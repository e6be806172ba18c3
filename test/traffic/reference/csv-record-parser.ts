/**
 * (Test reference, see traffic-log-reader.ts.) RFC 4180 records from string chunks, in constant memory: only the unfinished record is carried between
 * chunks. Quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF both end a record.
 * The sink gets a reused array (valid until it returns) and the 1-based physical line where the record starts,
 * so a record with a quoted line break still reports its first line. A blank line is a record with 0 fields.
 */

import { crOnlyProblem } from '../../../packages/core/src/traffic'

const QUOTE = 34
const COMMA = 44
const LF = 10
const CR = 13

/** Return false to stop parsing. */
export type CsvRecordSink = (fields: string[], count: number, line: number) => boolean | void

export interface CsvSyntaxError {
  line: number
  message: string
}

export class CsvRecordParser {
  private carry = ''
  private line: number
  private readonly fields: string[] = []
  private stopped = false
  /** set when the text is not valid CSV; parsing stops */
  error: CsvSyntaxError | undefined

  constructor(
    private readonly sink: CsvRecordSink,
    firstLine = 1,
  ) {
    this.line = firstLine
  }

  /** The physical line the next record starts on. */
  get currentLine(): number {
    return this.line
  }

  push(chunk: string): void {
    if (this.stopped) return
    const text = this.carry.length ? this.carry + chunk : chunk
    this.carry = ''
    this.parse(text, false)
  }

  /** Call once at the end of the input. */
  end(): void {
    if (this.stopped) return
    const text = this.carry
    this.carry = ''
    if (text.length) this.parse(text, true)
    this.stopped = true
  }

  private fail(line: number, message: string): void {
    this.error = { line, message }
    this.stopped = true
  }

  private parse(text: string, final: boolean): void {
    const len = text.length
    const fields = this.fields
    let i = 0
    while (i < len) {
      const recordStart = i
      const startLine = this.line
      let lines = 0
      let count = 0
      let complete = false
      /** an unquoted CR that does not belong to a CRLF: the file's line ends are CR only */
      let strayCr = false
      // one record
      for (;;) {
        if (i >= len) {
          if (!final) break
          fields[count++] = ''
          complete = true
          break
        }
        let c = text.charCodeAt(i)
        if (c === QUOTE) {
          let value = ''
          let j = i + 1
          let closed = -1
          for (;;) {
            const q = text.indexOf('"', j)
            if (q < 0) break
            if (q + 1 < len && text.charCodeAt(q + 1) === QUOTE) {
              value += text.slice(j, q + 1)
              j = q + 2
              continue
            }
            if (q + 1 >= len && !final) break // may be a doubled quote split across chunks
            value += text.slice(j, q)
            closed = q
            break
          }
          if (closed < 0) {
            if (final) {
              this.fail(startLine, '引用符が閉じていません (unterminated quoted field)')
              return
            }
            break
          }
          for (let k = text.indexOf('\n', i); k >= 0 && k < closed; k = text.indexOf('\n', k + 1))
            lines++
          fields[count++] = value
          i = closed + 1
          if (i >= len) {
            if (!final) break
            complete = true
            break
          }
          c = text.charCodeAt(i)
          if (c === COMMA) {
            i++
            if (i >= len && final) {
              fields[count++] = ''
              complete = true
              break
            }
            continue
          }
          if (c === LF) {
            i++
            lines++
            complete = true
            break
          }
          if (c === CR && i + 1 < len && text.charCodeAt(i + 1) === LF) {
            i += 2
            lines++
            complete = true
            break
          }
          if (c === CR && i + 1 >= len && !final) break
          this.fail(
            startLine + lines,
            '閉じ引用符の後に区切り以外の文字があります (text after closing quote)',
          )
          return
        }
        // unquoted field: scan to the next comma or line feed
        let j = i
        while (j < len) {
          c = text.charCodeAt(j)
          if (c === COMMA || c === LF) break
          j++
        }
        if (
          text.slice(i, j).includes('\r') &&
          !(j < len && c === LF && text.indexOf('\r', i) === j - 1)
        )
          strayCr = true
        if (j >= len) {
          if (!final) break
          fields[count++] = text.slice(i, j)
          i = j
          complete = true
          break
        }
        if (c === COMMA) {
          fields[count++] = text.slice(i, j)
          i = j + 1
          if (i >= len && final) {
            fields[count++] = ''
            complete = true
            break
          }
          continue
        }
        // line feed
        const end = j > i && text.charCodeAt(j - 1) === CR ? j - 1 : j
        fields[count++] = text.slice(i, end)
        i = j + 1
        lines++
        complete = true
        break
      }
      if (!complete) {
        this.carry = text.slice(recordStart)
        return
      }
      if (strayCr) {
        this.fail(startLine, crOnlyProblem(startLine).message)
        return
      }
      this.line = startLine + lines
      const blank = count === 1 && fields[0]!.length === 0 && text.charCodeAt(recordStart) !== QUOTE
      if (this.sink(fields, blank ? 0 : count, startLine) === false) {
        this.stopped = true
        return
      }
    }
  }
}
