/** Renderings of a plan allocation for people: the Japanese members × years table and CSV rows. */
import {
  formatFiscalYear,
  formatYearOnYear,
  planRateLines,
  planRows,
  formatPercent,
  formatYen,
  renderTable,
  toCsv,
  type PlanAllocation,
} from '@warikan/core'

export const yearOnYear = formatYearOnYear

export const rateLines = planRateLines

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
  // the period's 単独導入計 only when every member has one (else the sum would compare unlike things)
  const standalone = out.members.every((m) => m.standaloneTotal !== undefined)
    ? out.members.reduce((a, m) => a + m.standaloneTotal!, 0)
    : 0
  rows.push([
    '',
    '合計',
    ...out.years.map((y) => formatYen(y.total)),
    formatYen(out.total),
    standalone ? formatYen(standalone) : '—',
    standalone ? formatPercent((standalone - out.total) / standalone) : '',
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

export const planCsv = (plan: PlanAllocation): string => toCsv(planRows(plan), { bom: true })
