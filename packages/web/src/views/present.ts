/**
 * 説明資料モード (council presentation): large type for a 1920×1080 projector, one chart per slide, keyboard
 * navigation, a deck builder (which slides, their order and titles), and A4 landscape printing where every
 * chart prints at full page width from whichever slide is on screen (print-charts.ts). Each page carries the
 * 組合, the scenario title, the 令和 fiscal year and date, and n / N.
 */
import './deck.css'
import {
  formatDateJa,
  formatFiscalYear,
  formatInteger,
  formatPercent,
  formatYen,
} from '@warikan/core'
import { Chart } from '../charts/register'
import type { AppState } from '../model'
import { analysisPanels } from './analysis-panels'
import { renderCostStack, renderSavings, targetMark } from './charts'
import {
  deckSlides,
  loadDeckSettings,
  openDeckBuilder,
  saveDeckSettings,
  type DeckEntry,
} from './deck-builder'
import { deckExtras, type ExtraSlide } from './deck-extras'
import { dataTable, h, replace } from './dom'
import { panel } from './panel'
import { renderPrintImages } from './print-charts'

/** Today as YYYY-MM-DD in local time (the date printed on each page). */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

/** Table rows per slide: a long table continues on the next slide instead of shrinking its type. */
export const TABLE_ROWS_PER_SLIDE = 8

/** Right-align each column header whose first body cell is a number (`td.num`), so headers sit over figures. */
export function alignHeaders(root: ParentNode): void {
  for (const table of root.querySelectorAll('table')) {
    const first = table.querySelector('tbody tr')
    if (!first) continue
    table.querySelectorAll('thead th').forEach((th, i) => {
      th.classList.toggle('num', first.children[i]?.classList.contains('num') ?? false)
    })
  }
}

interface Candidate extends DeckEntry {
  /** one element per page (a paginated table gives several) */
  pages: HTMLElement[]
}

/** Why a panel has nothing to show (its empty / 未実装 / error message), or undefined when it has content. */
function missingReason(el: HTMLElement): string | undefined {
  const e = el.querySelector('.empty, .not-implemented, .panel-error')
  // the Japanese message only (an English gloss in parentheses is dropped)
  const text = (e?.textContent ?? '').replace(/\s*\([A-Za-z][^)]*\)/g, '').trim()
  return e ? text || '表示できる内容がありません' : undefined
}

export function renderPresent(root: HTMLElement, state: AppState): () => void {
  const cur = state.current
  const scenario = cur?.computed.scenario
  const allocation = cur?.computed.allocation
  if (!cur || !scenario || !allocation) {
    replace(
      root,
      h(
        'p',
        { role: 'alert' },
        'シナリオに誤りがあるか未選択のため、説明資料を作れません。スタジオで修正してください。',
      ),
    )
    return () => undefined
  }
  const out = allocation.output
  // Large type for the projector (restored when leaving the mode).
  const fontSize = Chart.defaults.font.size
  Chart.defaults.font.size = 20
  const fiscal = formatFiscalYear(scenario.consortium.fiscalYear)
  const date = formatDateJa(todayIso())
  const scenarioId = cur.summary.id
  let settings = loadDeckSettings(scenarioId)
  let disposed = false

  const meetingLine = h('p', { class: 'meeting' })
  const titleSlide = h(
    'div',
    { class: 'title-slide' },
    h('p', { class: 'kicker' }, `${fiscal} 共同利用 負担金按分（案）`),
    h('h2', {}, cur.stored.title),
    meetingLine,
    h(
      'p',
      {},
      `構成団体 ${formatInteger(out.members.length)} 団体 ／ 費目 ${formatInteger(scenario.costs.length)} ／ 総額 ${formatYen(out.total)}`,
    ),
    scenario.description ? h('p', { class: 'muted description' }, scenario.description) : null,
  )
  const memberRows = out.members.map((m) => [
    m.name,
    formatInteger(scenario.members.find((x) => x.code === m.code)?.population ?? 0),
    formatYen(m.total),
    m.standaloneCost === undefined ? '—' : formatYen(m.standaloneCost),
    m.savingsRate === undefined ? '—' : formatPercent(m.savingsRate),
    targetMark(m.meetsTarget),
  ])
  const tablePages: HTMLElement[] = []
  for (let i = 0; i < memberRows.length; i += TABLE_ROWS_PER_SLIDE) {
    const last = i + TABLE_ROWS_PER_SLIDE >= memberRows.length
    tablePages.push(
      dataTable(
        `負担金一覧（${fiscal}）`,
        ['団体', '人口', '負担金', '単独導入費用', '削減率', '目標'],
        [
          ...memberRows.slice(i, i + TABLE_ROWS_PER_SLIDE),
          ...(last ? [['合計', '', formatYen(out.total), '', '', '']] : []),
        ],
        { className: 'data slide-table' },
      ),
    )
  }
  const stack = panel('stack', '費目別の負担金')
  renderCostStack(stack, scenario, allocation)
  const savings = panel('savings', '削減率と目標')
  renderSavings(savings, scenario, allocation)
  const analyses = analysisPanels(state, false)

  let extras: ExtraSlide[] = []
  const candidates = (): Candidate[] => {
    const c: Candidate[] = [
      { key: 'title', title: scenario.consortium.name, hasData: true, pages: [titleSlide] },
      { key: 'members', title: '団体別の負担金', hasData: true, pages: tablePages },
      { key: 'stack', title: '団体別・費目別の負担金', hasData: true, pages: [stack.el] },
      {
        key: 'savings',
        title: '単独導入に対する削減率（目標 2割）',
        pages: [savings.el],
        ...presence(savings.el),
      },
    ]
    for (const a of analyses)
      c.push({
        key: a.key,
        title: a.panel.el.querySelector('h2')?.textContent ?? a.key,
        pages: [a.panel.el],
        ...presence(a.panel.el),
      })
    // 中期計画, SLA・継続性 and 外部サービス台帳 (deck-extras.ts): left out when the consortium has none
    c.push(...extras)
    return c
  }
  const presence = (el: HTMLElement) => {
    const reason = missingReason(el)
    return reason === undefined ? { hasData: true } : { hasData: false, reason }
  }

  let index = 0
  let pages: HTMLElement[] = []
  const deck = h(
    'div',
    { class: 'deck' },
    h('p', { class: 'deck-loading', role: 'status' }, '説明資料を準備しています…'),
  )
  const counter = h('span', { class: 'counter', 'aria-live': 'polite' })
  const show = (i: number) => {
    index = Math.max(0, Math.min(pages.length - 1, i))
    pages.forEach((p, k) => p.classList.toggle('current', k === index))
    counter.textContent = `${index + 1} / ${pages.length}`
    for (const c of Object.values(Chart.instances)) c.resize()
  }
  let entries: Candidate[] = []
  const build = () => {
    meetingLine.textContent = settings.meeting
    const chosen = deckSlides(entries, settings).flatMap(({ entry, title }) =>
      (entry as Candidate).pages.map((content, k, all) => ({
        key: entry.key,
        title: all.length > 1 ? `${title}（${k + 1}/${all.length}）` : title,
        content,
      })),
    )
    pages = chosen.map((s, i) =>
      h(
        'section',
        {
          class: 'slide',
          'aria-roledescription': 'スライド',
          'aria-label': `${i + 1} / ${chosen.length}: ${s.title}`,
          'data-slide': i,
          'data-slide-key': s.key,
        },
        h('header', { class: 'slide-head' }, h('h1', {}, s.title)),
        h('div', { class: 'slide-body' }, s.content),
        h(
          'footer',
          { class: 'slide-foot' },
          h('span', { class: 'consortium' }, scenario.consortium.name),
          h('span', { class: 'scenario-title' }, cur.stored.title),
          h('span', { class: 'fiscal' }, fiscal),
          h('span', { class: 'date' }, date),
          h('span', { class: 'page' }, `${i + 1} / ${chosen.length}`),
        ),
      ),
    )
    replace(deck, pages)
    alignHeaders(deck)
    show(Math.min(index, pages.length - 1))
    renderPrintImages(deck)
    document.documentElement.dataset.deckReady = 'true'
  }
  const builderButton = h(
    'button',
    {
      type: 'button',
      'data-action': 'deck-builder',
      disabled: true,
      onclick: () =>
        openDeckBuilder(entries, settings, (s) => {
          settings = s
          saveDeckSettings(scenarioId, s)
          build()
        }),
    },
    '資料の構成…',
  )
  const nav = h(
    'nav',
    { class: 'present-nav', 'aria-label': 'スライド操作' },
    h(
      'button',
      { type: 'button', 'data-action': 'prev', onclick: () => show(index - 1) },
      '← 前へ',
    ),
    counter,
    h(
      'button',
      { type: 'button', 'data-action': 'next', onclick: () => show(index + 1) },
      '次へ →',
    ),
    builderButton,
    h('button', { type: 'button', onclick: () => window.print() }, '印刷（A4横）'),
    h('a', { href: '#studio', class: 'button' }, '終了（Esc）'),
  )
  replace(root, h('div', { class: 'present' }, deck, nav))
  document.body.classList.add('presenting')
  delete document.documentElement.dataset.deckReady
  // The analyses load from the API; the deck is laid out once they have answered, so a slide without data
  // is known and left out.
  void Promise.all([
    ...analyses.map((a) => a.load()),
    deckExtras(state).then((x) => {
      extras = x
    }),
  ]).then(() => {
    if (disposed) return
    entries = candidates()
    builderButton.disabled = false
    build()
  })

  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null
    if (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return
    if (document.querySelector('dialog.deck-builder[open]')) return
    if (['ArrowRight', 'PageDown', ' '].includes(e.key)) show(index + 1)
    else if (['ArrowLeft', 'PageUp', 'Backspace'].includes(e.key)) show(index - 1)
    else if (e.key === 'Home') show(0)
    else if (e.key === 'End') show(pages.length - 1)
    else if (e.key === 'Escape') location.hash = '#studio'
    else return
    e.preventDefault()
  }
  // The print copies are drawn when the deck is laid out; here only a chart without one is drawn.
  const beforePrint = () => {
    document.body.classList.add('printing')
    renderPrintImages(deck, true)
  }
  const afterPrint = () => {
    document.body.classList.remove('printing')
    show(index)
  }
  document.addEventListener('keydown', onKey)
  window.addEventListener('beforeprint', beforePrint)
  window.addEventListener('afterprint', afterPrint)
  return () => {
    disposed = true
    document.removeEventListener('keydown', onKey)
    window.removeEventListener('beforeprint', beforePrint)
    window.removeEventListener('afterprint', afterPrint)
    document.body.classList.remove('presenting', 'printing')
    delete document.documentElement.dataset.deckReady
    Chart.defaults.font.size = fontSize
  }
}
