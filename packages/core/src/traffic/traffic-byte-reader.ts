/**
 * Reading a 照会ログ straight from its bytes (UTF-8 or Shift_JIS/CP932), in constant memory. Delimiters are
 * found on raw bytes — `,` `"` CR and LF are never part of a multi-byte character in either encoding — and
 * the common row (ASCII timestamp, ids and numbers) is validated and summed without making a string:
 * timestamps are checked by byte arithmetic, ids interned from their bytes ({@link InstitutionTable}).
 * Anything unusual (a quoted field, surrounding spaces, non-ASCII text, a bad value) takes the text path
 * ({@link readTrafficRow}), so both paths accept and reject exactly the same rows with the same messages.
 * Only the partial last record is carried between chunks.
 */
import { formatInteger } from '../format/ja'
import { resolveTrafficHeader, type TrafficColumns } from './traffic-header'
import { TrafficAggregator } from './traffic-aggregator'
import { FNV_OFFSET, FNV_PRIME, InstitutionTable, type BytesDecoder } from './institution-table'
import {
  blankProblem,
  type TrafficLogProblem,
  type TrafficLogReaderOptions,
  type TrafficLogResult,
} from './traffic-log-problem'
import { emptyTrafficRow, readTrafficRow, type TrafficRow } from './traffic-row'
import {
  jstIsoMonth,
  timestampEpochMs,
  timestampEpochMsBytes,
  timestampMonthJstBytes,
} from './timestamp'

const QUOTE = 34
const COMMA = 44
const LF = 10
const CR = 13
const SPACE = 32
const TAB = 9

// what each column is, for the one-pass row (fastRecord); 0: a column that is not read
const TIMESTAMP = 1
const REQUESTER = 2
const PROVIDER = 3
const RECORDS = 4
const BYTES = 5
const PROCEDURE = 6

function columnRoles(c: TrafficColumns): Uint8Array {
  const roles = new Uint8Array(c.count)
  const set = (k: number, role: number) => {
    if (k >= 0) roles[k] = role
  }
  set(c.timestamp, TIMESTAMP)
  set(c.requester, REQUESTER)
  set(c.provider, PROVIDER)
  set(c.records, RECORDS)
  set(c.bytes, BYTES)
  set(c.procedure, PROCEDURE)
  return roles
}

/** A validated row with its interned ids. The reader reuses one object. */
export interface TrafficByteRow extends TrafficRow {
  requesterId: number
  providerId: number
  /** the timestamp's instant, ms since 1970 UTC (filled with `text`) */
  instant: number
  /** the 事務番号 interned in {@link TrafficByteReader.procedures} (filled with `text`) */
  procedureId: number
}

export interface TrafficByteReaderOptions extends Pick<
  TrafficLogReaderOptions,
  'columns' | 'firstLine' | 'aggregate' | 'aggregator'
> {
  /** bytes → text in the log's encoding; must throw on invalid bytes */
  decode: BytesDecoder
  /** is the input UTF-8 (a byte order mark at the start is skipped); default true */
  utf8?: boolean
  /** the encoding's name in messages */
  encodingName?: string
  /**
   * Every valid row, in order, with its 1-based line. The row's `timestamp` and `procedure` are filled only
   * when `text` is set (the ids always are, as interned text and numbers).
   */
  onRow?: (row: TrafficByteRow, line: number) => void
  /** fill `instant` and `procedure` of each row (`timestamp` text only where the row took the text path) */
  text?: boolean
}

/**
 * The longest record (one row, every field with its quotes) a log may hold. A 照会ログ row is well under 1 KiB;
 * the limit keeps a runaway field — a quote that never closes, a file that is not a log — from being
 * rescanned chunk after chunk (work quadratic in its length) and turns it into a clear error.
 */
export const MAX_RECORD_BYTES = 64 * 1024

export const longRecordProblem = (line: number): TrafficLogProblem => ({
  line,
  field: 'line',
  message: `1 行が ${formatInteger(MAX_RECORD_BYTES)} バイトを超えています。引用符 (") の閉じ忘れか、照会ログではないファイルです (record longer than ${MAX_RECORD_BYTES / 1024} KiB: an unclosed quote?)`,
})

export const crOnlyProblem = (line: number): TrafficLogProblem => ({
  line,
  field: 'line',
  message:
    '改行が CR だけです。CRLF か LF の改行で保存し直してください (CR-only line ends are not read; save with CRLF or LF)',
})

export const encodingProblem = (encoding: string, line: number): TrafficLogProblem => ({
  line,
  field: 'line',
  message: `文字コード ${encoding} として読めないバイトがあります。--encoding を指定してください (invalid ${encoding} bytes; try --encoding utf-8 or --encoding shift_jis)`,
})

/** A copy of buf[from, end) (a Node Buffer's own `slice` is a view, which a reused chunk would overwrite). */
const copyOf = (buf: Uint8Array, from: number): Uint8Array =>
  Uint8Array.prototype.slice.call(buf, from)

export class TrafficByteReader {
  readonly aggregator: TrafficAggregator
  /** 事務番号 seen (with `text`), interned like the institutions */
  readonly procedures = new InstitutionTable()
  private columns: TrafficColumns | undefined
  private roles: Uint8Array | undefined
  private readonly sliceMode: boolean
  private readonly firstLine: number
  private line: number
  private carry: Uint8Array | undefined
  private first = true
  private stopped = false
  private problem: TrafficLogProblem | undefined
  private blankLine: number | undefined
  private rows = 0
  private readonly aggregate: boolean
  private readonly decode: BytesDecoder
  private readonly bomPossible: boolean
  private readonly encodingName: string
  private readonly onRow: ((row: TrafficByteRow, line: number) => void) | undefined
  private readonly text: boolean
  private readonly row: TrafficByteRow = {
    ...emptyTrafficRow(),
    requesterId: 0,
    providerId: 0,
    instant: 0,
    procedureId: 0,
  }
  // the current record: field i is (quoted[i] ? scratch : buf)[starts[i], ends[i])
  private starts = new Int32Array(64)
  private ends = new Int32Array(64)
  private quoted = new Uint8Array(64)
  private scratch = new Uint8Array(1024)
  private scratchUsed = 0
  private count = 0
  private lines = 0
  private high = 0
  private anyQuoted = false

  constructor(options: TrafficByteReaderOptions) {
    this.columns = options.columns
    this.roles = options.columns && columnRoles(options.columns)
    this.sliceMode = options.columns !== undefined
    this.firstLine = options.firstLine ?? 1
    this.line = this.firstLine
    this.aggregator = options.aggregator ?? new TrafficAggregator()
    this.aggregate = options.aggregate !== false
    this.decode = options.decode
    this.bomPossible = (options.utf8 ?? true) && !this.sliceMode
    this.encodingName = options.encodingName ?? (options.utf8 === false ? 'shift_jis' : 'utf-8')
    this.onRow = options.onRow
    this.text = options.text ?? false
  }

  /** physical lines consumed so far (complete records only) */
  get linesRead(): number {
    return this.line - this.firstLine
  }

  /** true once a problem stopped the read */
  get failed(): boolean {
    return this.problem !== undefined
  }

  /** valid rows so far */
  get rowCount(): number {
    return this.rows
  }

  /** The chunk may be reused by the caller once push returns. */
  push(chunk: Uint8Array): void {
    if (this.stopped) return
    let buf = chunk
    if (this.carry) {
      buf = new Uint8Array(this.carry.length + chunk.length)
      buf.set(this.carry)
      buf.set(chunk, this.carry.length)
      this.carry = undefined
    }
    if (this.first) {
      if (
        this.bomPossible &&
        buf.length < 3 &&
        buf[0] === 0xef &&
        (buf.length < 2 || buf[1] === 0xbb)
      ) {
        this.carry = copyOf(buf, 0) // too short to tell whether it is a byte order mark
        return
      }
      this.first = false
      if (this.bomPossible && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
        buf = buf.subarray(3)
    }
    const consumed = this.parse(buf, false)
    if (!this.stopped && consumed < buf.length) this.carry = copyOf(buf, consumed)
  }

  /**
   * Parses the whole records at the start of `buf` and returns how many bytes they took, carrying nothing:
   * the caller keeps the rest (and passes it again with more bytes, or to {@link push} + {@link end} at the
   * end of its input). For readers that manage their own buffer (a worker reading a byte range); not mixed
   * with a pending {@link push} carry, and not at a file start (no byte order mark check).
   */
  feed(buf: Uint8Array): number {
    if (this.stopped) return 0
    if (this.carry) throw new Error('feed() after a push() that left a partial record')
    this.first = false
    return this.parse(buf, false)
  }

  end(): TrafficLogResult {
    if (!this.stopped) {
      const rest = this.carry
      this.carry = undefined
      if (rest) {
        this.parse(rest, true)
      }
      this.stopped = true
    }
    if (this.problem) return { ok: false, problem: this.problem }
    if (!this.sliceMode && !this.columns)
      return {
        ok: false,
        problem: { line: 1, field: 'header', message: '見出し行がありません (missing header row)' },
      }
    return {
      ok: true,
      rows: this.rows,
      columns: this.columns,
      trailingBlankLine: this.sliceMode ? this.blankLine : undefined,
    }
  }

  private stop(problem: TrafficLogProblem): void {
    this.problem = problem
    this.stopped = true
  }

  /** Parses whole records from buf; returns the offset of the first unfinished one. */
  private parse(buf: Uint8Array, final: boolean): number {
    const len = buf.length
    let i = 0
    while (i < len) {
      if (this.roles && this.blankLine === undefined) {
        const fast = this.fastRecord(buf, i, len)
        if (fast >= 0) {
          i = fast
          continue
        }
      }
      const next = this.scanRecord(buf, i, len, final)
      if (next === -1) {
        // unfinished: carry it — unless it is already too long (each chunk would rescan it)
        if (len - i > MAX_RECORD_BYTES) {
          this.stop(longRecordProblem(this.line))
          return len
        }
        return i
      }
      if (next === -2) return len // syntax error (stopped)
      if (next - i > MAX_RECORD_BYTES) {
        this.stop(longRecordProblem(this.line))
        return len
      }
      const startLine = this.line
      this.line += this.lines
      if (this.high !== 0 && !this.validEncoding(buf, i, next)) {
        this.stop(encodingProblem(this.encodingName, startLine))
        return len
      }
      this.record(buf, startLine)
      if (this.stopped) return len
      i = next
    }
    return i
  }

  private validEncoding(buf: Uint8Array, start: number, end: number): boolean {
    try {
      this.decode(buf.subarray(start, end))
      return true
    } catch {
      return false
    }
  }

  private pushField(start: number, end: number, quoted: number): void {
    const n = this.count
    if (n === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
        b.set(a)
        return b
      }
      this.starts = grow(this.starts, new Int32Array(n * 2))
      this.ends = grow(this.ends, new Int32Array(n * 2))
      this.quoted = grow(this.quoted, new Uint8Array(n * 2))
    }
    this.starts[n] = start
    this.ends[n] = end
    this.quoted[n] = quoted
    this.count = n + 1
  }

  /**
   * One record from `i`: fills the field ranges; returns the offset after it, −1 when the buffer ends
   * inside it (not final), −2 on a syntax error.
   */
  private scanRecord(buf: Uint8Array, i: number, len: number, final: boolean): number {
    this.count = 0
    this.lines = 0
    this.high = 0
    this.anyQuoted = false
    this.scratchUsed = 0
    let high = 0
    for (;;) {
      if (i >= len) {
        if (!final) return -1
        this.pushField(i, i, 0)
        this.high = high
        return i
      }
      if (buf[i] === QUOTE) {
        const r = this.scanQuoted(buf, i, len, final)
        if (r < 0) return r
        i = r
        if (i >= len) {
          if (!final) return -1
          this.high = high | 0x80
          return i
        }
        const c = buf[i]
        if (c === COMMA) {
          i++
          if (i >= len && final) {
            this.pushField(i, i, 0)
            this.high = high | 0x80
            return i
          }
          continue
        }
        if (c === LF) {
          this.lines++
          this.high = high | 0x80
          return i + 1
        }
        if (c === CR && i + 1 < len && buf[i + 1] === LF) {
          this.lines++
          this.high = high | 0x80
          return i + 2
        }
        if (c === CR && i + 1 >= len && !final) return -1
        this.stop({
          line: this.line + this.lines,
          field: 'line',
          message: '閉じ引用符の後に区切り以外の文字があります (text after closing quote)',
        })
        return -2
      }
      // unquoted field: up to the next comma or line feed
      let j = i
      let c = 0
      while (j < len) {
        c = buf[j]!
        if (c === COMMA || c === LF) break
        high |= c
        j++
      }
      if (j >= len) {
        if (!final) return -1
        this.pushField(i, j, 0)
        this.high = high & 0x80
        return j
      }
      if (c === COMMA) {
        this.pushField(i, j, 0)
        i = j + 1
        if (i >= len && final) {
          this.pushField(i, i, 0)
          this.high = high & 0x80
          return i
        }
        continue
      }
      this.pushField(i, j > i && buf[j - 1] === CR ? j - 1 : j, 0)
      this.lines++
      this.high = high & 0x80
      return j + 1
    }
  }

  /** A quoted field from the opening quote at `i`, unescaped into scratch; returns the offset after the closing quote. */
  private scanQuoted(buf: Uint8Array, i: number, len: number, final: boolean): number {
    this.anyQuoted = true
    const start = this.scratchUsed
    let j = i + 1
    for (;;) {
      let q = j
      while (q < len && buf[q] !== QUOTE) q++
      if (q >= len) {
        if (!final) return -1
        this.stop({
          line: this.line,
          field: 'line',
          message: '引用符が閉じていません (unterminated quoted field)',
        })
        return -2
      }
      if (q + 1 < len && buf[q + 1] === QUOTE) {
        this.appendScratch(buf, j, q + 1)
        j = q + 2
        continue
      }
      if (q + 1 >= len && !final) return -1 // may be a doubled quote split across chunks
      this.appendScratch(buf, j, q)
      for (let k = i; k < q; k++) if (buf[k] === LF) this.lines++
      this.pushField(start, this.scratchUsed, 1)
      return q + 1
    }
  }

  private appendScratch(buf: Uint8Array, start: number, end: number): void {
    const n = end - start
    if (this.scratchUsed + n > this.scratch.length) {
      const s = new Uint8Array(Math.max(this.scratch.length * 2, this.scratchUsed + n))
      s.set(this.scratch.subarray(0, this.scratchUsed))
      this.scratch = s
    }
    this.scratch.set(buf.subarray(start, end), this.scratchUsed)
    this.scratchUsed += n
  }

  private fieldText(buf: Uint8Array, i: number): string {
    const b = this.quoted[i] ? this.scratch : buf
    return this.decode(b.subarray(this.starts[i]!, this.ends[i]!))
  }

  /** An unquoted CR that does not end the record (scanRecord strips the CR of a CRLF): a CR-only line end. */
  private strayCarriageReturn(buf: Uint8Array): boolean {
    for (let k = 0; k < this.count; k++) {
      if (this.quoted[k]) continue
      const at = buf.indexOf(CR, this.starts[k]!)
      if (at >= 0 && at < this.ends[k]!) return true
    }
    return false
  }

  private record(buf: Uint8Array, line: number): void {
    if (this.strayCarriageReturn(buf)) {
      this.stop(crOnlyProblem(line))
      return
    }
    const count = this.count
    const blank = count === 1 && !this.anyQuoted && this.ends[0] === this.starts[0]
    if (blank) {
      if (this.blankLine !== undefined) this.stop(blankProblem(this.blankLine))
      else this.blankLine = line
      return
    }
    if (this.blankLine !== undefined) {
      this.stop(blankProblem(this.blankLine))
      return
    }
    const columns = this.columns
    if (!columns) {
      const names: string[] = []
      for (let k = 0; k < count; k++) names.push(this.fieldText(buf, k))
      const resolved = resolveTrafficHeader(names)
      if (!resolved.ok)
        this.stop({ line, field: 'header', message: `見出し行: ${resolved.message}` })
      else {
        this.columns = resolved.columns
        this.roles = columnRoles(resolved.columns)
      }
      return
    }
    if (!this.fastRow(buf, columns)) this.slowRow(buf, columns, line)
    if (this.stopped) return
    this.rows++
    const row = this.row
    if (this.aggregate)
      this.aggregator.addIds(row.requesterId, row.providerId, row.records, row.bytes, row.month)
    if (this.onRow) this.onRow(row, line)
  }

  /**
   * The common record in one pass over its bytes — ASCII, unquoted, a valid timestamp, ids without
   * surrounding spaces, plain digits — validated, interned and summed without recording field ranges.
   * Returns the offset after the record, or −1 to leave it to the general path (scanRecord + fastRow or
   * the text path), which decides everything else, including the record that does not end in this buffer.
   */
  private fastRecord(buf: Uint8Array, start: number, len: number): number {
    const roles = this.roles!
    const n = roles.length
    const t = this.aggregator.institutions
    let p = start
    let month = -1
    let requester = -1
    let provider = -1
    let records = 1
    let bytes = 0
    let tsStart = 0
    let tsEnd = 0
    let procStart = 0
    let procEnd = 0
    for (let k = 0; k < n; k++) {
      const role = roles[k]!
      let q = p
      let c = -1
      if (role === RECORDS || role === BYTES) {
        let v = 0
        while (q < len) {
          c = buf[q]!
          const d = c - 48
          if (d < 0 || d > 9) break
          v = v * 10 + d
          q++
        }
        if (q >= len || q - p > 15) return -1
        if (q > p) {
          if (role === RECORDS) {
            if (v < 1) return -1
            records = v
          } else bytes = v
        }
        if (c === CR) {
          if (k !== n - 1 || q + 1 >= len || buf[q + 1] !== LF) return -1
          q++
          c = LF
        } else if (c !== COMMA && c !== LF) return -1
      } else if (role === REQUESTER || role === PROVIDER) {
        let h = FNV_OFFSET
        while (q < len) {
          c = buf[q]!
          if (c === COMMA || c === LF || c === CR || c >= 0x80) break
          h = Math.imul(h ^ c, FNV_PRIME)
          q++
        }
        if (q >= len || c >= 0x80 || q === p) return -1
        const a = buf[p]!
        const b = buf[q - 1]!
        if (a === QUOTE || a === SPACE || a === TAB || b === SPACE || b === TAB) return -1
        let id = t.findHashed(h, buf, p, q)
        if (id < 0) id = t.internBytes(buf, p, q, this.decode)
        if (role === REQUESTER) requester = id
        else provider = id
        if (c === CR) {
          // only the CR of a CRLF that ends the record
          if (k !== n - 1 || q + 1 >= len || buf[q + 1] !== LF) return -1
          q++
          c = LF
        }
      } else if (
        role === TIMESTAMP &&
        p + 25 < len &&
        buf[p + 19] === 43 &&
        (month = jstIsoMonth(buf, p)) >= 0
      ) {
        // the common `YYYY-MM-DDTHH:MM:SS+09:00`: every byte checked at its position, no scan needed
        q = p + 25
        c = buf[q]!
        if (c === CR && k === n - 1 && q + 1 < len && buf[q + 1] === LF) {
          q++
          c = LF
        } else if (c !== COMMA && c !== LF) return -1
        tsStart = p
        tsEnd = p + 25
      } else {
        while (q < len) {
          c = buf[q]!
          if (c === COMMA || c === LF || c === CR || c >= 0x80) break
          q++
        }
        if (q >= len || c >= 0x80 || (q > p && buf[p] === QUOTE)) return -1
        const end = q
        if (c === CR) {
          if (k !== n - 1 || q + 1 >= len || buf[q + 1] !== LF) return -1
          q++
          c = LF
        }
        if (role === TIMESTAMP) {
          month = timestampMonthJstBytes(buf, p, end)
          if (month < 0) return -1
          tsStart = p
          tsEnd = end
        } else if (role === PROCEDURE) {
          procStart = p
          procEnd = end
        }
      }
      // q is at the field's terminator: a comma before the last field, a line feed after it
      if ((c === LF) !== (k === n - 1)) return -1
      p = q + 1
    }
    if (p - start > MAX_RECORD_BYTES) return -1 // the general path reports it
    const line = this.line
    this.line = line + 1
    this.rows++
    const row = this.row
    row.month = month
    row.requesterId = requester
    row.providerId = provider
    row.records = records
    row.bytes = bytes
    if (this.aggregate) this.aggregator.addIds(requester, provider, records, bytes, month)
    if (this.onRow) {
      row.requester = t.names[requester]!
      row.provider = t.names[provider]!
      if (this.text) {
        row.timestamp = ''
        row.instant = timestampEpochMsBytes(buf, tsStart, tsEnd)
        const pid = this.procedures.internBytes(buf, procStart, procEnd, this.decode)
        row.procedureId = pid
        row.procedure = this.procedures.names[pid]!
      }
      this.onRow(row, line)
    }
    return p
  }

  /** The common case on bytes; false when the text path must decide. */
  private fastRow(buf: Uint8Array, columns: TrafficColumns): boolean {
    if (this.count !== columns.count || this.high !== 0) return false
    const starts = this.starts
    const ends = this.ends
    const quoted = this.quoted
    const row = this.row
    let k = columns.timestamp
    if (quoted[k]) return false
    const month = timestampMonthJstBytes(buf, starts[k]!, ends[k]!)
    if (month < 0) return false
    k = columns.requester
    if (quoted[k] || !plainId(buf, starts[k]!, ends[k]!)) return false
    const t = this.aggregator.institutions
    const requesterId = t.internBytes(buf, starts[k]!, ends[k]!, this.decode)
    k = columns.provider
    if (quoted[k] || !plainId(buf, starts[k]!, ends[k]!)) return false
    const providerId = t.internBytes(buf, starts[k]!, ends[k]!, this.decode)
    let records = 1
    k = columns.records
    if (k >= 0) {
      if (quoted[k]) return false
      if (ends[k]! > starts[k]!) {
        records = digits(buf, starts[k]!, ends[k]!)
        if (records < 1) return false
      }
    }
    let bytes = 0
    k = columns.bytes
    if (k >= 0) {
      if (quoted[k]) return false
      if (ends[k]! > starts[k]!) {
        bytes = digits(buf, starts[k]!, ends[k]!)
        if (bytes < 0) return false
      }
    }
    row.month = month
    row.requesterId = requesterId
    row.providerId = providerId
    row.requester = t.names[requesterId]!
    row.provider = t.names[providerId]!
    row.records = records
    row.bytes = bytes
    if (this.text) {
      k = columns.timestamp
      row.timestamp = '' // the instant is what is stored; the text path keeps the text
      row.instant = timestampEpochMsBytes(buf, starts[k]!, ends[k]!)
      k = columns.procedure
      // a quoted 事務番号 (the other fields are never quoted here) was unescaped into scratch
      const pid =
        k >= 0
          ? this.procedures.internBytes(
              quoted[k] ? this.scratch : buf,
              starts[k]!,
              ends[k]!,
              this.decode,
            )
          : this.procedures.internString('')
      row.procedureId = pid
      row.procedure = this.procedures.names[pid]!
    }
    return true
  }

  private slowRow(buf: Uint8Array, columns: TrafficColumns, line: number): void {
    const fields: string[] = []
    for (let k = 0; k < this.count; k++) fields.push(this.fieldText(buf, k))
    const row = this.row
    const problem = readTrafficRow(fields, this.count, columns, row)
    if (problem) {
      this.stop({ line, ...problem })
      return
    }
    const t = this.aggregator.institutions
    row.requesterId = t.internString(row.requester)
    row.providerId = t.internString(row.provider)
    if (this.text) {
      row.instant = timestampEpochMs(row.timestamp)
      row.procedureId = this.procedures.internString(row.procedure)
    }
  }
}

/** Non-empty, and not starting or ending with a space or tab (those are trimmed on the text path). */
function plainId(buf: Uint8Array, start: number, end: number): boolean {
  if (end <= start) return false
  const a = buf[start]
  const b = buf[end - 1]
  return a !== SPACE && a !== TAB && b !== SPACE && b !== TAB
}

/** Digits only, at most 15 of them → the number; −1 otherwise (as parseCount). */
function digits(buf: Uint8Array, start: number, end: number): number {
  if (end - start > 15) return -1
  let n = 0
  for (let i = start; i < end; i++) {
    const d = buf[i]! - 48
    if (d < 0 || d > 9) return -1
    n = n * 10 + d
  }
  return n
}
