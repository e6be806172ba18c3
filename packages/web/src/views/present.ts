/**
 * 説明資料モード (council presentation): large type, one chart per slide, keyboard navigation, and an A4
 * landscape print stylesheet; the consortium name, the 令和 fiscal year and the date are on every page.
 */
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
import { dataTable, h, replace } from './dom'
import { panel, type Panel } from './panel'

/** Today as YYYY-MM-DD in local time (the date printed on each page). */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`
}

interface Slide {
  title: string
  content: HTMLElement
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
  Chart.defaults.font.size = 16
  const fiscal = formatFiscalYear(scenario.consortium.fiscalYear)
  const date = formatDateJa(todayIso())
  const slides: Slide[] = []
  const slidePanel = (p: Panel) => p.el

  slides.push({
    title: scenario.consortium.name,
    content: h(
      'div',
      { class: 'title-slide' },
      h('p', { class: 'kicker' }, `${fiscal} 共同利用 負担金按分（案）`),
      h('h2', {}, cur.stored.title),
      h(
        'p',
        {},
        `構成団体 ${out.members.length} 団体 ／ 費目 ${scenario.costs.length} ／ 総額 ${formatYen(out.total)}`,
      ),
      scenario.description ? h('p', { class: 'muted' }, scenario.description) : null,
    ),
  })
  slides.push({
    title: '団体別の負担金',
    content: dataTable(
      `負担金一覧（${fiscal}）`,
      ['団体', '人口', '負担金', '単独導入費用', '削減率', '目標'],
      [
        ...out.members.map((m) => [
          m.name,
          formatInteger(scenario.members.find((x) => x.code === m.code)?.population ?? 0),
          formatYen(m.total),
          m.standaloneCost === undefined ? '—' : formatYen(m.standaloneCost),
          m.savingsRate === undefined ? '—' : formatPercent(m.savingsRate),
          targetMark(m.meetsTarget),
        ]),
        ['合計', '', formatYen(out.total), '', '', ''],
      ],
      { className: 'data slide-table' },
    ),
  })
  const stack = panel('stack', '費目別の負担金')
  renderCostStack(stack, scenario, allocation)
  slides.push({ title: '団体別・費目別の負担金', content: slidePanel(stack) })
  const savings = panel('savings', '削減率と目標')
  renderSavings(savings, scenario, allocation)
  slides.push({ title: '単独導入に対する削減率（目標 2割）', content: slidePanel(savings) })
  const analyses = analysisPanels(state, false)
  for (const a of analyses) {
    slides.push({
      title: a.panel.el.querySelector('h2')?.textContent ?? a.key,
      content: a.panel.el,
    })
    void a.load()
  }

  let index = 0
  const pages = slides.map((s, i) =>
    h(
      'section',
      {
        class: 'slide',
        'aria-roledescription': 'スライド',
        'aria-label': `${i + 1} / ${slides.length}: ${s.title}`,
        'data-slide': i,
      },
      h('header', { class: 'slide-head' }, h('h1', {}, s.title)),
      h('div', { class: 'slide-body' }, s.content),
      h(
        'footer',
        { class: 'slide-foot' },
        h('span', { class: 'consortium' }, scenario.consortium.name),
        h('span', { class: 'fiscal' }, fiscal),
        h('span', { class: 'date' }, date),
        h('span', { class: 'page' }, `${i + 1} / ${slides.length}`),
      ),
    ),
  )
  const counter = h('span', { class: 'counter', 'aria-live': 'polite' })
  const show = (i: number) => {
    index = Math.max(0, Math.min(slides.length - 1, i))
    pages.forEach((p, k) => p.classList.toggle('current', k === index))
    counter.textContent = `${index + 1} / ${slides.length}`
    for (const c of Object.values(Chart.instances)) c.resize()
  }
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
    h('button', { type: 'button', onclick: () => window.print() }, '印刷（A4横）'),
    h('a', { href: '#studio', class: 'button' }, '終了（Esc）'),
  )
  replace(root, h('div', { class: 'present' }, pages, nav))
  document.body.classList.add('presenting')

  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null
    if (t && /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return
    if (['ArrowRight', 'PageDown', ' '].includes(e.key)) show(index + 1)
    else if (['ArrowLeft', 'PageUp', 'Backspace'].includes(e.key)) show(index - 1)
    else if (e.key === 'Home') show(0)
    else if (e.key === 'End') show(slides.length - 1)
    else if (e.key === 'Escape') location.hash = '#studio'
    else return
    e.preventDefault()
  }
  // Print every slide: show them all, let the charts size themselves to the page, then restore.
  const beforePrint = () => {
    document.body.classList.add('printing')
    for (const c of Object.values(Chart.instances)) c.resize()
  }
  const afterPrint = () => {
    document.body.classList.remove('printing')
    show(index)
  }
  document.addEventListener('keydown', onKey)
  window.addEventListener('beforeprint', beforePrint)
  window.addEventListener('afterprint', afterPrint)
  show(0)
  return () => {
    document.removeEventListener('keydown', onKey)
    window.removeEventListener('beforeprint', beforePrint)
    window.removeEventListener('afterprint', afterPrint)
    document.body.classList.remove('presenting', 'printing')
    Chart.defaults.font.size = fontSize
  }
}
