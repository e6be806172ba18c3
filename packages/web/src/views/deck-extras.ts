/**
 * Council-deck slides from the consortium's other records: the 中期計画 (members × years table, the burden
 * chart over the years, the ¥/$ sensitivity), SLA・継続性 (the month × service availability heat strip, the
 * coverage of 表2-14 per member) and the 外部サービス台帳 (影響度 matrix with counts by status, services by
 * 影響度 and status). Each slide is listed with hasData=false and the reason when its record does not exist, so
 * the deck builder shows it greyed and the deck leaves it out. Charts go through panels (print-charts.ts draws
 * their print copies); tables print as they are, paginated like the 負担金一覧.
 */
import { allocateCompiledPlan, formatInteger, withRates, type PlanAllocation } from '@warikan/core'
import { STATUS_JA, type ServiceStatus } from '@warikan/core/register'
import type { AppState } from '../model'
import { availabilityStrip, coverageTable } from './continuity'
import type { DeckEntry } from './deck-builder'
import { dataTable, h } from './dom'
import { drawChart, panel } from './panel'
import { RATE_MAX, RATE_MIN, trendChart } from './plan'
import { loadConsortiumPlan } from './plan-load'
import { planSlides, type PlanSensitivity } from './plan-slides'
import { bandsChart, bandsTable, impactMatrix } from './register'

export interface ExtraSlide extends DeckEntry {
  pages: HTMLElement[]
}

/** Rows of a member table per slide (the coverage matrix continues on the next slide). */
const ROWS_PER_SLIDE = 8

const none = (key: string, title: string, reason: string): ExtraSlide => ({
  key,
  title,
  hasData: false,
  reason,
  pages: [],
})

/** The consortium's first stored plan as slides (none when it has no plan or the plan does not compile). */
export async function planDeckSlides(state: AppState, cid: string | number): Promise<ExtraSlide[]> {
  const missing = (reason: string) => [
    none('plan-table', '中期計画 団体別負担金の見通し', reason),
    none('plan-trend', '中期計画 団体別負担額の推移', reason),
  ]
  const loaded = await loadConsortiumPlan(state, cid)
  if (!loaded.ok) return missing(loaded.reason)
  const plan = loaded.compiled
  const base = { value: loaded.allocation }
  const stored = { title: loaded.title }
  const currencies = [
    ...new Set(
      plan.plan.costs.flatMap((c) => (c.currency && c.currency !== 'JPY' ? [c.currency] : [])),
    ),
  ]
  let sensitivity: PlanSensitivity | undefined
  if (currencies.length) {
    const at = (r: number) =>
      allocateCompiledPlan(
        withRates(plan, Object.fromEntries(currencies.map((c) => [c, String(r)]))),
      )
    const low = at(RATE_MIN)
    const high = at(RATE_MAX)
    if (low.ok && high.ok)
      sensitivity = { lowRate: RATE_MIN, highRate: RATE_MAX, low: low.value, high: high.value }
  }
  const labels = { title: stored.title, consortium: plan.plan.consortium.name }
  const [table, band] = planSlides(base.value, labels, sensitivity)
  const slides: ExtraSlide[] = [
    { key: 'plan-table', title: table!.title, hasData: true, pages: paginate(table!.content) },
    trendSlide(base.value),
  ]
  if (band)
    slides.push({ key: 'plan-band', title: band.title, hasData: true, pages: [band.content] })
  return slides
}

/**
 * A slide's table split over slides of ROWS_PER_SLIDE body rows (the projector keeps its type size; the
 * 合計 row stays on the last slide). Other content of the slide (notes) is on every page.
 */
export function paginate(content: HTMLElement): HTMLElement[] {
  const rows = content.querySelectorAll('tbody tr:not(.total)').length
  if (rows <= ROWS_PER_SLIDE) return [content]
  const pages: HTMLElement[] = []
  for (let from = 0; from < rows; from += ROWS_PER_SLIDE) {
    const page = content.cloneNode(true) as HTMLElement
    const last = from + ROWS_PER_SLIDE >= rows
    page.querySelectorAll('tbody tr:not(.total)').forEach((tr, i) => {
      if (i < from || i >= from + ROWS_PER_SLIDE) tr.remove()
    })
    if (!last) page.querySelectorAll('tbody tr.total').forEach((tr) => tr.remove())
    pages.push(page)
  }
  return pages
}

function trendSlide(plan: PlanAllocation): ExtraSlide {
  const p = panel(
    'plan-trend',
    '団体別負担額の推移',
    '各年度の負担金（円）。加入前・脱退後の年度は線がありません。',
  )
  drawChart(p.body, trendChart(plan), '団体別負担額の推移（折れ線グラフ）')
  return { key: 'plan-trend', title: '中期計画 団体別負担額の推移', hasData: true, pages: [p.el] }
}

/** The availability heat strip of each 障害記録 and the coverage per member of each 継続性対策 file. */
export async function slaDeckSlides(state: AppState, cid: string | number): Promise<ExtraSlide[]> {
  const docs = await state.api.slaDocuments(cid)
  const wanted = docs.filter((d) => d.kind !== 'sla')
  const analyses = await Promise.all(wanted.map((d) => state.api.slaAnalysis(d.id)))
  const strips: ExtraSlide[] = []
  const coverage: ExtraSlide[] = []
  wanted.forEach((d, i) => {
    const a = analyses[i]!
    if (a.kind === 'incidents' && a.report.services.length) {
      const key = strips.length ? `sla-availability-${d.id}` : 'sla-availability'
      const missed = a.report.services.filter((s) => s.met === false).length
      const credit = a.report.services.reduce((t, s) => t + (s.credit?.amount ?? 0), 0)
      strips.push({
        key,
        title: `月別・サービス別の稼働率（${d.title}）`,
        hasData: true,
        pages: [
          h(
            'div',
            { class: 'sla-slide' },
            availabilityStrip(a.report),
            h(
              'p',
              { class: 'muted' },
              `目標未達 ${formatInteger(missed)} 件 ／ 減額の計 ${credit ? `¥${formatInteger(credit)}` : 'なし'}。稼働率はサービス時間に対する分単位の値（契約の計上ルールによる）。`,
            ),
          ),
        ],
      })
    }
    if (a.kind === 'continuity' && a.report.members.length) {
      const key = coverage.length ? `continuity-${d.id}` : 'continuity'
      const pages: HTMLElement[] = []
      const members = a.report.members
      for (let k = 0; k < members.length; k += ROWS_PER_SLIDE)
        pages.push(
          h(
            'div',
            { class: 'sla-slide' },
            coverageTable({ ...a.report, members: members.slice(k, k + ROWS_PER_SLIDE) }),
            h(
              'p',
              { class: 'muted' },
              a.report.matrix.map((m) => `(${m.no}) ${m.name}`).join('　'),
            ),
          ),
        )
      coverage.push({
        key,
        title: `障害パターン別の対策状況（${d.title}）`,
        hasData: true,
        pages,
      })
    }
  })
  return [
    ...(strips.length
      ? strips
      : [none('sla-availability', '月別・サービス別の稼働率', '障害記録がありません。')]),
    ...(coverage.length
      ? coverage
      : [none('continuity', '障害パターン別の対策状況', '継続性対策のファイルがありません。')]),
  ]
}

const STATUSES: ServiceStatus[] = ['applied', 'approved', 'inUse', 'refused', 'ended']

/** The 外部サービス台帳: 影響度 matrix with the counts by status, and services by 影響度 and status. */
export async function registerDeckSlides(
  state: AppState,
  cid: string | number,
): Promise<ExtraSlide[]> {
  const list = await state.api.externalServices(cid)
  if (!list.length) {
    const reason = '外部サービス台帳は空です。'
    return [
      none('register-matrix', '外部サービスの影響度', reason),
      none('register-bands', '影響度別・状態別の外部サービス数', reason),
    ]
  }
  const counts = dataTable(
    `状態別の件数（計 ${formatInteger(list.length)} 件）`,
    ['', ...STATUSES.map((s) => STATUS_JA[s])],
    [['件数', ...STATUSES.map((s) => formatInteger(list.filter((x) => x.status === s).length))]],
  )
  const bands = panel('register-bands', '影響度別・状態別のサービス数')
  drawChart(bands.body, bandsChart(list), '影響度別・状態別のサービス数')
  bands.alt.append(bandsTable(list))
  return [
    {
      key: 'register-matrix',
      title: '外部サービスの影響度（機密性 × 住民影響）',
      hasData: true,
      pages: [
        h(
          'div',
          { class: 'register-slide' },
          impactMatrix(list),
          counts,
          h(
            'p',
            { class: 'muted' },
            '各マスは該当するサービス数と、その中で最も高い行政運営影響度（機密性・住民影響・精神的苦痛・経済的損失の積）。',
          ),
        ),
      ],
    },
    {
      key: 'register-bands',
      title: '影響度別・状態別の外部サービス数',
      hasData: true,
      pages: [bands.el],
    },
  ]
}

/** Every extra slide of the consortium; a record that cannot be read is listed with the reason. */
export async function deckExtras(state: AppState): Promise<ExtraSlide[]> {
  const cid = state.consortium?.id
  if (cid === undefined) return []
  const guard = async (
    load: () => Promise<ExtraSlide[]>,
    key: string,
    title: string,
  ): Promise<ExtraSlide[]> => {
    try {
      return await load()
    } catch (e) {
      return [none(key, title, `読み込めません: ${(e as Error).message}`)]
    }
  }
  const parts = await Promise.all([
    guard(() => planDeckSlides(state, cid), 'plan-table', '中期計画'),
    guard(() => slaDeckSlides(state, cid), 'sla-availability', 'SLA・継続性'),
    guard(() => registerDeckSlides(state, cid), 'register-matrix', '外部サービス台帳'),
  ])
  return parts.flat()
}
