/** Renderings of a plan allocation for people: the Japanese members × years table and CSV rows. */
import {
  formatFiscalYear,
  formatPercent,
  formatYen,
  renderTable,
  toCsv,
  toDecimalString,
  type CsvCell,
  type PlanAllocation,
} from '@warikan/core'

/** 前年度比 of a member (or the total): "+1.2%", "−0.4%", or "—" without a previous year. */
export function yearOnYear(previous: number | undefined, current: number | undefined): string {
  if (previous === undefined || current === undefined || previous === 0) return '—'
  const change = (current - previous) / previous
  const text = formatPercent(change)
  return change > 0 ? `+${text}` : text
}

/** One line per currency rate used: 1 USD = ¥152.5（令和9年度〜令和12年度）. */
export function rateLines(plan: PlanAllocation): string[] {
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

export function planTitle(plan: PlanAllocation, title?: string, consortium?: string): string {
  const { from, to } = plan.output
  const period = `${formatFiscalYear(from)}〜${formatFiscalYear(to)}`
  return [title, consortium, period].filter(Boolean).join(' — ')
}

export function planTable(
  plan: PlanAllocation,
  labels: { title?: string; consortium?: string; minSavingsRate?: number } = {},
): string {
  const out = plan.output
  const years = out.years.map((y) => y.fiscalYear)
  const header = [
    '団体コード',
    '団体名',
    ...years.map(formatFiscalYear),
    '期間計',
    '単独導入計',
    '削減率',
  ]
  const rows: string[][] = []
  for (const m of out.members) {
    const at = (y: number) => m.byYear[String(y)]
    rows.push([
      m.code,
      m.name,
      ...years.map((y) => (at(y) === undefined ? '—' : formatYen(at(y)!))),
      formatYen(m.total),
      m.standaloneTotal === undefined ? '—' : formatYen(m.standaloneTotal),
      m.savingsRate === undefined ? '—' : formatPercent(m.savingsRate),
    ])
    rows.push([
      '',
      '  前年度比',
      ...years.map((y, k) => yearOnYear(k ? at(years[k - 1]!) : undefined, at(y))),
      '',
      '',
      '',
    ])
  }
  const standalone = out.members.reduce((a, m) => a + (m.standaloneTotal ?? 0), 0)
  rows.push([
    '',
    '合計',
    ...out.years.map((y) => formatYen(y.total)),
    formatYen(out.total),
    standalone ? formatYen(standalone) : '—',
    '',
  ])
  rows.push([
    '',
    '  前年度比',
    ...out.years.map((y, k) => yearOnYear(k ? out.years[k - 1]!.total : undefined, y.total)),
    '',
    '',
    '',
  ])
  const align = header.map((_, i) => (i < 2 ? 'left' : 'right') as 'left' | 'right')
  const lines = [planTitle(plan, labels.title, labels.consortium), renderTable(header, rows, align)]
  lines.push(...rateLines(plan))
  if (labels.minSavingsRate !== undefined) {
    const missing = out.members.filter(
      (m) => m.savingsRate !== undefined && m.savingsRate < labels.minSavingsRate!,
    )
    lines.push(
      `目標: 期間の削減率 ${formatPercent(labels.minSavingsRate, 0)} 以上 — ` +
        (missing.length
          ? `未達 ${missing.length} 団体 (${missing.map((m) => m.name).join('、')})`
          : '単独導入費用のある全団体が達成'),
    )
  }
  lines.push('削減率 = (単独導入計 − 期間計) ÷ 単独導入計。各年度は warikan allocate と同じ按分。')
  return lines.join('\n') + '\n'
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

export const planCsv = (plan: PlanAllocation): string => toCsv(planRows(plan), { bom: true })
