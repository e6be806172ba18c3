/**
 * シナリオ比較: two scenarios side by side with per-member deltas (a town joins, a rule changes), and when B is A
 * plus newcomers, the 割り勘効果: what every existing member saves because they joined. Both are allocated in
 * the browser with the core (each with its own stored traffic); the comparison is the core's, the same as
 * `warikan compare` and `GET /api/compare`.
 */
import { formatPercent, formatYen, formatYenDelta, type AllocationOutput } from '@warikan/core'
import { compareAllocations, joinEffect, membersJoined, type DiffRow } from '@warikan/core/whatif'
import { compute, loadTraffic, type AppState } from '../model'
import { dataTable, h, replace } from './dom'
import { issueText } from './issue-text'
import { drawChart, panel } from './panel'

const rateText = (rate: number | null | undefined) =>
  rate === undefined || rate === null ? '—' : formatPercent(rate)

/** The per-member table: A, B, B − A, both savings rates, 加入 / 脱退 for members in only one. */
function comparisonTable(
  titles: { a: string; b: string },
  a: AllocationOutput,
  b: AllocationOutput,
): { table: HTMLTableElement; rows: DiffRow[] } {
  const comparison = compareAllocations(a, b)
  const rateA = new Map(a.members.map((m) => [m.code, m.savingsRate]))
  const rateB = new Map(b.members.map((m) => [m.code, m.savingsRate]))
  const table = dataTable(
    `A「${titles.a}」と B「${titles.b}」の比較`,
    ['団体', 'A 負担金', 'B 負担金', '増減（B − A）', 'A 削減率', 'B 削減率', '備考'],
    [
      ...comparison.rows.map((r) => [
        r.name,
        r.before === undefined ? '—' : formatYen(r.before),
        r.after === undefined ? '—' : formatYen(r.after),
        formatYenDelta(r.diff),
        rateText(rateA.get(r.code)),
        rateText(rateB.get(r.code)),
        r.before === undefined
          ? '加入（Aにいない）'
          : r.after === undefined
            ? '脱退（Bにいない）'
            : '',
      ]),
      [
        '合計',
        formatYen(comparison.totalBefore),
        formatYen(comparison.totalAfter),
        formatYenDelta(comparison.totalDiff),
        '',
        '',
        '',
      ],
    ],
    { className: 'data compare' },
  )
  return { table, rows: comparison.rows }
}

/** 割り勘効果 (seed 002 表1-3): each existing member's saving from the newcomers, when B = A + joiners. */
function joinEffectTable(a: AllocationOutput, b: AllocationOutput): HTMLElement | undefined {
  if (!membersJoined(a, b)) return undefined
  const rows = joinEffect(a, b)
  const inA = new Set(a.members.map((m) => m.code))
  const joiners = b.members.filter((m) => !inA.has(m.code)).map((m) => m.name)
  const saving = rows.reduce((sum, r) => sum + r.saving, 0)
  const before = rows.reduce((sum, r) => sum + r.before, 0)
  return h(
    'section',
    { class: 'join-effect' },
    h('h2', {}, '割り勘効果'),
    h(
      'p',
      {},
      `${joiners.join('・')}の加入により、既存の ${rows.length} 団体の負担金は合計 ${formatYen(saving)} 減ります（削減額 = A − B）。`,
    ),
    dataTable(
      '加入による既存団体の負担金の削減',
      ['団体', 'A 負担金', 'B 負担金', '削減額（A − B）', '削減率'],
      [
        ...rows.map((r) => [
          r.name,
          formatYen(r.before),
          formatYen(r.after),
          formatYen(r.saving),
          rateText(r.savingRate),
        ]),
        [
          '既存団体の合計',
          formatYen(before),
          formatYen(before - saving),
          formatYen(saving),
          rateText(before === 0 ? null : saving / before),
        ],
      ],
      { className: 'data join-effect' },
    ),
  )
}

export function renderCompare(root: HTMLElement, state: AppState): () => void {
  const pick = (label: string, key: string, selected?: string) =>
    h(
      'label',
      { class: 'field' },
      h('span', {}, label),
      h(
        'select',
        { 'data-compare': key },
        state.scenarios.map((s) =>
          h(
            'option',
            { value: String(s.id), selected: String(s.id) === selected },
            `${s.title}（v${s.version}）`,
          ),
        ),
      ),
    )
  const ids = state.scenarios.map((s) => String(s.id))
  const selA = pick('比較元 A', 'a', String(state.current?.summary.id ?? ids[0]))
  const selB = pick(
    '比較先 B',
    'b',
    ids.find((id) => id !== String(state.current?.summary.id)) ?? ids[0],
  )
  const out = h('div', { class: 'compare-out' })
  const chart = panel('compare', '団体別の負担金の増減（B − A）')
  replace(
    root,
    h('h1', {}, 'シナリオ比較'),
    h(
      'p',
      { class: 'lead' },
      '2つのシナリオを並べ、団体ごとの負担金の差を示します（例: 町が加入した場合、按分ルールを変えた場合）。',
    ),
    h(
      'div',
      { class: 'toolbar' },
      selA,
      selB,
      h('button', { type: 'button', onclick: () => void run() }, '比較する'),
    ),
    out,
    chart.el,
  )
  async function run() {
    const a = (selA.querySelector('select') as HTMLSelectElement).value
    const b = (selB.querySelector('select') as HTMLSelectElement).value
    replace(out, h('p', { role: 'status' }, '計算中…'))
    const load = async (id: string) => {
      const cur = state.current
      // the scenario being edited is compared as edited (the same numbers as the studio), and says so
      if (cur && cur.dirty && String(cur.summary.id) === id)
        return {
          stored: { ...cur.stored, title: `${cur.stored.title}（編集中・未保存）` },
          computed: cur.computed,
        }
      const [stored, traffic] = await Promise.all([
        state.api.scenario(id),
        loadTraffic(state.api, id),
      ])
      return { stored, computed: compute(stored.document, traffic.traffic) }
    }
    try {
      const [A, B] = await Promise.all([load(a), load(b)])
      const bad = [A, B].find((x) => !x.computed.allocation)
      if (bad) {
        replace(
          out,
          h(
            'p',
            { role: 'alert' },
            `「${bad.stored.title}」を計算できません: ${bad.computed.issues.map((i) => `${i.path}: ${issueText(i.message)}`).join(' / ')}`,
          ),
        )
        return
      }
      const oa = A.computed.allocation!.output
      const ob = B.computed.allocation!.output
      const { table, rows } = comparisonTable({ a: A.stored.title, b: B.stored.title }, oa, ob)
      const effect = joinEffectTable(oa, ob)
      replace(out, table, ...(effect ? [effect] : []))
      drawChart(
        chart.body,
        {
          type: 'bar',
          data: {
            labels: rows.map((r) => r.name),
            datasets: [
              {
                label: '増減（B − A）',
                data: rows.map((r) => r.diff),
                backgroundColor: rows.map((r) => (r.diff > 0 ? '#c23b3b' : '#2a9d5b')),
              },
            ],
          },
          options: {
            scales: { y: { ticks: { callback: (v) => formatYenDelta(Number(v)) } } },
            plugins: { legend: { display: false } },
          },
        },
        '団体別の負担金の増減',
      )
      replace(chart.alt, h('p', {}, '上の表と同じ内容です。'))
    } catch (e) {
      replace(out, h('p', { role: 'alert' }, `比較できません: ${(e as Error).message}`))
    }
  }
  if (ids.length) void run()
  return () => undefined
}
