/** Plan figures for people, shared by the CLI table, the web view and the slides. */
import { formatFiscalYear, formatPercent } from '../format/ja'
import type { CsvCell } from '../format/csv'
import { toDecimalString } from '../rational'
import type { Result } from '../scenario/issues'
import type { PlanAllocation } from './plan-allocate'
import type { PlanDecimal } from './schema'

/** 前年度比 as a rate: (current − previous) / previous; undefined without a previous year (or from 0). */
export function yearOnYearRate(
  previous: number | undefined,
  current: number | undefined,
): number | undefined {
  if (previous === undefined || current === undefined || previous === 0) return undefined
  return (current - previous) / previous
}

/** 前年度比 for a table cell: "+1.2%", "−0.4%", "±0.0%", or "—". */
export function formatYearOnYear(
  previous: number | undefined,
  current: number | undefined,
): string {
  const rate = yearOnYearRate(previous, current)
  if (rate === undefined) return '—'
  const text = formatPercent(rate)
  return rate > 0 && text !== '0.0%' ? `+${text}` : text
}

/** One line per currency rate used: 1 USD = ¥152.5（令和9年度〜令和12年度）. */
export function planRateLines(plan: PlanAllocation): string[] {
  const byRate = new Map<string, { currency: string; rate: string; years: number[] }>()
  for (const y of plan.years)
    for (const use of y.rates) {
      const rate = toDecimalString(use.rate, 6)
      const key = `${use.currency} ${rate}`
      const entry = byRate.get(key) ?? { currency: use.currency, rate, years: [] }
      if (!entry.years.includes(y.fiscalYear)) entry.years.push(y.fiscalYear)
      byRate.set(key, entry)
    }
  return [...byRate.values()].map(
    (e) => `為替レート: 1 ${e.currency} = ¥${e.rate}（${yearRanges(e.years)}）`,
  )
}

function yearRanges(years: number[]): string {
  const sorted = [...years].sort((a, b) => a - b)
  const runs: Array<[number, number]> = []
  for (const y of sorted) {
    const last = runs.at(-1)
    if (last && last[1] === y - 1) last[1] = y
    else runs.push([y, y])
  }
  return runs
    .map(([a, b]) =>
      a === b ? formatFiscalYear(a) : `${formatFiscalYear(a)}〜${formatFiscalYear(b)}`,
    )
    .join('、')
}

/** CSV rows: one per member, years as columns (yen), then the period totals. */
export function planRows(plan: PlanAllocation): CsvCell[][] {
  const out = plan.output
  const years = out.years.map((y) => y.fiscalYear)
  const rows: CsvCell[][] = [
    ['団体コード', '団体名', ...years.map(formatFiscalYear), '期間計', '単独導入計', '削減率'],
  ]
  for (const m of out.members)
    rows.push([
      m.code,
      m.name,
      ...years.map((y) => m.byYear[String(y)]),
      m.total,
      m.standaloneTotal,
      m.savingsRate,
    ])
  rows.push(['', '合計', ...out.years.map((y) => y.total), out.total, undefined, undefined])
  return rows
}

/** Rate overrides as typed: `USD=160` (CLI `--rate`, repeatable) or `USD=160,EUR=170` (API `?rate=`). */
export function parseRateOverrides(values: readonly string[]): Result<Record<string, PlanDecimal>> {
  const rates: Record<string, PlanDecimal> = {}
  for (const part of values.flatMap((v) => v.split(','))) {
    if (part.trim() === '') continue
    const m = /^\s*([A-Z]{3})=(\d+(\.\d+)?)\s*$/.exec(part)
    if (!m || Number(m[2]) <= 0)
      return {
        ok: false,
        issues: [
          {
            path: 'rate',
            message: `${part}: 通貨=レート の形で書いてください (expected e.g. USD=160)`,
          },
        ],
      }
    rates[m[1]!] = m[2]!
  }
  return { ok: true, value: rates }
}
