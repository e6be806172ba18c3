/** Japanese number and date formats shared by the CLI, the API exports and the web view. */

const groupDigits = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/** ¥1,234,567; negative amounts as −¥1,234. */
export function formatYen(amount: number | bigint): string {
  const s = typeof amount === 'bigint' ? amount.toString() : Math.trunc(amount).toString()
  return s.startsWith('-') ? `−¥${groupDigits(s.slice(1))}` : `¥${groupDigits(s)}`
}

/** 1,234,567 (no currency sign). */
export function formatInteger(value: number | bigint): string {
  const s = typeof value === 'bigint' ? value.toString() : Math.round(value).toString()
  return s.startsWith('-') ? `−${groupDigits(s.slice(1))}` : groupDigits(s)
}

/** 0.2345 → "23.5%" (one decimal by default). */
export function formatPercent(rate: number, digits = 1): string {
  const text = (rate * 100).toFixed(digits)
  return `${text.startsWith('-') ? `−${text.slice(1)}` : text}%`
}

/** Signed difference: +¥1,234 / −¥1,234 / ±¥0. */
export function formatYenDelta(amount: number): string {
  if (amount === 0) return '±¥0'
  return amount > 0 ? `+${formatYen(amount)}` : formatYen(amount)
}

interface Era {
  name: string
  start: number
}
const ERAS: Era[] = [
  { name: '令和', start: 2019 },
  { name: '平成', start: 1989 },
  { name: '昭和', start: 1926 },
]

/** 2026 → 令和8年 (first year: 元年). */
export function formatJapaneseYear(year: number): string {
  const era = ERAS.find((e) => year >= e.start)
  if (!era) return `${year}年`
  const n = year - era.start + 1
  return `${era.name}${n === 1 ? '元' : n}年`
}

/** A month "2026-08" → 令和8年8月 (the era of its first day: "2019-04" → 平成31年4月). */
export const formatMonthJa = (month: string): string =>
  formatDateJa(`${month}-01`).replace(/1日$/, '')

/** An instant (epoch ms) as Japan's wall-clock time (UTC+9, no daylight saving): "2026-08-03T09:15:00". */
export const japanTimeIso = (epochMs: number): string =>
  new Date(epochMs + 9 * 3_600_000).toISOString().slice(0, 19)

/** Fiscal year (April–March) named by its starting year: 2026 → 令和8年度. */
export const formatFiscalYear = (fiscalYear: number): string =>
  `${formatJapaneseYear(fiscalYear)}度`

let japaneseCalendar: Intl.DateTimeFormat | undefined

/**
 * ISO date "2026-01-01" → 令和8年1月1日, the era from the Japanese calendar of `Intl` (so 1989-01-07 is
 * 昭和64年1月7日, 1989-01-08 平成元年1月8日, 2019-04-30 平成31年4月30日, 2019-05-01 令和元年5月1日). Text that
 * is not a calendar date is returned as it is.
 */
export function formatDateJa(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate)
  if (!m) return isoDate
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return isoDate
  japaneseCalendar ??= new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
    era: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  const parts = japaneseCalendar.formatToParts(date)
  const era = parts.find((p) => p.type === 'era')?.value
  // the first year of an era: "1", or already "元" in some ICU patterns
  const eraYear = parts.find((p) => p.type === 'year')?.value
  if (!era || !eraYear || !/^(\d+|元)$/.test(eraYear)) return `${year}年${month}月${day}日`
  return `${era}${eraYear === '1' ? '元' : eraYear}年${month}月${day}日`
}
