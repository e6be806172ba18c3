/**
 * シナリオ比較: two scenarios side by side with per-member deltas (a town joins, a rule changes).
 * Both are allocated in the browser with the core, each with its own stored traffic.
 */
import { formatPercent, formatYen, formatYenDelta, type AllocationOutput } from '@warikan/core'
import { compute, loadTraffic, type AppState } from '../model'
import { dataTable, h, replace } from './dom'
import { drawChart, panel } from './panel'

export interface MemberDelta {
  code: string
  name: string
  a?: number
  b?: number
  delta: number
  rateA?: number
  rateB?: number
  note: string
}

/** Join two allocations by member code; members in only one are 加入 / 脱退. */
export function memberDeltas(a: AllocationOutput, b: AllocationOutput): MemberDelta[] {
  const inB = new Map(b.members.map((m) => [m.code, m]))
  const rows: MemberDelta[] = a.members.map((m) => {
    const other = inB.get(m.code)
    return {
      code: m.code,
      name: m.name,
      a: m.total,
      ...(other ? { b: other.total } : {}),
      delta: (other?.total ?? 0) - m.total,
      ...(m.savingsRate === undefined ? {} : { rateA: m.savingsRate }),
      ...(other?.savingsRate === undefined ? {} : { rateB: other.savingsRate }),
      note: other ? '' : '脱退（Bにいない）',
    }
  })
  const inA = new Set(a.members.map((m) => m.code))
  for (const m of b.members)
    if (!inA.has(m.code))
      rows.push({
        code: m.code,
        name: m.name,
        b: m.total,
        delta: m.total,
        ...(m.savingsRate === undefined ? {} : { rateB: m.savingsRate }),
        note: '加入（Aにいない）',
      })
  return rows
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
            `「${bad.stored.title}」を計算できません: ${bad.computed.issues.map((i) => `${i.path}: ${i.message}`).join(' / ')}`,
          ),
        )
        return
      }
      const oa = A.computed.allocation!.output
      const ob = B.computed.allocation!.output
      const rows = memberDeltas(oa, ob)
      replace(
        out,
        dataTable(
          `A「${A.stored.title}」と B「${B.stored.title}」の比較`,
          ['団体', 'A 負担金', 'B 負担金', '増減（B − A）', 'A 削減率', 'B 削減率', '備考'],
          [
            ...rows.map((r) => [
              r.name,
              r.a === undefined ? '—' : formatYen(r.a),
              r.b === undefined ? '—' : formatYen(r.b),
              formatYenDelta(r.delta),
              r.rateA === undefined ? '—' : formatPercent(r.rateA),
              r.rateB === undefined ? '—' : formatPercent(r.rateB),
              r.note,
            ]),
            [
              '合計',
              formatYen(oa.total),
              formatYen(ob.total),
              formatYenDelta(ob.total - oa.total),
              '',
              '',
              '',
            ],
          ],
          { className: 'data compare' },
        ),
      )
      drawChart(
        chart.body,
        {
          type: 'bar',
          data: {
            labels: rows.map((r) => r.name),
            datasets: [
              {
                label: '増減（B − A）',
                data: rows.map((r) => r.delta),
                backgroundColor: rows.map((r) => (r.delta > 0 ? '#c23b3b' : '#2a9d5b')),
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
