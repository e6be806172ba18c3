/**
 * 負担金通知 (#notice): one A4 page per member, for the 事務局 to send to each town. The saved scenario's
 * numbers come from the API (GET …/allocation and …/allocation/{code}/explanation), so a member-role login
 * sees only its own notice: the API returns only its row. A previous scenario can be chosen for the
 * year-on-year change.
 */
import {
  formatDateJa,
  formatFiscalYear,
  formatInteger,
  formatPercent,
  formatYen,
} from '@warikan/core'
import type { AllocationOutput } from '@warikan/core'
import type { AppState } from '../model'
import { h, replace } from './dom'
import { buildNotice, deltaWords, noticeSummary, type Notice } from './notice-data'
import './notice.css'
import { todayIso } from './present'

export function renderNotices(root: HTMLElement, state: AppState): () => void {
  const cur = state.current
  if (!cur) {
    replace(root, h('p', { role: 'alert' }, 'シナリオが選択されていません。'))
    return () => undefined
  }
  const id = cur.summary.id
  const doc = cur.stored.document
  const fiscal = formatFiscalYear(doc.consortium.fiscalYear)
  const date = formatDateJa(todayIso())
  let disposed = false
  const others = state.scenarios.filter((s) => String(s.id) !== String(id))
  const previousSelect = h(
    'select',
    { id: 'notice-previous', 'data-notice': 'previous', onchange: () => void draw() },
    h('option', { value: '' }, '（比べない）'),
    others.map((s) => h('option', { value: String(s.id) }, `${s.title}（v${s.version}）`)),
  )
  const memberSelect = h('select', {
    id: 'notice-member',
    'data-notice': 'member',
    onchange: () => filter(),
  })
  const status = h('p', { class: 'status', role: 'status' })
  const pages = h('div', { class: 'notices' })
  const toolbar = h(
    'div',
    { class: 'toolbar no-print' },
    h('label', { for: 'notice-previous' }, '前年度・比較するシナリオ '),
    previousSelect,
    h('label', { for: 'notice-member' }, ' 団体 '),
    memberSelect,
    h('button', { type: 'button', onclick: () => window.print() }, '印刷（1団体 1枚）'),
    status,
  )
  replace(
    root,
    h(
      'section',
      { class: 'notice-view' },
      h(
        'h1',
        { class: 'no-print' },
        `負担金通知 — ${cur.stored.title}（保存済みの版 v${cur.stored.version}）`,
      ),
      toolbar,
      pages,
    ),
  )

  const filter = () => {
    for (const p of pages.querySelectorAll<HTMLElement>('.notice-page'))
      p.hidden = memberSelect.value !== '' && p.dataset.code !== memberSelect.value
  }

  async function draw() {
    status.textContent = '負担金通知を作成しています…'
    delete document.documentElement.dataset.noticesReady
    try {
      const allocation = await state.api.allocation(id)
      const prevId = previousSelect.value
      let previous: { title: string; out: AllocationOutput } | undefined
      if (prevId) {
        const s = others.find((x) => String(x.id) === prevId)
        previous = { title: s?.title ?? prevId, out: await state.api.allocation(prevId) }
      }
      const notices = await Promise.all(
        allocation.members.map(async (m) => {
          const { explanations } = await state.api.explanation(id, m.code)
          const pm = previous?.out.members.find((x) => x.code === m.code)
          return buildNotice(m, explanations, {
            ...(() => {
              const pop = doc.members.find((x) => x.code === m.code)?.population
              return pop === undefined ? {} : { population: pop }
            })(),
            ...(previous
              ? { previous: { title: previous.title, ...(pm ? { member: pm } : {}) } }
              : {}),
          })
        }),
      )
      if (disposed) return
      const keep = memberSelect.value
      replace(
        memberSelect,
        notices.length > 1 ? h('option', { value: '' }, `全団体（${notices.length}）`) : null,
        notices.map((n) => h('option', { value: n.code, selected: n.code === keep }, n.name)),
      )
      replace(
        pages,
        notices.map((n) =>
          noticePage(n, {
            consortium: doc.consortium.name,
            fiscal,
            date,
            title: cur!.stored.title,
          }),
        ),
      )
      filter()
      status.textContent = `${formatInteger(notices.length)} 団体の負担金通知`
      document.documentElement.dataset.noticesReady = 'true'
    } catch (e) {
      status.textContent = `負担金通知を作成できません: ${(e as Error).message}`
    }
  }
  void draw()
  document.body.classList.add('printing-notices')
  return () => {
    disposed = true
    document.body.classList.remove('printing-notices')
    delete document.documentElement.dataset.noticesReady
  }
}

interface PageMeta {
  consortium: string
  fiscal: string
  date: string
  title: string
}

export function noticePage(n: Notice, meta: PageMeta): HTMLElement {
  const withPrev = n.previous !== undefined
  const total = n.lines.reduce((a, l) => a + l.share, 0)
  const prevTotal = n.previous?.total
  return h(
    'article',
    { class: 'notice-page', 'data-code': n.code, 'aria-label': `${n.name} 負担金通知` },
    h(
      'header',
      { class: 'notice-head' },
      h('p', { class: 'notice-to' }, `${n.name} 御中`),
      h('p', { class: 'notice-from' }, meta.consortium, h('br'), meta.date),
      h('h2', {}, `${meta.fiscal} 負担金のお知らせ`),
      h('p', { class: 'notice-scenario' }, `（${meta.title}）`),
    ),
    h('p', { class: 'notice-summary' }, noticeSummary(n)),
    n.population === undefined
      ? null
      : h(
          'p',
          { class: 'notice-population' },
          `算定に用いた人口: ${formatInteger(n.population)} 人`,
        ),
    h(
      'table',
      { class: 'data notice-lines' },
      h('caption', {}, '費目ごとの負担額'),
      h(
        'colgroup',
        {},
        [
          'name',
          'amount',
          'rule',
          'drivers',
          'rounding',
          'share',
          ...(withPrev ? ['delta'] : []),
        ].map((c) => h('col', { class: `c-${c}` })),
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [
            '費目',
            '費目の総額',
            '按分の方法',
            '算定の基礎（貴団体 ／ 合計）',
            '端数処理',
            '負担額',
          ].map((t) => h('th', { scope: 'col' }, t)),
          withPrev ? h('th', { scope: 'col' }, '増減') : null,
        ),
      ),
      h(
        'tbody',
        {},
        n.lines.map((l) =>
          h(
            'tr',
            { 'data-cost': l.costId },
            h('th', { scope: 'row' }, l.costName),
            h('td', { class: 'num' }, formatYen(l.amount)),
            h('td', {}, l.rule),
            h(
              'td',
              { class: 'drivers' },
              l.drivers.map((d) => h('div', {}, d)),
            ),
            h(
              'td',
              { class: 'rounding' },
              `切り捨て ${formatYen(l.floor)}`,
              h(
                'div',
                {},
                l.added
                  ? `端数 ＋${formatYen(l.added)}（${l.participants} 団体中 ${l.rank} 位）`
                  : `端数の加算なし（${l.participants} 団体中 ${l.rank} 位）`,
              ),
              h('div', { class: 'muted no-print' }, l.rounding),
            ),
            h('td', { class: 'num share' }, formatYen(l.share)),
            withPrev
              ? h(
                  'td',
                  { class: 'num' },
                  l.previous === undefined ? '新規' : deltaWords(l.share - l.previous),
                )
              : null,
          ),
        ),
      ),
      h(
        'tfoot',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, '合計'),
          h('td', {}, ''),
          h('td', {}, ''),
          h('td', {}, ''),
          h('td', {}, ''),
          h('td', { class: 'num total' }, formatYen(total)),
          withPrev
            ? h(
                'td',
                { class: 'num' },
                prevTotal === undefined ? '—' : deltaWords(total - prevTotal),
              )
            : null,
        ),
      ),
    ),
    n.standaloneCost === undefined
      ? null
      : h(
          'p',
          { class: 'notice-savings' },
          `単独導入費用 ${formatYen(n.standaloneCost)} ／ 削減額 ${formatYen(n.standaloneCost - n.total)} ／ 削減率 ${n.savingsRate === undefined ? '—' : formatPercent(n.savingsRate)}${n.meetsTarget === undefined ? '' : n.meetsTarget ? '（目標達成）' : '（目標未達）'}`,
        ),
    h(
      'p',
      { class: 'muted notice-method' },
      '各費目の負担額は、按分の方法による厳密な額を1円未満（または定めた単位未満）で切り捨て、残りの端数を端数の大きい順に1単位ずつ配分したものです（最大剰余法、同順位は団体コード昇順）。',
    ),
  )
}
