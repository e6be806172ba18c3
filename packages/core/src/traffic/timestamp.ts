/**
 * Timestamps of the 照会ログ: ISO 8601 with an offset (`2026-06-01T09:15:00+09:00`, `…Z`, fractional seconds
 * allowed), or `YYYY/MM/DD HH:MM:SS` read as JST. Checked character by character (no regex, no Date per row).
 */

const JST_OFFSET_MINUTES = 9 * 60

const digit = (s: Uint8Array, i: number): number => {
  const c = s[i]! - 48
  return c >= 0 && c <= 9 ? c : -1
}

function twoDigits(s: Uint8Array, i: number): number {
  const a = digit(s, i)
  const b = digit(s, i + 1)
  return a < 0 || b < 0 ? -1 : a * 10 + b
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const daysIn = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]!)

let scratch = new Uint8Array(64)

/**
 * The JST calendar month of a timestamp as `year * 12 + (month − 1)`, or −1 when the text is not a valid
 * timestamp. The month is what the monthly totals (月別集計) are keyed by.
 */
export function timestampMonthJst(s: string): number {
  const len = s.length
  if (len > scratch.length) scratch = new Uint8Array(len * 2)
  for (let i = 0; i < len; i++) {
    const c = s.charCodeAt(i)
    if (c > 127) return -1 // a valid timestamp is ASCII
    scratch[i] = c
  }
  return timestampMonthJstBytes(scratch, 0, len)
}

/** {@link timestampMonthJst} on the ASCII bytes `buf[start, end)` (UTF-8 and Shift_JIS agree on ASCII). */
export function timestampMonthJstBytes(buf: Uint8Array, start: number, end: number): number {
  const len = end - start
  if (len === 25 && buf[start + 19] === 43) {
    const m = jstIsoMonth(buf, start)
    if (m >= 0) return m
  }
  if (len < 19) return -1
  const y0 = twoDigits(buf, start)
  const y1 = twoDigits(buf, start + 2)
  if (y0 < 0 || y1 < 0) return -1
  const year = y0 * 100 + y1
  const sep = buf[start + 4]!
  const slash = sep === 47 // '/'
  if (!slash && sep !== 45) return -1 // '-'
  if (buf[start + 7] !== sep) return -1
  const month = twoDigits(buf, start + 5)
  const day = twoDigits(buf, start + 8)
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return -1
  const t = buf[start + 10]
  if (slash ? t !== 32 : t !== 84 && t !== 32) return -1 // ' ' or 'T'
  const hour = twoDigits(buf, start + 11)
  const minute = twoDigits(buf, start + 14)
  const second = twoDigits(buf, start + 17)
  if (buf[start + 13] !== 58 || buf[start + 16] !== 58) return -1
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return -1
  if (slash) return len === 19 ? year * 12 + month - 1 : -1
  let i = start + 19
  if (buf[i] === 46) {
    // fractional seconds
    i++
    const first = i
    while (i < end && digit(buf, i) >= 0) i++
    if (i === first) return -1
  }
  if (i >= end) return -1 // the offset is required
  const o = buf[i]
  let offset: number
  if (o === 90 && i + 1 === end)
    offset = 0 // 'Z'
  else if ((o === 43 || o === 45) && (i + 6 === end || i + 5 === end)) {
    const oh = twoDigits(buf, i + 1)
    const colon = i + 6 === end
    if (colon && buf[i + 3] !== 58) return -1
    const om = twoDigits(buf, colon ? i + 4 : i + 3)
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return -1
    offset = (o === 45 ? -1 : 1) * (oh * 60 + om)
  } else return -1
  // Shift to JST: only the month matters, so carry the day over month ends.
  if (offset === JST_OFFSET_MINUTES) return year * 12 + month - 1
  const minutes = hour * 60 + minute + JST_OFFSET_MINUTES - offset
  let y = year
  let m = month
  let d = day
  if (minutes >= 24 * 60) {
    d++
    if (d > daysIn(y, m)) {
      d = 1
      m++
      if (m > 12) {
        m = 1
        y++
      }
    }
  } else if (minutes < 0) {
    d--
    if (d < 1) {
      m--
      if (m < 1) {
        m = 12
        y--
      }
    }
  }
  return y * 12 + m - 1
}

/**
 * The common form `YYYY-MM-DDTHH:MM:SS+09:00` (or a space for `T`), checked digit by digit at fixed
 * positions (the 25 bytes from `s`; the caller knows they exist): its JST month, or −1 for anything else
 * (the general check then decides).
 */
export function jstIsoMonth(b: Uint8Array, s: number): number {
  if (
    b[s + 4] !== 45 ||
    b[s + 7] !== 45 ||
    (b[s + 10] !== 84 && b[s + 10] !== 32) ||
    b[s + 13] !== 58 ||
    b[s + 16] !== 58 ||
    b[s + 20] !== 48 ||
    b[s + 21] !== 57 ||
    b[s + 22] !== 58 ||
    b[s + 23] !== 48 ||
    b[s + 24] !== 48
  )
    return -1
  const y0 = b[s]! - 48
  const y1 = b[s + 1]! - 48
  const y2 = b[s + 2]! - 48
  const y3 = b[s + 3]! - 48
  const m0 = b[s + 5]! - 48
  const m1 = b[s + 6]! - 48
  const d0 = b[s + 8]! - 48
  const d1 = b[s + 9]! - 48
  const h0 = b[s + 11]! - 48
  const h1 = b[s + 12]! - 48
  const n0 = b[s + 14]! - 48
  const n1 = b[s + 15]! - 48
  const s0 = b[s + 17]! - 48
  const s1 = b[s + 18]! - 48
  // every digit in 0..9: as unsigned, a negative one is huge
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    m0 >>> 0 > 1 ||
    m1 >>> 0 > 9 ||
    d0 >>> 0 > 3 ||
    d1 >>> 0 > 9 ||
    h0 >>> 0 > 2 ||
    h1 >>> 0 > 9 ||
    n0 >>> 0 > 5 ||
    n1 >>> 0 > 9 ||
    s0 >>> 0 > 6 ||
    s1 >>> 0 > 9
  )
    return -1
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  const month = m0 * 10 + m1
  const day = d0 * 10 + d1
  const hour = h0 * 10 + h1
  const second = s0 * 10 + s1
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || second > 60)
    return -1
  return year * 12 + month - 1
}

/**
 * The instant of a timestamp that {@link timestampMonthJstBytes} accepted, in milliseconds since
 * 1970-01-01T00:00Z (fractional seconds past the millisecond are truncated). What stored rows keep.
 */
export function timestampEpochMsBytes(buf: Uint8Array, start: number, end: number): number {
  const year = two(buf, start) * 100 + two(buf, start + 2)
  let offset = JST_OFFSET_MINUTES
  let ms = 0
  if (buf[start + 4] === 45) {
    let i = start + 19
    if (buf[i] === 46) {
      i++
      for (let scale = 100; i < end && buf[i]! >= 48 && buf[i]! <= 57; i++, scale /= 10)
        if (scale >= 1) ms += (buf[i]! - 48) * scale
    }
    const o = buf[i]
    if (o === 90) offset = 0
    else {
      const oh = two(buf, i + 1)
      const om = two(buf, end - i === 6 ? i + 4 : i + 3)
      offset = (o === 45 ? -1 : 1) * (oh * 60 + om)
    }
  }
  const month = two(buf, start + 5) - 1
  const day = two(buf, start + 8)
  const time = two(buf, start + 11) * 3600 + two(buf, start + 14) * 60 + two(buf, start + 17)
  return Date.UTC(year, month, day) + time * 1000 + ms - offset * 60000
}

/** two digits already known to be digits (no closure: this runs once per stored row) */
function two(buf: Uint8Array, i: number): number {
  return (buf[i]! - 48) * 10 + buf[i + 1]! - 48
}

/** {@link timestampEpochMsBytes} of a valid timestamp string (NaN when it is not valid). */
export function timestampEpochMs(s: string): number {
  if (timestampMonthJst(s) < 0) return NaN
  return timestampEpochMsBytes(scratch, 0, s.length)
}

/** `year * 12 + month − 1` → `YYYY-MM`. */
export function monthKey(index: number): string {
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}`
}
