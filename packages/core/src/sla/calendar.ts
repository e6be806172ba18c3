/**
 * Service time in a calendar month, in minutes since the Unix epoch (UTC), for local time Asia/Tokyo
 * (UTC+9, no daylight saving). 閉庁日: 国民の祝日 from @holiday-jp/holiday_jp and the file's fixed dates.
 */
import holidayJp from '@holiday-jp/holiday_jp'
import { WEEKDAYS, type ServiceHours } from './schema'

/** A half-open interval [start, end) of epoch minutes. */
export interface Interval {
  start: number
  end: number
}

const JST_OFFSET_MIN = 9 * 60
const MIN_PER_DAY = 24 * 60

/** "2026-08" → its year and month; undefined when not a real month. */
export function parseMonth(text: string): { year: number; month: number } | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(text)
  if (!m) return undefined
  const year = Number(m[1])
  const month = Number(m[2])
  return month >= 1 && month <= 12 ? { year, month } : undefined
}

export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate()

/** Epoch minutes of local midnight (JST) starting the given day. */
export const jstMidnight = (year: number, month: number, day: number): number =>
  Date.UTC(year, month - 1, day) / 60000 - JST_OFFSET_MIN

/** The whole month in JST. */
export function monthInterval(year: number, month: number): Interval {
  return { start: jstMidnight(year, month, 1), end: jstMidnight(year, month + 1, 1) }
}

const pad = (n: number) => String(n).padStart(2, '0')
export const isoDay = (year: number, month: number, day: number): string =>
  `${year}-${pad(month)}-${pad(day)}`

/** Why a day is closed (閉庁日), or undefined when it is open. */
export function closedReason(
  hours: ServiceHours,
  year: number,
  month: number,
  day: number,
): string | undefined {
  const iso = isoDay(year, month, day)
  if (hours.closed.dates.includes(iso) || hours.closed.dates.includes(iso.slice(5)))
    return '閉庁日 (closed day)'
  if (hours.closed.holidays) {
    const h = (holidayJp.holidays as Record<string, { name: string } | undefined>)[iso]
    if (h) return `祝日: ${h.name}`
  }
  return undefined
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number)
  return h! * 60 + m!
}

/** Service windows of a month, in order, merged; each scheduled range on every open day. */
export function serviceWindows(hours: ServiceHours, year: number, month: number): Interval[] {
  const out: Interval[] = []
  const days = daysInMonth(year, month)
  for (let day = 1; day <= days; day++) {
    if (closedReason(hours, year, month, day)) continue
    const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!
    const ranges = hours.weekly[weekday] ?? []
    const base = jstMidnight(year, month, day)
    for (const r of ranges) {
      const [a, b] = r.split('-') as [string, string]
      const start = toMinutes(a)
      let end = toMinutes(b)
      if (end <= start) end += MIN_PER_DAY // crosses midnight
      out.push({ start: base + start, end: base + end })
    }
  }
  return mergeIntervals(clipAll(out, monthInterval(year, month)))
}

export function mergeIntervals(list: Interval[]): Interval[] {
  const sorted = [...list].sort((x, y) => x.start - y.start || x.end - y.end)
  const out: Interval[] = []
  for (const iv of sorted) {
    const last = out[out.length - 1]
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end)
    else out.push({ ...iv })
  }
  return out
}

export function clipAll(list: Interval[], to: Interval): Interval[] {
  const out: Interval[] = []
  for (const iv of list) {
    const start = Math.max(iv.start, to.start)
    const end = Math.min(iv.end, to.end)
    if (end > start) out.push({ start, end })
  }
  return out
}

/** Minutes of `iv` that fall inside the (sorted, disjoint) windows. */
export function overlapMinutes(iv: Interval, windows: Interval[]): number {
  let total = 0
  for (const w of windows) {
    if (w.end <= iv.start) continue
    if (w.start >= iv.end) break
    total += Math.min(w.end, iv.end) - Math.max(w.start, iv.start)
  }
  return total
}

export const totalMinutes = (list: Interval[]): number =>
  list.reduce((s, iv) => s + (iv.end - iv.start), 0)

/** Local JST text of epoch minutes: "2026-08-03 09:15". */
export function formatJst(epochMinutes: number): string {
  const d = new Date((epochMinutes + JST_OFFSET_MIN) * 60000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/**
 * A timestamp as epoch minutes: ISO 8601 with an offset ("2026-08-03T09:15:00+09:00", "…Z") or local
 * JST without one ("2026-08-03 09:15", "2026/08/03 9:15"). Seconds are floored to the minute. A date
 * that is not on the calendar is undefined.
 */
export function parseTimestamp(text: string): number | undefined {
  const m =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
      text.trim(),
    )
  if (!m) return undefined
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return undefined
  let offset = JST_OFFSET_MIN
  const z = m[7]
  if (z === 'Z') offset = 0
  else if (z) {
    const sign = z.startsWith('-') ? -1 : 1
    const digits = z.slice(1).replace(':', '')
    offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
  }
  return Date.UTC(year, month - 1, day, hour, minute) / 60000 - offset
}
