/**
 * Plan slides for the council deck (説明資料モード): the members × years table (fits A4 landscape) and the
 * ¥/$ sensitivity of each member's period total. Returns slide objects { title, content } as the deck uses.
 * Hook-in (present.ts): `slides.push(...planSlides(allocation, labels, sensitivity))`.
 */
import { formatFiscalYear, formatYen, planRateLines, type PlanAllocation } from '@warikan/core'
import { dataTable, h } from './dom'
import { planTable } from './plan-table'

export interface PlanSlide {
  title: string
  content: HTMLElement
}

export interface PlanSensitivity {
  lowRate: number
  highRate: number
  low: PlanAllocation
  high: PlanAllocation
}

export function planSlides(
  plan: PlanAllocation,
  labels: { title: string; consortium: string },
  sensitivity?: PlanSensitivity,
): PlanSlide[] {
  const out = plan.output
  const period = `${formatFiscalYear(out.from)}〜${formatFiscalYear(out.to)}`
  const slides: PlanSlide[] = [
    {
      title: `${labels.title}（${period}）`,
      content: h(
        'div',
        { class: 'plan-slide' },
        planTable(out, `${labels.consortium} 団体別負担金の見通し（${period}）`),
        h(
          'p',
          { class: 'muted' },
          [
            ...planRateLines(plan),
            '削減率 = (単独導入計 − 期間計) ÷ 単独導入計。各年度は単年度の按分と同じ計算。',
          ].join(' ／ '),
        ),
      ),
    },
  ]
  if (sensitivity) {
    const low = new Map(sensitivity.low.output.members.map((m) => [m.code, m.total]))
    const high = new Map(sensitivity.high.output.members.map((m) => [m.code, m.total]))
    slides.push({
      title: '為替レートによる負担の幅',
      content: h(
        'div',
        { class: 'plan-slide' },
        dataTable(
          `期間計の感応度（¥${sensitivity.lowRate}〜¥${sensitivity.highRate}/$）`,
          ['団体', `¥${sensitivity.lowRate}/$`, '計画のレート', `¥${sensitivity.highRate}/$`, '幅'],
          [
            ...out.members.map((m) => {
              const lo = low.get(m.code) ?? 0
              const hi = high.get(m.code) ?? 0
              return [m.name, formatYen(lo), formatYen(m.total), formatYen(hi), formatYen(hi - lo)]
            }),
            [
              '合計',
              formatYen(sensitivity.low.output.total),
              formatYen(out.total),
              formatYen(sensitivity.high.output.total),
              formatYen(sensitivity.high.output.total - sensitivity.low.output.total),
            ],
          ],
        ),
      ),
    })
  }
  return slides
}
