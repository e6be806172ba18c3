/** Renderings of traffic aggregates and the divergence report for people (Japanese tables). */
import {
  formatInteger,
  formatPercent,
  formatYen,
  formatYenDelta,
  isLocalGovCode,
  renderTable,
  type TrafficAggregate,
} from '@warikan/core'
import {
  OTHERS_LABEL,
  crossQueryMatrix,
  type DivergenceReport,
  type MatrixMember,
  type TrafficMonth,
} from '@warikan/core/traffic'

/** The members of the matrix: the scenario's, or else every id that is a valid 団体コード. */
export function matrixMembers(
  traffic: TrafficAggregate,
  scenarioMembers?: readonly MatrixMember[],
): MatrixMember[] {
  if (scenarioMembers) return [...scenarioMembers]
  const codes = new Set<string>()
  for (const p of traffic.pairs) {
    if (isLocalGovCode(p.requester)) codes.add(p.requester)
    if (isLocalGovCode(p.provider)) codes.add(p.provider)
  }
  return [...codes].sort().map((code) => ({ code, name: code }))
}

export function crossQueryTable(
  traffic: TrafficAggregate,
  members: readonly MatrixMember[],
  months: readonly TrafficMonth[],
): string {
  const m = crossQueryMatrix(traffic, members)
  const header = ['照会元＼提供先', ...m.labels, '合計']
  const rows = m.cells.map((row, i) => [
    m.labels[i]!,
    ...row.map((v) => formatInteger(v)),
    formatInteger(m.rowTotals[i]!),
  ])
  rows.push(['合計', ...m.columnTotals.map((v) => formatInteger(v)), formatInteger(m.total)])
  const align = header.map((_, i) => (i === 0 ? 'left' : 'right') as 'left' | 'right')
  const lines = [
    `照会件数マトリクス (照会元 × 提供先) — ${formatInteger(traffic.rows)} 件`,
    renderTable(header, rows, align),
  ]
  if (m.labels.includes(OTHERS_LABEL))
    lines.push(
      `${OTHERS_LABEL}: 構成団体以外の機関 (国の機関、構成団体以外の自治体など) をまとめたもの`,
    )
  if (months.length) {
    lines.push('', '月別件数 (日本時間)')
    lines.push(
      renderTable(
        ['月', '照会件数', '件数 (records)', 'バイト数'],
        months.map((x) => [
          x.month,
          formatInteger(x.queries),
          formatInteger(x.records),
          formatInteger(x.bytes),
        ]),
        ['left', 'right', 'right', 'right'],
      ),
    )
  }
  return lines.join('\n') + '\n'
}

const rate = (r: number | null) => (r === null ? '—' : (r > 0 ? '+' : '') + formatPercent(r))

export function divergenceTable(report: DivergenceReport): string {
  const header = [
    '団体コード',
    '団体名',
    '人口割',
    '照会元負担',
    '差額',
    '差(%)',
    '提供元負担',
    '差額',
    '差(%)',
    '折半',
    '差額',
    '差(%)',
  ]
  const rows = report.members.map((m) => [
    m.code,
    m.name,
    formatYen(m.populationShare),
    ...(['requester', 'provider', 'split'] as const).flatMap((b) => [
      formatYen(m.bases[b].share),
      formatYenDelta(m.bases[b].difference),
      rate(m.bases[b].differenceRate),
    ]),
  ])
  const align = header.map((_, i) => (i < 2 ? 'left' : 'right') as 'left' | 'right')
  const items = report.costs.map(
    (c) =>
      `${c.name} [${c.id}] ${formatYen(c.amount)} (${c.unit === 'records' ? '件数' : '照会件数'}単位)`,
  )
  return (
    [
      `人口割と利用実績割の乖離 — 対象費目: ${items.join('、')}`,
      renderTable(header, rows, align),
      '差額 = 利用実績割 − 人口割 (正: 人口割では負担が過小、負: 過大)。差の大きい順。',
    ].join('\n') + '\n'
  )
}
