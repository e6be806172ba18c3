/** Japanese text tables of the SLA check, the availability report and the continuity matrix (CLI table format). */
import { formatInteger, formatMonthJa, formatYen, renderTable } from '@warikan/core'
import {
  COUNTERMEASURES,
  countermeasureShort,
  GRADE_STATUS_JA,
  type ContinuityReport,
  type GradeFinding,
  type SlaFile,
} from '@warikan/core/sla'
import type { SlaReport } from './sla.service'

export function gradeTable(sla: SlaFile, findings: GradeFinding[]): string {
  const rows = findings.map((f) => [f.item, GRADE_STATUS_JA[f.status], f.agreed, f.message])
  const bad = findings.filter((f) => f.status !== 'ok').length
  return [
    `${sla.consortium.name} SLA グレード確認（表2-13 の推奨グレードとの比較）`,
    renderTable(['SLA 項目', '判定', '合意内容', '所見'], rows),
    bad
      ? `推奨に届かない項目: ${bad} / ${findings.length}`
      : `全 ${findings.length} 項目が推奨どおりです`,
    '',
  ].join('\n')
}

const minutes = (m: number | undefined) =>
  m === undefined ? '—' : `${Number.isInteger(m) ? formatInteger(m) : m.toFixed(2)}分`

export function availabilityTable(report: SlaReport): string {
  const out: string[] = [`${report.consortium} 稼働率・減額報告`]
  for (const month of report.months) {
    const list = report.services.filter((s) => s.month === month)
    out.push('', `■ ${formatMonthJa(month)}`)
    out.push(
      renderTable(
        [
          'サービス',
          'サービス時間',
          '障害時間',
          '稼働率',
          '目標',
          '許容停止',
          '判定',
          'MTTR',
          '減額',
        ],
        list.map((s) => [
          s.serviceName,
          minutes(s.serviceMinutes),
          minutes(s.downtimeMinutes),
          `${(s.availability * 100).toFixed(3)}%`,
          s.target === undefined ? '—' : `${+(s.target * 100).toFixed(3)}%`,
          minutes(s.allowedDowntimeMinutes),
          s.met === undefined ? '—' : s.met ? '✓ 達成' : '✗ 未達',
          s.mttrMinutes === undefined ? '—' : `${(s.mttrMinutes / 60).toFixed(2)}時間`,
          s.credit ? `${formatYen(s.credit.amount)}（${s.credit.tier}）` : '—',
        ]),
        ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'right', 'right'],
      ),
    )
    for (const s of list) {
      if (!s.incidents.length && !s.notices.length) continue
      out.push(`  ${s.serviceName}:`)
      for (const i of s.incidents)
        out.push(
          `    ${i.lines.map((l) => `${l}行目`).join('・')} ${i.start}〜${i.end} ${i.cause || '—'}: ${STATUS_INCIDENT[i.status]} ${i.countedMinutes}分${i.note ? `（${i.note}）` : ''}`,
        )
      for (const n of s.notices) out.push(`    注: ${n}`)
    }
  }
  out.push('')
  return out.join('\n')
}

const STATUS_INCIDENT = {
  counted: '計上',
  excluded: '除外',
  belowMinimum: '最小時間未満',
  outsideHours: 'サービス時間外',
} as const

export function continuityTable(report: ContinuityReport): string {
  const out = [
    '表2-15 ネットワーク障害パターンと主な対策',
    renderTable(
      ['障害パターン', ...COUNTERMEASURES.map((c) => c.short)],
      report.matrix.map((r) => [`(${r.no}) ${r.name}`, ...r.marks.map((m) => (m ? '○' : ''))]),
    ),
    '',
    '団体ごとの対策状況',
    renderTable(
      ['団体', '対策', '未対策のパターン', '解消に必要な対策', '費用'],
      report.members.map((m) => [
        m.name,
        m.countermeasures.map((c) => countermeasureShort(c)).join('・') || 'なし',
        m.uncovered.length ? m.uncovered.map((n) => `(${n})`).join('') : 'なし',
        m.closeGaps
          ? m.closeGaps.countermeasures.map((c) => countermeasureShort(c)).join('・') || '—'
          : '費用未設定',
        m.closeGaps ? formatYen(m.closeGaps.cost) : '—',
      ]),
      ['left', 'left', 'left', 'left', 'right'],
    ),
  ]
  if (report.shared) {
    const ids = Object.keys(report.shared.members[0]?.shares ?? {})
    out.push(
      '',
      '共同で行う対策の負担',
      renderTable(
        ['団体', ...ids, '合計'],
        report.shared.members.map((m) => [
          m.name,
          ...ids.map((id) => formatYen(m.shares[id] ?? 0)),
          formatYen(m.total),
        ]),
        ['left', ...ids.map(() => 'right' as const), 'right'],
      ),
    )
  }
  out.push('')
  return out.join('\n')
}
