/** The Japanese text report of `warikan patterns --format table`. */
import { formatInteger, formatPercent, formatYen } from '../format/ja'
import { renderTable } from '../format/text-width'
import type { PatternsReport } from './evaluate'

const num = (x: number, digits = 2) => x.toFixed(digits)

export function patternsTable(report: PatternsReport): string {
  const out: string[] = []
  out.push('■ 共同利用形態の比較（表3-6）')
  out.push(
    renderTable(
      [
        'パターン',
        '形態',
        'グループ数',
        'サーバ台数',
        '年額サーバ費用',
        'ピーク利用率',
        '平均利用率',
        'バッチ衝突',
        '最大影響範囲',
        '運用結合度',
        '評価値',
        '順位',
      ],
      report.patterns.map((p) => [
        String(p.pattern),
        p.name,
        formatInteger(p.groupCount),
        formatInteger(p.servers),
        formatYen(p.annualCost),
        formatPercent(p.peakUtilisation),
        formatPercent(p.meanUtilisation),
        `${formatInteger(p.batchCollisions)}組`,
        `${p.blastRadius.members}団体・${p.blastRadius.services}業務`,
        `${p.coupling}種`,
        num(p.score, 3),
        `${p.rank}位`,
      ]),
      [
        'right',
        'left',
        'right',
        'right',
        'right',
        'right',
        'right',
        'right',
        'left',
        'right',
        'right',
        'right',
      ],
    ),
  )
  for (const p of report.patterns) {
    out.push('')
    out.push(`■ パターン${p.pattern}（${p.name}）のサーバグループ`)
    out.push(
      renderTable(
        [
          'グループ',
          '団体数',
          '業務数',
          '台数',
          'ピーク需要',
          'ピーク時期',
          'ピーク利用率',
          '平均利用率',
          'バッチ衝突',
          '運用結合度',
          '年額',
        ],
        p.groups.map((g) => [
          g.label,
          formatInteger(g.blastRadius.members),
          formatInteger(g.blastRadius.services),
          formatInteger(g.servers),
          `${num(g.peakDemand)}台分`,
          `${g.peakMonth}月${g.peakHour}時台`,
          formatPercent(g.peakUtilisation),
          formatPercent(g.meanUtilisation),
          `${formatInteger(g.batchCollisions)}組`,
          `${g.coupling}種`,
          formatYen(g.annualCost),
        ]),
        [
          'left',
          'right',
          'right',
          'right',
          'right',
          'right',
          'right',
          'right',
          'right',
          'right',
          'right',
        ],
      ),
    )
  }
  if (report.allocation.members.length) {
    const basis = { load: '利用負荷（従量）', population: '人口割', equal: '均等割' }[
      report.allocation.basis
    ]
    out.push('')
    out.push(`■ パターン別サーバ費用の負担金（按分基準: ${basis}）`)
    const rows = report.allocation.members.map((m) => [
      m.code,
      m.name,
      formatYen(m.burden[1]),
      formatYen(m.burden[2]),
      formatYen(m.burden[3]),
    ])
    const total = (k: 1 | 2 | 3) =>
      formatYen(report.allocation.members.reduce((a, m) => a + m.burden[k], 0))
    rows.push(['', '合計', total(1), total(2), total(3)])
    out.push(
      renderTable(['団体コード', '団体名', 'パターン1', 'パターン2', 'パターン3'], rows, [
        'left',
        'left',
        'right',
        'right',
        'right',
      ]),
    )
  }
  out.push('')
  out.push('■ 推奨')
  out.push(...report.recommendation.rationale)
  return out.join('\n') + '\n'
}
