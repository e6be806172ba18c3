/** Renderings of an allocation for people: the Japanese table, CSV rows and explanation text. */
import {
  allocationRows,
  formatFiscalYear,
  formatPercent,
  formatYen,
  formatYenDelta,
  METHOD_LABELS,
  renderTable,
  toCsv,
  UNIT_LABELS,
  type AdjustmentExplanation,
  type Allocation,
  type Scenario,
  type ShareExplanation,
  type SplitExplanation,
} from '@warikan/core'

export function allocationTitle(scenario: Scenario): string {
  return `${scenario.consortium.name} ${formatFiscalYear(scenario.consortium.fiscalYear)} 負担金按分`
}

const targetMark = (m: { meetsTarget?: boolean }) =>
  m.meetsTarget === undefined ? '—' : m.meetsTarget ? '✓' : '✗'

export function allocationTable(scenario: Scenario, allocation: Allocation): string {
  const out = allocation.output
  const adjusted = out.members.some((m) => m.adjustments !== undefined)
  const header = [
    '団体コード',
    '団体名',
    ...scenario.costs.map((c) => c.name),
    ...(adjusted ? ['調整額'] : []),
    '合計',
    '単独導入',
    '削減率',
    '目標達成',
  ]
  const rows = out.members.map((m) => [
    m.code,
    m.name,
    ...scenario.costs.map((c) => formatYen(m.shares[c.id] ?? 0)),
    ...(adjusted ? [m.adjustments === undefined ? '—' : formatYenDelta(m.adjustments)] : []),
    formatYen(m.total),
    m.standaloneCost === undefined ? '—' : formatYen(m.standaloneCost),
    m.savingsRate === undefined ? '—' : formatPercent(m.savingsRate),
    targetMark(m),
  ])
  rows.push([
    '',
    '合計',
    ...out.costs.map((c) => formatYen(c.allocated)),
    ...(adjusted
      ? [formatYenDelta(out.members.reduce((a, m) => a + (m.adjustments ?? 0), 0))]
      : []),
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
  const method = scenario.rounding?.method ?? 'largestRemainder'
  lines.push(
    `端数処理: ${unitName(scenario.rounding?.unit ?? 1)}単位、${METHOD_LABELS[method]}${method === 'largestRemainder' ? '（同順位は団体コード昇順）' : `（調整: ${scenario.rounding?.adjuster === 'largestShare' ? '按分額が最大の団体' : (scenario.rounding?.adjuster ?? '—')}）`}${scenario.costs.some((c) => c.rounding || c.parts) ? '。費目ごとの指定あり（--explain で表示）' : ''}`,
  )
  return lines.join('\n') + '\n'
}

export const allocationCsv = (scenario: Scenario, allocation: Allocation): string =>
  toCsv(allocationRows(scenario, allocation), { bom: true })

const unitName = (unit: number) => UNIT_LABELS[unit] ?? formatYen(unit)

function splitLines(e: SplitExplanation): string[] {
  const lines = [
    `  ◇ ${e.name ?? '部分'}（${e.weight}）${formatYen(e.amount)}  按分方法: ${e.rule}`,
  ]
  if (!e.participant) return [...lines, `    ${e.reason}`]
  for (const d of e.drivers)
    lines.push(
      `    ${d.label}${d.detail ? `(${d.detail})` : ''}: 当団体 ${d.value} / 参加 ${e.participants} 団体合計 ${d.total} = ${d.ratio}`,
    )
  lines.push(`    正確な按分額 ${e.exactShare} 円 ≈ ${e.exactShareDecimal} 円`)
  lines.push(`    端数処理: ${METHOD_LABELS[e.method]}、${unitName(e.unit)}単位 — ${e.reason}`)
  lines.push(`    この区分の負担額 ${formatYen(e.share)}`)
  return lines
}

export function explanationText(
  scenario: Scenario,
  code: string,
  items: ShareExplanation[],
  adjustments: AdjustmentExplanation[] = [],
): string {
  const member = scenario.members.find((m) => m.code === code)
  const lines = [
    `${member?.name ?? code} (${code}) の負担金の内訳 — ${allocationTitle(scenario)}`,
    '',
  ]
  for (const e of items) {
    lines.push(`■ ${e.costName} [${e.costId}] ${formatYen(e.amount)}  按分方法: ${e.rule}`)
    if (e.deductions) {
      for (const d of e.deductions) lines.push(`  控除: ${d.name} ${formatYen(d.amount)}`)
      lines.push(`  按分する額（控除後）${formatYen(e.net ?? e.amount)}`)
    }
    if (!e.participant) {
      lines.push(`  ${e.reason}`, '')
      continue
    }
    if (e.parts) {
      for (const part of e.parts) lines.push(...splitLines(part))
      lines.push(`  ${e.reason}`)
      lines.push(`  負担額 ${formatYen(e.share)}`, '')
      continue
    }
    for (const d of e.drivers) {
      lines.push(
        `  ${d.label}${d.detail ? `(${d.detail})` : ''}: 重み ${d.weight}、当団体 ${d.value} / 参加 ${e.participants} 団体合計 ${d.total} = ${d.ratio}`,
      )
    }
    lines.push(`  正確な按分額 s = ${e.exactShare} 円 ≈ ${e.exactShareDecimal} 円`)
    if (e.method === 'largestRemainder') {
      lines.push(
        `  ${e.unit === 1 ? '1円' : formatYen(e.unit)}単位で切り捨て ${formatYen(e.floor)}、端数 ${e.fractionalPart}（${e.participants} 団体中 ${e.rank} 位）`,
      )
      lines.push(`  端数処理: ${e.reason}`)
    } else {
      lines.push(`  端数処理: ${METHOD_LABELS[e.method]}、${unitName(e.unit)}単位 — ${e.reason}`)
    }
    lines.push(`  負担額 ${formatYen(e.share)}`, '')
  }
  const total = items.reduce((a, e) => a + e.share, 0)
  if (adjustments.length) {
    lines.push(`負担額の合計 ${formatYen(total)}`)
    for (const a of adjustments)
      lines.push(`調整額: ${a.reason ?? '（理由なし）'} ${formatYenDelta(a.amount)}`)
    const adjusted = adjustments.reduce((acc, a) => acc + a.amount, 0)
    lines.push(`合計 ${formatYen(total + adjusted)}`)
  } else lines.push(`合計 ${formatYen(total)}`)
  return lines.join('\n') + '\n'
}
