/** Renderings of an allocation for people: the Japanese table, CSV rows and explanation text. */
import {
  allocationRows,
  formatFiscalYear,
  formatPercent,
  formatYen,
  renderTable,
  toCsv,
  type Allocation,
  type Scenario,
  type ShareExplanation,
} from '@warikan/core'

export function allocationTitle(scenario: Scenario): string {
  return `${scenario.consortium.name} ${formatFiscalYear(scenario.consortium.fiscalYear)} 負担金按分`
}

const targetMark = (m: { meetsTarget?: boolean }) =>
  m.meetsTarget === undefined ? '—' : m.meetsTarget ? '✓' : '✗'

export function allocationTable(scenario: Scenario, allocation: Allocation): string {
  const out = allocation.output
  const header = [
    '団体コード',
    '団体名',
    ...scenario.costs.map((c) => c.name),
    '合計',
    '単独導入',
    '削減率',
    '目標達成',
  ]
  const rows = out.members.map((m) => [
    m.code,
    m.name,
    ...scenario.costs.map((c) => formatYen(m.shares[c.id] ?? 0)),
    formatYen(m.total),
    m.standaloneCost === undefined ? '—' : formatYen(m.standaloneCost),
    m.savingsRate === undefined ? '—' : formatPercent(m.savingsRate),
    targetMark(m),
  ])
  rows.push([
    '',
    '合計',
    ...out.costs.map((c) => formatYen(c.allocated)),
    formatYen(out.total),
    formatYen(out.members.reduce((a, m) => a + (m.standaloneCost ?? 0), 0)),
    '',
    '',
  ])
  const align = header.map(
    (_, i) => (i < 2 || i === header.length - 1 ? 'left' : 'right') as 'left' | 'right',
  )
  const lines = [allocationTitle(scenario), renderTable(header, rows, align)]
  const rate = scenario.target?.minSavingsRate
  if (rate !== undefined) {
    const missing = out.members.filter((m) => m.meetsTarget === false)
    lines.push(
      `目標: 単独導入に対する削減率 ${formatPercent(rate, 0)} 以上 — ` +
        (missing.length
          ? `未達 ${missing.length} 団体 (${missing.map((m) => m.name).join('、')})`
          : '全団体が達成'),
    )
  }
  lines.push(
    `端数処理: ${scenario.rounding?.unit === 1000 ? '千円' : '1円'}単位、最大剰余法（同順位は団体コード昇順）`,
  )
  return lines.join('\n') + '\n'
}

export const allocationCsv = (scenario: Scenario, allocation: Allocation): string =>
  toCsv(allocationRows(scenario, allocation), { bom: true })

export function explanationText(
  scenario: Scenario,
  code: string,
  items: ShareExplanation[],
): string {
  const member = scenario.members.find((m) => m.code === code)
  const lines = [
    `${member?.name ?? code} (${code}) の負担金の内訳 — ${allocationTitle(scenario)}`,
    '',
  ]
  for (const e of items) {
    lines.push(`■ ${e.costName} [${e.costId}] ${formatYen(e.amount)}  按分方法: ${e.rule}`)
    if (!e.participant) {
      lines.push(`  ${e.reason}`, '')
      continue
    }
    for (const d of e.drivers) {
      lines.push(
        `  ${d.label}${d.detail ? `(${d.detail})` : ''}: 重み ${d.weight}、当団体 ${d.value} / 参加 ${e.participants} 団体合計 ${d.total} = ${d.ratio}`,
      )
    }
    lines.push(`  正確な按分額 s = ${e.exactShare} 円 ≈ ${e.exactShareDecimal} 円`)
    lines.push(
      `  ${e.unit === 1 ? '1円' : formatYen(e.unit)}単位で切り捨て ${formatYen(e.floor)}、端数 ${e.fractionalPart}（${e.participants} 団体中 ${e.rank} 位）`,
    )
    lines.push(`  端数処理: ${e.reason}`)
    lines.push(`  負担額 ${formatYen(e.share)}`, '')
  }
  const total = items.reduce((a, e) => a + e.share, 0)
  lines.push(`合計 ${formatYen(total)}`)
  return lines.join('\n') + '\n'
}
