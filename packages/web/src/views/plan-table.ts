/** The plan's members × years table (¥, 前年度比, the period's 削減率), shared by the plan view and its slides. */
import {
  formatFiscalYear,
  formatPercent,
  formatYearOnYear,
  formatYen,
  type PlanOutput,
} from '@warikan/core'
import { h } from './dom'

export function planTable(out: PlanOutput, caption: string): HTMLTableElement {
  const years = out.years.map((y) => y.fiscalYear)
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, '団体'),
    years.map((y) => h('th', { scope: 'col' }, formatFiscalYear(y))),
    h('th', { scope: 'col' }, '期間計'),
    h('th', { scope: 'col' }, '単独導入計'),
    h('th', { scope: 'col' }, '削減率'),
  )
  const rows = out.members.map((m) => {
    const at = (y: number) => m.byYear[String(y)]
    return h(
      'tr',
      { 'data-code': m.code },
      h('th', { scope: 'row' }, m.name),
      years.map((y, k) =>
        h(
          'td',
          { class: 'num' },
          at(y) === undefined ? '—' : formatYen(at(y)!),
          h(
            'span',
            { class: 'yoy', title: '前年度比' },
            k === 0 ? '' : formatYearOnYear(at(years[k - 1]!), at(y)),
          ),
        ),
      ),
      h('td', { class: 'num' }, formatYen(m.total)),
      h(
        'td',
        { class: 'num' },
        m.standaloneTotal === undefined ? '—' : formatYen(m.standaloneTotal),
      ),
      h(
        'td',
        { class: 'num savings' },
        m.savingsRate === undefined ? '—' : formatPercent(m.savingsRate),
      ),
    )
  })
  // the period's 単独導入計 only when every member has one (else the sum would compare unlike things)
  const standalone = out.members.every((m) => m.standaloneTotal !== undefined)
    ? out.members.reduce((a, m) => a + m.standaloneTotal!, 0)
    : 0
  const total = h(
    'tr',
    { class: 'total' },
    h('th', { scope: 'row' }, '合計'),
    out.years.map((y, k) =>
      h(
        'td',
        { class: 'num' },
        formatYen(y.total),
        h(
          'span',
          { class: 'yoy', title: '前年度比' },
          k === 0 ? '' : formatYearOnYear(out.years[k - 1]!.total, y.total),
        ),
      ),
    ),
    h('td', { class: 'num' }, formatYen(out.total)),
    h('td', { class: 'num' }, standalone ? formatYen(standalone) : '—'),
    h(
      'td',
      { class: 'num' },
      standalone ? formatPercent((standalone - out.total) / standalone) : '—',
    ),
  )
  return h(
    'table',
    { class: 'data plan-table' },
    h('caption', {}, caption),
    h('thead', {}, head),
    h('tbody', {}, rows, total),
  )
}
