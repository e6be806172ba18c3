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

/** Fiscal year (April–March) named by its starting year: 2026 → 令和8年度. */
export const formatFiscalYear = (fiscalYear: number): string =>
  `${formatJapaneseYear(fiscalYear)}度`

/** ISO date "2026-01-01" → 令和8年1月1日. */
export function formatDateJa(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate)
  if (!m) return isoDate
  const year = Number(m[1])
  const month = Number(m[2])
  const day = Number(m[3])
  // 令和 began on 2019-05-01; earlier dates of 2019 are 平成31年.
  const eraYear = year === 2019 && month < 5 ? '平成31年' : formatJapaneseYear(year)
  return `${eraYear}${month}月${day}日`
}
