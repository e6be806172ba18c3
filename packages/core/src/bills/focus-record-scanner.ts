/**
 * RFC 4180 records from string chunks, reading only the columns asked for: the other fields are skipped with
 * `indexOf` and never copied, which is most of a FOCUS row (dozens of columns; a bill needs six). Quoted fields may
 * hold commas, doubled quotes and line breaks; CRLF and LF end a record. Only the unfinished record is carried
 * between chunks. The sink gets a reused array (index = column; skipped columns hold ''), the field count and the
 * 1-based line where the record starts. Blank lines are skipped.
 */

export type FocusRecordSink = (fields: string[], count: number, line: number) => boolean | void

const QUOTE = 34
const CR = 13

export class FocusRecordScanner {
  private carry = ''
  private line = 1
  private readonly fields: string[] = []
  private stopped = false
  error: { line: number; message: string } | undefined
  /** columns to copy; undefined = every column (the header) */
  wanted: boolean[] | undefined
  /** a column whose quoted value is handed over raw (doubled quotes kept): undo them with {@link unquote} */
  rawColumn = -1
  /** whether the raw column's value of the current record was quoted */
  rawQuoted = false

  constructor(private readonly sink: FocusRecordSink) {}

  get currentLine(): number {
    return this.line
  }

  push(chunk: string): void {
    if (this.stopped) return
    const text = this.carry.length ? this.carry + chunk : chunk
    this.carry = ''
    this.scan(text, false)
  }

  end(): void {
    if (this.stopped) return
    const text = this.carry
    this.carry = ''
    if (text.length) this.scan(text, true)
    this.stopped = true
  }

  private fail(line: number, message: string): void {
    this.error = { line, message }
    this.stopped = true
  }

  private scan(text: string, final: boolean): void {
    const len = text.length
    const fields = this.fields
    let i = 0
    while (i < len) {
      const start = i
      const startLine = this.line
      let lines = 0
      let lf = text.indexOf('\n', i)
      if (lf < 0 && !final) {
        this.carry = text.slice(start)
        return
      }
      if (lf < 0) lf = len
      if (lf === start || (lf === start + 1 && text.charCodeAt(start) === CR)) {
        // a blank line
        this.line++
        i = lf + 1
        continue
      }
      let count = 0
      let done = false
      let incomplete = false
      const wanted = this.wanted
      while (!done) {
        const want = wanted === undefined || wanted[count] === true
        const raw = count === this.rawColumn
        if (i < len && text.charCodeAt(i) === QUOTE) {
          // quoted field
          let j = i + 1
          let value = ''
          let close = -1
          for (;;) {
            const q = text.indexOf('"', j)
            if (q < 0) break
            if (q + 1 < len && text.charCodeAt(q + 1) === QUOTE) {
              if (want && !raw) value += text.slice(j, q + 1)
              j = q + 2
              continue
            }
            if (q + 1 >= len && !final) break
            if (want) value = raw ? text.slice(i + 1, q) : value + text.slice(j, q)
            close = q
            break
          }
          if (close < 0) {
            if (final)
              return this.fail(startLine, '引用符が閉じていません (unterminated quoted field)')
            incomplete = true
            break
          }
          // line feeds inside the quotes
          while (lf < close) {
            lines++
            lf = text.indexOf('\n', lf + 1)
            if (lf < 0) {
              if (!final) break
              lf = len
            }
          }
          if (lf < 0) {
            incomplete = true
            break
          }
          if (want) fields[count] = value
          else fields[count] = ''
          if (raw) this.rawQuoted = true
          count++
          i = close + 1
          const c = i < len ? text.charCodeAt(i) : -1
          if (c === 44) {
            i++
            continue
          }
          if (i === lf || (c === CR && i + 1 === lf)) {
            i = lf + 1
            done = true
            continue
          }
          if (i >= len && final) {
            done = true
            continue
          }
          return this.fail(
            startLine + lines,
            '閉じ引用符の後に区切り以外の文字があります (text after closing quote)',
          )
        }
        if (raw) this.rawQuoted = false
        const comma = text.indexOf(',', i)
        if (comma >= 0 && comma < lf) {
          fields[count++] = want ? text.slice(i, comma) : ''
          i = comma + 1
          continue
        }
        // last field of the record
        const end = lf > i && text.charCodeAt(lf - 1) === CR ? lf - 1 : lf
        fields[count++] = want ? text.slice(i, end) : ''
        i = lf + 1
        done = true
      }
      if (incomplete) {
        this.carry = text.slice(start)
        return
      }
      lines++
      this.line = startLine + lines
      if (this.sink(fields, count, startLine) === false) {
        this.stopped = true
        return
      }
    }
  }
}

/** The value of a quoted field from its raw inner text: "" → ". */
export const unquote = (raw: string): string =>
  raw.includes('""') ? raw.replaceAll('""', '"') : raw
