/** The charts of the studio and of the presentation slides. Each also writes its table (text alternative). */
import {
  formatInteger,
  formatPercent,
  formatYen,
  type Allocation,
  type Scenario,
  type TrafficAggregate,
} from '@warikan/core'
import { institutionName } from '@warikan/core/traffic'
import { PALETTE } from '../charts/register'
import type { MonthlyPoint } from '../model'
import { showYen } from './display-unit'
import { dataTable, h, replace } from './dom'
import { drawChart, empty, type Panel } from './panel'

/** Called when the planner clicks a number: explain member `code` (optionally one cost item). */
export type ExplainHandler = (code: string, costId?: string) => void

/** Yen axes follow the studio's 円 / 千円 / 百万円 switch (display-unit.ts); tooltips keep the exact yen. */
const yenTick = (v: string | number) => showYen(Number(v))
const pctTick = (v: string | number) => formatPercent(Number(v) / 100, 0)

/** A number that opens its explanation. */
export function explainButton(
  text: string,
  code: string,
  onExplain: ExplainHandler | undefined,
  costId?: string,
  label?: string,
): HTMLElement {
  if (!onExplain) return h('span', {}, text)
  return h(
    'button',
    {
      type: 'button',
      class: 'num-link',
      title: '内訳を表示',
      'aria-label': label ? `${label}: ${text}（内訳を表示）` : `${text}（内訳を表示）`,
      'data-code': code,
      ...(costId ? { 'data-cost': costId } : {}),
      onclick: () => onExplain(code, costId),
    },
    text,
  )
}

/** 負担金 by cost item, stacked per member. Text alternative: the members × cost items table. */
export function renderCostStack(
  p: Panel,
  scenario: Scenario,
  allocation: Allocation,
  onExplain?: ExplainHandler,
): void {
  const out = allocation.output
  drawChart(
    p.body,
    {
      type: 'bar',
      data: {
        labels: out.members.map((m) => m.name),
        datasets: scenario.costs.map((c, i) => ({
          label: c.name,
          data: out.members.map((m) => m.shares[c.id] ?? 0),
          backgroundColor: PALETTE[i % PALETTE.length]!,
          stack: 'cost',
        })),
      },
      options: {
        scales: {
          x: { stacked: true },
          y: { stacked: true, ticks: { callback: yenTick } },
        },
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: {
            callbacks: { label: (c) => `${c.dataset.label}: ${formatYen(Number(c.raw))}` },
          },
        },
      },
    },
    '団体別・費目別の負担金（積み上げ棒グラフ）',
  )
  const rows = out.members.map((m) => [
    `${m.name}`,
    ...scenario.costs.map((c) =>
      explainButton(formatYen(m.shares[c.id] ?? 0), m.code, onExplain, c.id, `${m.name} ${c.name}`),
    ),
    explainButton(formatYen(m.total), m.code, onExplain, undefined, `${m.name} 合計`),
  ])
  rows.push(['合計', ...out.costs.map((c) => formatYen(c.allocated)), formatYen(out.total)])
  replace(
    p.alt,
    dataTable('負担金内訳（円）', ['団体', ...scenario.costs.map((c) => c.name), '合計'], rows, {
      className: 'data breakdown',
    }),
  )
}

/** Savings rate per member against the target line (2割). */
export function renderSavings(p: Panel, scenario: Scenario, allocation: Allocation): void {
  const members = allocation.output.members.filter((m) => m.savingsRate !== undefined)
  if (!members.length)
    return empty(p, '単独導入費用が入力されていないため、削減率は計算できません。')
  const target = scenario.target?.minSavingsRate
  drawChart(
    p.body,
    {
      type: 'bar',
      data: {
        labels: members.map((m) => m.name),
        datasets: [
          {
            type: 'bar',
            label: '削減率',
            data: members.map((m) => (m.savingsRate ?? 0) * 100),
            backgroundColor: members.map((m) => (m.meetsTarget === false ? '#c23b3b' : '#2a9d5b')),
            order: 2,
          },
          ...(target === undefined
            ? []
            : [
                {
                  type: 'line' as const,
                  label: `目標 ${formatPercent(target, 0)}`,
                  data: members.map(() => target * 100),
                  borderColor: '#222',
                  borderDash: [6, 4],
                  pointRadius: 0,
                  borderWidth: 2,
                  order: 1,
                },
              ]),
        ],
      },
      options: {
        scales: { y: { ticks: { callback: pctTick }, suggestedMin: 0 } },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: (c) => `${c.dataset.label}: ${formatPercent(Number(c.raw) / 100)}`,
            },
          },
        },
      },
    },
    '団体別の削減率と目標線',
  )
  replace(
    p.alt,
    dataTable(
      `削減率${target === undefined ? '' : `（目標 ${formatPercent(target, 0)} 以上）`}`,
      ['団体', '単独導入費用', '負担金', '削減額', '削減率', '目標'],
      members.map((m) => [
        m.name,
        formatYen(m.standaloneCost ?? 0),
        formatYen(m.total),
        formatYen((m.standaloneCost ?? 0) - m.total),
        formatPercent(m.savingsRate ?? 0),
        targetMark(m.meetsTarget),
      ]),
    ),
  )
}

export const targetMark = (meets: boolean | undefined): string =>
  meets === undefined ? '—' : meets ? '✓ 達成' : '✗ 未達'

export interface DivergenceRow {
  code: string
  name: string
  populationShare: number
  trafficShare: number
}

/** A gap of at least this many points is highlighted. */
export const GAP_HIGHLIGHT = 0.02

/** Population-based vs traffic-based share per member; the gap is highlighted. */
export function renderDivergence(p: Panel, rows: DivergenceRow[]): void {
  if (!rows.length) return empty(p, '照会ログがないため乖離は計算できません。')
  const gap = rows.map((r) => r.trafficShare - r.populationShare)
  drawChart(
    p.body,
    {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.name),
        datasets: [
          {
            label: '人口割の比率',
            data: rows.map((r) => r.populationShare * 100),
            backgroundColor: '#9db4d6',
          },
          {
            label: '利用実績（照会）の比率',
            data: rows.map((r) => r.trafficShare * 100),
            backgroundColor: '#1f5aa6',
          },
          {
            label: '乖離（実績 − 人口）',
            data: gap.map((g) => g * 100),
            backgroundColor: gap.map((g) =>
              Math.abs(g) >= GAP_HIGHLIGHT ? (g > 0 ? '#c23b3b' : '#e07b00') : '#c9c9c9',
            ),
          },
        ],
      },
      options: {
        scales: { y: { ticks: { callback: pctTick } } },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: (c) => `${c.dataset.label}: ${formatPercent(Number(c.raw) / 100, 2)}`,
            },
          },
        },
      },
    },
    '人口割と利用実績割の比率の乖離',
  )
  const table = dataTable(
    `人口比率と利用実績比率（乖離 ${formatPercent(GAP_HIGHLIGHT, 0)} 以上を強調）`,
    ['団体', '人口割の比率', '利用実績の比率', '乖離'],
    rows.map((r, i) => [
      r.name,
      formatPercent(r.populationShare, 2),
      formatPercent(r.trafficShare, 2),
      formatPercent(gap[i]!, 2),
    ]),
  )
  table.querySelectorAll('tbody tr').forEach((tr, i) => {
    if (Math.abs(gap[i]!) >= GAP_HIGHLIGHT) tr.classList.add('gap-high')
  })
  replace(p.alt, table)
  const worst = rows
    .map((r, i) => ({ r, g: gap[i]! }))
    .sort((a, b) => Math.abs(b.g) - Math.abs(a.g))[0]
  p.note.textContent = worst
    ? `乖離が最も大きいのは ${worst.r.name}（${formatPercent(worst.g, 2)}）。人口割では実際の照会量と負担が一致しません。`
    : ''
}

/** Cross-query matrix (照会元 × 提供先) as a coloured table: it is its own text alternative. */
export function renderHeatmap(p: Panel, scenario: Scenario, traffic: TrafficAggregate): void {
  if (!traffic.pairs.length) return empty(p, '照会ログがありません。')
  const names = new Map(scenario.members.map((m) => [m.code, m.name]))
  const ids = [...new Set(traffic.pairs.flatMap((x) => [x.requester, x.provider]))]
  const order = (id: string) => {
    const i = scenario.members.findIndex((m) => m.code === id)
    return i < 0 ? scenario.members.length : i
  }
  ids.sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))
  const cell = new Map<string, number>()
  for (const x of traffic.pairs)
    cell.set(
      `${x.requester}\u0000${x.provider}`,
      (cell.get(`${x.requester}\u0000${x.provider}`) ?? 0) + x.queries,
    )
  const max = Math.max(1, ...cell.values())
  const label = (id: string) => institutionName(id, names)
  // the vertical column headers: an id that is neither a member nor a national institution is marked ＊ (the
  // caption says what ＊ means) so the header row stays short and the matrix fits one slide
  const OTHER = '（その他の機関）'
  const others = ids.some((id) => label(id).endsWith(OTHER))
  const colLabel = (id: string) => label(id).replace(OTHER, '＊')
  const table = h(
    'table',
    { class: 'heatmap' },
    h(
      'caption',
      {},
      `照会件数（行: 照会元、列: 提供先、計 ${formatInteger(traffic.rows)} 件${others ? '。＊ その他の機関' : ''}）`,
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, '照会元＼提供先'),
        ids.map((id) => h('th', { scope: 'col', class: 'vert', title: label(id) }, colLabel(id))),
      ),
    ),
    h(
      'tbody',
      {},
      ids.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, label(r)),
          ids.map((c) => {
            const n = cell.get(`${r}\u0000${c}`) ?? 0
            const t = n / max
            const td = h(
              'td',
              { class: 'num', title: `${label(r)} → ${label(c)}: ${formatInteger(n)} 件` },
              n ? formatInteger(n) : '',
            )
            td.style.background = n
              ? `rgba(31, 90, 166, ${(0.08 + 0.92 * Math.sqrt(t)).toFixed(3)})`
              : ''
            if (t > 0.35) td.style.color = '#fff'
            return td
          }),
        ),
      ),
    ),
  )
  replace(p.body, h('div', { class: 'heatmap-wrap' }, table))
  const top = [...traffic.pairs].sort((a, b) => b.queries - a.queries).slice(0, 10)
  replace(
    p.alt,
    dataTable(
      '照会件数の多い組み合わせ（上位10）',
      ['照会元', '提供先', '照会件数', '件数（records）'],
      top.map((x) => [
        label(x.requester),
        label(x.provider),
        formatInteger(x.queries),
        formatInteger(x.records),
      ]),
    ),
  )
}

export function renderMonthly(p: Panel, monthly: MonthlyPoint[]): void {
  if (!monthly.length) return empty(p, '照会ログがありません。')
  const label = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`
  drawChart(
    p.body,
    {
      type: 'bar',
      data: {
        labels: monthly.map((m) => label(m.month)),
        datasets: [
          { label: '照会件数', data: monthly.map((m) => m.queries), backgroundColor: '#1f5aa6' },
        ],
      },
      options: {
        scales: { y: { ticks: { callback: (v) => formatInteger(Number(v)) } } },
        plugins: { legend: { display: false } },
      },
    },
    '月別の照会件数',
  )
  replace(
    p.alt,
    dataTable(
      '月別照会件数',
      ['月', '照会件数'],
      monthly.map((m) => [label(m.month), formatInteger(m.queries)]),
    ),
  )
}

export interface ShapleyRow {
  code: string
  name: string
  shapley: number
  scenario: number
}

export function renderShapley(p: Panel, rows: ShapleyRow[], note?: string): void {
  if (!rows.length) return empty(p, 'シャープレイ値のデータがありません。')
  drawChart(
    p.body,
    {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.name),
        datasets: [
          {
            label: 'シナリオの負担金',
            data: rows.map((r) => r.scenario),
            backgroundColor: '#1f5aa6',
          },
          { label: 'シャープレイ値', data: rows.map((r) => r.shapley), backgroundColor: '#e07b00' },
        ],
      },
      options: {
        scales: { y: { ticks: { callback: yenTick } } },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: { label: (c) => `${c.dataset.label}: ${formatYen(Number(c.raw))}` },
          },
        },
      },
    },
    'シャープレイ値とシナリオの負担金の比較',
  )
  replace(
    p.alt,
    dataTable(
      'シャープレイ値とシナリオの負担金',
      ['団体', 'シナリオ', 'シャープレイ値', '差（シナリオ − シャープレイ）'],
      rows.map((r) => [
        r.name,
        formatYen(Math.round(r.scenario)),
        formatYen(Math.round(r.shapley)),
        formatYen(Math.round(r.scenario - r.shapley)),
      ]),
    ),
  )
  p.note.textContent = note ?? ''
}

export interface PatternRow {
  name: string
  /** scalar facts shown in the table (servers, utilisation, blast radius …) */
  facts: Array<[string, string]>
  costPerMember?: number
}

export function renderPatterns(p: Panel, rows: PatternRow[], recommendation?: string): void {
  if (!rows.length) return empty(p, '配置パターンのデータがありません。')
  const withCost = rows.filter((r) => r.costPerMember !== undefined)
  if (withCost.length) {
    drawChart(
      p.body,
      {
        type: 'bar',
        data: {
          labels: withCost.map((r) => r.name),
          datasets: [
            {
              label: '1団体あたり費用',
              data: withCost.map((r) => r.costPerMember ?? 0),
              backgroundColor: '#7b4fb3',
            },
          ],
        },
        options: {
          indexAxis: 'y',
          scales: { x: { ticks: { callback: yenTick } } },
          plugins: { legend: { display: false } },
        },
      },
      '配置パターン別の1団体あたり費用',
    )
  } else replace(p.body, h('p', { class: 'muted' }, '費用の数値がありません（表をご覧ください）。'))
  const keys = [...new Set(rows.flatMap((r) => r.facts.map(([k]) => k)))]
  const table = dataTable(
    '配置パターンの比較',
    ['パターン', ...keys],
    rows.map((r) => [r.name, ...keys.map((k) => r.facts.find(([kk]) => kk === k)?.[1] ?? '—')]),
  )
  replace(p.alt, table)
  p.note.textContent = recommendation ?? ''
}
