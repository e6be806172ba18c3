/**
 * Timestamps of the 照会ログ: ISO 8601 with an offset (`2026-06-01T09:15:00+09:00`, `…Z`, fractional seconds
 * allowed), or `YYYY/MM/DD HH:MM:SS` read as JST. Checked character by character (no regex, no Date per row).
 */

const JST_OFFSET_MINUTES = 9 * 60

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48
  return c >= 0 && c <= 9 ? c : -1
}

function twoDigits(s: string, i: number): number {
  const a = digit(s, i)
  const b = digit(s, i + 1)
  return a < 0 || b < 0 ? -1 : a * 10 + b
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const daysIn = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : DAYS[m - 1]!)

/**
 * The JST calendar month of a timestamp as `year * 12 + (month − 1)`, or −1 when the text is not a valid
 * timestamp. The month is what the monthly totals (月別集計) are keyed by.
 */
export function timestampMonthJst(s: string): number {
  const len = s.length
  if (len < 19) return -1
  const y0 = twoDigits(s, 0)
  const y1 = twoDigits(s, 2)
  if (y0 < 0 || y1 < 0) return -1
  const year = y0 * 100 + y1
  const sep = s.charCodeAt(4)
  const slash = sep === 47 // '/'
  if (!slash && sep !== 45) return -1 // '-'
  if (s.charCodeAt(7) !== sep) return -1
  const month = twoDigits(s, 5)
  const day = twoDigits(s, 8)
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return -1
  const t = s.charCodeAt(10)
  if (slash ? t !== 32 : t !== 84 && t !== 32) return -1 // ' ' or 'T'
  const hour = twoDigits(s, 11)
  const minute = twoDigits(s, 14)
  const second = twoDigits(s, 17)
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return -1
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return -1
  if (slash) return len === 19 ? year * 12 + month - 1 : -1
  let i = 19
  if (s.charCodeAt(i) === 46) {
    // fractional seconds
    i++
    const start = i
    while (i < len && digit(s, i) >= 0) i++
    if (i === start) return -1
  }
  if (i >= len) return -1 // the offset is required
  const o = s.charCodeAt(i)
  let offset: number
  if (o === 90 && i + 1 === len)
    offset = 0 // 'Z'
  else if ((o === 43 || o === 45) && (i + 6 === len || i + 5 === len)) {
    const oh = twoDigits(s, i + 1)
    const colon = i + 6 === len
    if (colon && s.charCodeAt(i + 3) !== 58) return -1
    const om = twoDigits(s, colon ? i + 4 : i + 3)
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return -1
    offset = (o === 45 ? -1 : 1) * (oh * 60 + om)
  } else return -1
  // Shift to JST: only the month matters, so carry the day over month ends.
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

/** `year * 12 + month − 1` → `YYYY-MM`. */
export function monthKey(index: number): string {
  const y = Math.floor(index / 12)
  const m = index - y * 12 + 1
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}`
}
