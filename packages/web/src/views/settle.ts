/**
 * 精算: a 予算 scenario and a 決算 scenario of the consortium are settled by the API (`POST /api/settle`, the
 * core's settle — the same numbers as `warikan settle`): per member 予算, 決算 and 精算額 (決算 − 予算; positive:
 * the member pays more, negative: a refund), per cost item on opening a row, a bar chart of the 精算額, CSV (BOM)
 * and xlsx exports, and 「翌年度シナリオを作成」: a copy of the next year's scenario (or of the 決算 scenario,
 * moved to the next fiscal year) with one adjustment `{code, amount: 精算額, reason: 令和N年度精算額}` per member
 * whose 精算額 ≠ 0, appended to the ones it has, saved as a new stored scenario.
 */
import {
  formatFiscalYear,
  formatYen,
  formatYenDelta,
  settlementCostColumns,
  settlementRows,
  toCsv,
  type Settlement,
} from '@warikan/core'
import { ApiError, type ScenarioSummary } from '../api-client'
import type { AppState } from '../model'
import { download, h, replace } from './dom'
import { issueText } from './issue-text'
import { drawChart, panel } from './panel'

type Json = Record<string, unknown>

/** The adjustments appended to next year's scenario: one per member whose 精算額 ≠ 0. */
function settlementAdjustments(
  s: Settlement,
): Array<{ code: string; amount: number; reason: string }> {
  const reason = `${formatFiscalYear(s.fiscalYear)}精算額`
  return s.members
    .filter((m) => m.settlement !== 0)
    .map((m) => ({ code: m.code, amount: m.settlement, reason }))
}

const guess = (list: ScenarioSummary[], word: RegExp, fallback?: ScenarioSummary) =>
  list.find((s) => word.test(s.title)) ?? fallback

function errorText(e: unknown): string {
  if (e instanceof ApiError && e.details.length)
    return `${e.message}: ${e.details.map((d) => `${d.path ?? d.field ?? ''} ${issueText(d.message)}`.trim()).join(' / ')}`
  return (e as Error).message ?? String(e)
}

const signClass = (v: number) => (v > 0 ? 'num plus' : v < 0 ? 'num minus' : 'num')

export function renderSettle(root: HTMLElement, state: AppState): () => void {
  const list = state.scenarios
  const select = (key: string, chosen: ScenarioSummary | undefined, extra?: [string, string]) =>
    h(
      'select',
      { 'data-settle': key, id: `settle-${key}` },
      extra ? h('option', { value: extra[0] }, extra[1]) : null,
      list.map((s) =>
        h(
          'option',
          { value: String(s.id), selected: String(s.id) === String(chosen?.id) },
          `${s.title}（${formatFiscalYear(s.fiscalYear)}・v${s.version}）`,
        ),
      ),
    )
  const budgetSel = select('budget', guess(list, /予算/, list[0]))
  const actualSel = select('actual', guess(list, /決算/, list[1] ?? list[0]))
  const out = h('div', { class: 'settle-out', 'aria-live': 'polite' })
  const chart = panel('settle', '団体別の精算額（決算 − 予算）', '正: 追加で負担、負: 還付')
  chart.el.hidden = true
  const field = (label: string, el: HTMLElement) =>
    h('label', { class: 'field', for: el.id }, h('span', {}, label), el)

  replace(
    root,
    h('h1', {}, '精算（予算と決算）'),
    h(
      'p',
      { class: 'lead' },
      '予算で按分して納めた負担金と、決算の金額・指標で按分し直した負担金の差（精算額）を団体ごとに示します。精算額は翌年度の負担金に加算・減算します。',
    ),
    h(
      'div',
      { class: 'toolbar' },
      field('予算のシナリオ', budgetSel),
      field('決算のシナリオ', actualSel),
      h(
        'button',
        { type: 'button', 'data-action': 'settle', onclick: () => void run() },
        '精算する',
      ),
    ),
    out,
    chart.el,
  )

  let alive = true
  async function run() {
    replace(out, h('p', { role: 'status' }, '計算中…'))
    try {
      const [settlement, actual] = await Promise.all([
        state.api.settle(budgetSel.value, actualSel.value),
        state.api.scenario(actualSel.value),
      ])
      if (alive) show(settlement, actual.document as unknown as Json)
    } catch (e) {
      chart.el.hidden = true
      replace(out, h('p', { role: 'alert' }, `精算できません: ${errorText(e)}`))
    }
  }

  function show(s: Settlement, actualDoc: Json) {
    const names = new Map(
      ((actualDoc.costs as Json[] | undefined) ?? []).map((c) => [String(c.id), String(c.name)]),
    )
    const costs = settlementCostColumns(s, names)
    const money = (v: number) => h('td', { class: 'num' }, formatYen(v))
    const delta = (v: number) =>
      h('td', { class: signClass(v), 'data-settlement': String(v) }, formatYenDelta(v))
    const rows: HTMLElement[] = []
    for (const m of s.members) {
      const detailId = `settle-detail-${m.code}`
      const toggle = h(
        'button',
        {
          type: 'button',
          class: 'link',
          'aria-expanded': 'false',
          'aria-controls': detailId,
          onclick: () => {
            const open = toggle.getAttribute('aria-expanded') !== 'true'
            toggle.setAttribute('aria-expanded', String(open))
            detail.hidden = !open
          },
        },
        `${m.name}`,
      )
      rows.push(
        h(
          'tr',
          { 'data-member': m.code },
          h('th', { scope: 'row' }, toggle, ' ', h('span', { class: 'code' }, m.code)),
          money(m.budget),
          money(m.actual),
          delta(m.settlement),
        ),
      )
      const detail = h(
        'tr',
        { class: 'settle-detail', id: detailId, hidden: true, 'data-detail': m.code },
        h(
          'td',
          { colspan: 4 },
          h(
            'table',
            { class: 'data inner' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ['費目', '予算', '決算', '精算額'].map((t, i) =>
                  h('th', { scope: 'col', class: i ? 'num' : '' }, t),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              costs.map((c) => {
                const x = m.costs[c.id]!
                return h(
                  'tr',
                  { 'data-cost': c.id },
                  h('th', { scope: 'row' }, c.name),
                  money(x.budget),
                  money(x.actual),
                  delta(x.settlement),
                )
              }),
            ),
          ),
        ),
      )
      rows.push(detail)
    }
    const table = h(
      'table',
      { class: 'data settle', 'data-fiscal-year': String(s.fiscalYear) },
      h('caption', {}, `${formatFiscalYear(s.fiscalYear)} 精算（団体名を押すと費目別）`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['団体', '予算', '決算', '精算額（決算 − 予算）'].map((t, i) =>
            h('th', { scope: 'col', class: i ? 'num' : '' }, t),
          ),
        ),
      ),
      h('tbody', {}, rows),
      h(
        'tfoot',
        {},
        h(
          'tr',
          { 'data-member': 'total' },
          h('th', { scope: 'row' }, '合計'),
          money(s.total.budget),
          money(s.total.actual),
          delta(s.total.settlement),
        ),
      ),
    )
    const base = `精算_${formatFiscalYear(s.fiscalYear)}`
    const csv = () =>
      download(
        `${base}.csv`,
        toCsv(settlementRows(s, names), { bom: true }),
        'text/csv;charset=utf-8',
      )
    const nextSel = select(
      'next',
      list.find((x) => x.fiscalYear === s.fiscalYear + 1),
      ['', '決算のシナリオを翌年度に写す'],
    )
    const created = h('p', { class: 'settle-created', role: 'status' })
    const adjustments = settlementAdjustments(s)
    replace(
      out,
      table,
      h(
        'div',
        { class: 'toolbar' },
        h('button', { type: 'button', 'data-action': 'settle-csv', onclick: csv }, 'CSV出力'),
        h(
          'button',
          {
            type: 'button',
            'data-action': 'settle-xlsx',
            onclick: () => void xlsx(s, names, base),
          },
          'Excel出力',
        ),
      ),
      h(
        'section',
        { class: 'panel settle-next' },
        h('h2', {}, '翌年度への反映'),
        h(
          'p',
          { class: 'muted' },
          `精算額が 0 でない ${adjustments.length} 団体に「${formatFiscalYear(s.fiscalYear)}精算額」の加算・減算を付けた写しを作ります（元のシナリオは変わりません）。`,
        ),
        h(
          'div',
          { class: 'toolbar' },
          field('写す元', nextSel),
          h(
            'button',
            {
              type: 'button',
              'data-action': 'create-next',
              onclick: () => void createNext(s, nextSel.value, created),
            },
            '翌年度シナリオを作成',
          ),
        ),
        created,
      ),
    )
    chart.el.hidden = false
    drawChart(
      chart.body,
      {
        type: 'bar',
        data: {
          labels: s.members.map((m) => m.name),
          datasets: [
            {
              label: '精算額',
              data: s.members.map((m) => m.settlement),
              backgroundColor: s.members.map((m) => (m.settlement > 0 ? '#c23b3b' : '#2a9d5b')),
            },
          ],
        },
        options: {
          animation: false,
          scales: { y: { ticks: { callback: (v) => formatYenDelta(Number(v)) } } },
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: (c) => formatYenDelta(Number(c.raw)) } },
          },
        },
      },
      '団体別の精算額',
    )
    replace(
      chart.alt,
      h(
        'ul',
        {},
        s.members.map((m) => h('li', {}, `${m.name}: ${formatYenDelta(m.settlement)}`)),
      ),
    )
  }

  async function createNext(s: Settlement, sourceId: string, created: HTMLElement) {
    const fromActual = sourceId === ''
    const source = fromActual ? actualSel.value : sourceId
    created.textContent = '作成中…'
    try {
      const stored = await state.api.scenario(source)
      const title = `${stored.title}（${formatFiscalYear(s.fiscalYear)}精算額を反映）`
      const copy = await state.api.copyScenario(source, title)
      const doc = structuredClone(stored.document)
      const consortium = doc.consortium
      // the 決算 copied as next year's starting point moves to the next fiscal year
      if (fromActual && consortium.fiscalYear === s.fiscalYear)
        consortium.fiscalYear = s.fiscalYear + 1
      doc.adjustments = [...(doc.adjustments ?? []), ...settlementAdjustments(s)]
      const saved = await state.api.saveScenario(copy.id, copy.version, doc, title)
      if (state.consortium) {
        state.scenarios = await state.api.scenarios(state.consortium.id)
        window.dispatchEvent(new Event('warikan:scenarios-changed'))
      }
      created.dataset.id = String(saved.id)
      created.textContent = `作成しました: ${title}（ID ${saved.id}・v${saved.version}、${formatFiscalYear(Number(consortium.fiscalYear))}）`
    } catch (e) {
      created.textContent = `作成できません: ${errorText(e)}`
    }
  }

  return () => {
    alive = false
  }
}

/** The 精算 workbook: one sheet in the CSV's columns, yen formatted, exceljs loaded on demand. */
async function xlsx(s: Settlement, names: Map<string, string>, base: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '割り勘 (Warikan)'
  const ws = wb.addWorksheet('精算', {
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  })
  ws.addRow([`${formatFiscalYear(s.fiscalYear)} 精算（予算と決算）`]).font = {
    bold: true,
    size: 14,
  }
  settlementRows(s, names).forEach((r, i) => {
    const row = ws.addRow(
      r.map((v) => (v === undefined ? null : typeof v === 'boolean' ? String(v) : v)),
    )
    if (i === 0) row.font = { bold: true }
    row.eachCell((cell, col) => {
      if (typeof cell.value === 'number' && col > 2) cell.numFmt = '"¥"#,##0;[Red]"−¥"#,##0'
    })
  })
  ws.lastRow!.font = { bold: true }
  ws.getColumn(1).width = 12
  ws.getColumn(2).width = 16
  for (let c = 3; c <= ws.columnCount; c++) ws.getColumn(c).width = 16
  const buf = (await wb.xlsx.writeBuffer()) as ArrayBuffer
  download(`${base}.xlsx`, buf, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
}
