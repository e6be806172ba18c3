/**
 * 中期計画 (#plan): a multi-year plan's members × years (table and a chart of each member's burden over the
 * years), the period's 削減率, 前年度比, and a ¥/$ rate control (¥130–¥170) that recomputes every year live in
 * the browser with the core (the same expansion and engine as `warikan plan`), with the sensitivity band of
 * each member's period total. xlsx: one sheet for the period and one per year.
 */
import './plan.css'
import {
  allocateCompiledPlan,
  compilePlan,
  formatFiscalYear,
  formatYen,
  planRateLines,
  withRates,
  type CompiledPlan,
  type InputIssue,
  type PlanAllocation,
} from '@warikan/core'
import type { ChartConfiguration } from 'chart.js'
import { PALETTE } from '../charts/register'
import type { AppState } from '../model'
import { dataTable, h, replace } from './dom'
import { exportPlanXlsx } from './plan-export'
import { planSlides, type PlanSensitivity } from './plan-slides'
import { planTable } from './plan-table'
import { drawChart, panel } from './panel'

export const RATE_MIN = 130
export const RATE_MAX = 170

interface Loaded {
  title: string
  consortium: string
  compiled: CompiledPlan
  currencies: string[]
  sensitivity?: PlanSensitivity
  /** the plan at its own yearly rates (the band is drawn as the difference from it) */
  base: PlanAllocation
}

const yenTick = (v: string | number) => formatYen(Number(v))

export function renderPlan(root: HTMLElement, state: AppState): () => void {
  const picker = h('select', { id: 'plan-picker', 'aria-label': '中期計画' })
  const fileInput = h('input', { type: 'file', accept: 'application/json,.json', id: 'plan-file' })
  const status = h('p', { class: 'status', role: 'status' })
  const body = h('div', { class: 'plan-body' })
  replace(
    root,
    h('h1', { class: 'section-title' }, '中期計画（複数年度の負担金）'),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'plan-picker' }, '保存済みの計画 ', picker),
      h('label', { for: 'plan-file' }, '計画ファイルを開く ', fileInput),
    ),
    status,
    body,
  )
  let alive = true
  let loaded: Loaded | undefined

  const show = (doc: unknown, title?: string) => {
    const compiled = compilePlan(doc)
    if (!compiled.ok) return showIssues(compiled.issues)
    const plan = compiled.value
    const currencies = [
      ...new Set(
        plan.plan.costs.flatMap((c) => (c.currency && c.currency !== 'JPY' ? [c.currency] : [])),
      ),
    ]
    const base = allocateCompiledPlan(plan)
    if (!base.ok) return showIssues(base.issues)
    loaded = {
      title: title ?? plan.plan.plan.title ?? '中期計画',
      consortium: plan.plan.consortium.name,
      compiled: plan,
      currencies,
      base: base.value,
    }
    if (currencies.length) {
      const at = (r: number) => allocateCompiledPlan(withRates(plan, rateFor(currencies, r)))
      const low = at(RATE_MIN)
      const high = at(RATE_MAX)
      if (low.ok && high.ok)
        loaded.sensitivity = {
          lowRate: RATE_MIN,
          highRate: RATE_MAX,
          low: low.value,
          high: high.value,
        }
    }
    renderLoaded(loaded, base.value)
  }

  const showIssues = (issues: InputIssue[]) => {
    loaded = undefined
    replace(
      body,
      h(
        'div',
        { class: 'issues-banner', role: 'alert' },
        h('strong', {}, '計画ファイルに誤りがあります'),
        h(
          'ul',
          { class: 'plan-issues' },
          issues.map((i) => h('li', {}, `${i.path}: ${i.message}`)),
        ),
      ),
    )
  }

  function renderLoaded(l: Loaded, initial: PlanAllocation) {
    const tableHost = h('div', { class: 'plan-table-host' })
    const rateNote = h('p', { class: 'muted plan-rates' })
    const trend = panel(
      'plan-trend',
      '団体別負担額の推移',
      '各年度の負担金（円）。加入前・脱退後の年度は線がありません。',
    )
    const band = panel(
      'plan-band',
      `為替レートによる期間計の幅（¥${RATE_MIN}〜¥${RATE_MAX}/$）`,
      '計画の年度別レートで計算した期間計との差。帯: ¥130〜¥170/$ の範囲、点: いまのレート。',
    )
    let current = initial
    const slider = h('input', {
      type: 'range',
      id: 'plan-rate',
      min: RATE_MIN,
      max: RATE_MAX,
      step: 0.5,
      value: String(initialRate(l) ?? 150),
      disabled: !l.currencies.length,
    })
    const output = h('output', { for: 'plan-rate', id: 'plan-rate-value' })
    const usePlan = h('input', { type: 'checkbox', id: 'plan-rate-own', checked: true })
    const recompute = () => {
      const t0 = performance.now()
      const rates = usePlan.checked ? {} : rateFor(l.currencies, Number(slider.value))
      const r = allocateCompiledPlan(withRates(l.compiled, rates))
      const core = performance.now() - t0
      if (!r.ok) return showIssues(r.issues)
      current = r.value
      draw(current)
      root.dataset.planCoreMs = core.toFixed(2)
      root.dataset.planRecomputeMs = (performance.now() - t0).toFixed(2)
    }
    slider.addEventListener('input', () => {
      usePlan.checked = false
      recompute()
    })
    usePlan.addEventListener('change', recompute)
    const exportButton = h(
      'button',
      {
        type: 'button',
        class: 'button',
        id: 'plan-xlsx',
        onclick: async () => {
          const buf = await exportPlanXlsx(
            current,
            `${l.consortium} ${l.title}`,
            `中期計画_${l.consortium}_${formatFiscalYear(current.output.from)}-${formatFiscalYear(current.output.to)}`,
          )
          ;(window as { __planXlsx?: ArrayBuffer }).__planXlsx = buf
        },
      },
      'Excel に書き出す（期間＋各年度）',
    )

    function draw(plan: PlanAllocation) {
      const out = plan.output
      const period = `${formatFiscalYear(out.from)}〜${formatFiscalYear(out.to)}`
      output.value = usePlan.checked ? '計画のレート' : `¥${slider.value}/$`
      replace(tableHost, planTable(out, `団体別負担金と前年度比・期間の削減率（${period}）`))
      replace(rateNote, planRateLines(plan).join(' ／ '))
      drawChart(trend.body, trendChart(plan), '団体別負担額の推移（折れ線グラフ）')
      replace(
        trend.alt,
        dataTable(
          '団体別負担額（円）',
          ['団体', ...out.years.map((y) => formatFiscalYear(y.fiscalYear))],
          out.members.map((m) => [
            m.name,
            ...out.years.map((y) => {
              const v = m.byYear[String(y.fiscalYear)]
              return v === undefined ? '—' : formatYen(v)
            }),
          ]),
        ),
      )
      if (l.sensitivity) {
        drawChart(band.body, bandChart(plan, l.base, l.sensitivity), '為替レートによる期間計の幅')
        const [slide] = planSlides(plan, l, l.sensitivity).slice(1)
        if (slide) replace(band.alt, slide.content.cloneNode(true))
      } else
        replace(band.body, h('p', { class: 'muted' }, 'この計画に外貨建ての費目はありません。'))
    }

    replace(
      body,
      h(
        'p',
        { class: 'lead' },
        `${l.consortium} — ${l.title}（${formatFiscalYear(initial.output.from)}〜${formatFiscalYear(initial.output.to)}）`,
      ),
      h(
        'div',
        { class: 'plan-controls' },
        h(
          'label',
          { class: 'plan-rate', for: 'plan-rate' },
          `為替レート（${l.currencies.join('・') || '外貨なし'}）: `,
          slider,
          ' ',
          output,
        ),
        h('label', { for: 'plan-rate-own' }, usePlan, ' 計画の年度別レートを使う'),
        exportButton,
      ),
      rateNote,
      tableHost,
      h('div', { class: 'plan-grid' }, trend.el, band.el),
    )
    draw(current)
    root.dataset.planReady = 'true'
  }

  async function loadStored(id: string) {
    status.textContent = '読み込み中…'
    try {
      const plan = await state.api.plan(id)
      if (!alive) return
      status.textContent = ''
      show(plan.document, plan.title)
    } catch (e) {
      status.textContent = `計画を読み込めません: ${(e as Error).message}`
    }
  }

  picker.addEventListener('change', () => void loadStored(picker.value))
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0]
    if (!file) return
    try {
      show(JSON.parse(await file.text()) as unknown)
      status.textContent = `${file.name} を読み込みました（保存はしていません）`
    } catch (e) {
      showIssues([{ path: file.name, message: `JSON として読めません: ${(e as Error).message}` }])
    }
  })

  const cid = state.consortium?.id
  if (cid !== undefined)
    state.api
      .plans(cid)
      .then((plans) => {
        if (!alive) return
        replace(
          picker,
          plans.length
            ? plans.map((p) =>
                h(
                  'option',
                  { value: String(p.id) },
                  `${p.title}（${formatFiscalYear(p.from)}〜${formatFiscalYear(p.to)}、v${p.version}）`,
                ),
              )
            : h('option', { value: '' }, '（保存済みの計画はありません）'),
        )
        if (plans[0]) void loadStored(String(plans[0].id))
        else status.textContent = '保存済みの計画がありません。計画ファイルを開いてください。'
      })
      .catch((e: unknown) => {
        status.textContent = `計画の一覧を読み込めません: ${(e as Error).message}`
      })
  return () => {
    alive = false
  }
}

const rateFor = (currencies: string[], rate: number): Record<string, string> =>
  Object.fromEntries(currencies.map((c) => [c, String(rate)]))

/** The slider starts at the plan's latest given rate of its first currency, within the range. */
function initialRate(l: Loaded): number | undefined {
  const given = l.compiled.rates.get(l.currencies[0] ?? '')
  const last = given?.at(-1)?.[1]
  if (!last) return undefined
  const v = Number(last.n) / Number(last.d)
  return Math.min(RATE_MAX, Math.max(RATE_MIN, Math.round(v * 2) / 2))
}

export function trendChart(plan: PlanAllocation): ChartConfiguration {
  const out = plan.output
  return {
    type: 'line',
    data: {
      labels: out.years.map((y) => formatFiscalYear(y.fiscalYear)),
      datasets: out.members.map((m, i) => ({
        label: m.name,
        data: out.years.map((y) => m.byYear[String(y.fiscalYear)] ?? null),
        borderColor: PALETTE[i % PALETTE.length]!,
        backgroundColor: PALETTE[i % PALETTE.length]!,
        spanGaps: false,
        tension: 0,
      })),
    },
    options: {
      scales: { y: { ticks: { callback: yenTick } } },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: { label: (c) => `${c.dataset.label}: ${formatYen(Number(c.raw))}` },
        },
      },
    },
  }
}

function bandChart(
  plan: PlanAllocation,
  base: PlanAllocation,
  s: PlanSensitivity,
): ChartConfiguration {
  const out = plan.output
  const at = (p: PlanAllocation) => new Map(p.output.members.map((m) => [m.code, m.total]))
  const low = at(s.low)
  const high = at(s.high)
  const own = at(base)
  const diff = (table: Map<string, number>, code: string) =>
    (table.get(code) ?? 0) - (own.get(code) ?? 0)
  return {
    type: 'bar',
    data: {
      labels: out.members.map((m) => m.name),
      datasets: [
        {
          label: `¥${s.lowRate}〜¥${s.highRate}/$ の期間計（計画のレートとの差）`,
          data: out.members.map((m) => [diff(low, m.code), diff(high, m.code)]),
          backgroundColor: 'rgba(31, 90, 166, 0.35)',
          borderColor: PALETTE[0]!,
          borderWidth: 1,
        },
        {
          type: 'line',
          label: 'いまのレート',
          data: out.members.map((m) => m.total - (own.get(m.code) ?? 0)),
          showLine: false,
          pointRadius: 5,
          borderColor: PALETTE[1]!,
          backgroundColor: PALETTE[1]!,
        },
      ],
    } as ChartConfiguration['data'],
    options: {
      scales: { y: { ticks: { callback: yenTick } } },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (c) => {
              const raw = c.raw as number | [number, number]
              return Array.isArray(raw)
                ? `${formatYen(raw[0])} 〜 ${formatYen(raw[1])}`
                : `${c.dataset.label}: ${formatYen(raw)}`
            },
          },
        },
      },
    },
  }
}
