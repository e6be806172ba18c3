/** A chart panel: title, the chart, and the table behind it (its text alternative). */
import type { ChartConfiguration } from 'chart.js'
import { ApiError } from '../api-client'
import { Chart } from '../charts/register'
import { h, replace } from './dom'

export interface Panel {
  el: HTMLElement
  /** where the chart (canvas, SVG or heatmap) goes */
  body: HTMLElement
  /** where the text alternative goes */
  alt: HTMLElement
  note: HTMLElement
}

let panelSeq = 0

export function panel(key: string, title: string, lead?: string): Panel {
  const id = `panel-${key}-${++panelSeq}`
  const body = h('div', { class: 'chart-body' })
  const alt = h('div', { class: 'chart-alt' })
  const note = h('div', { class: 'panel-note' })
  const el = h(
    'section',
    { class: `panel panel-${key}`, 'aria-labelledby': id, 'data-panel': key },
    h('h2', { id }, title),
    lead ? h('p', { class: 'lead' }, lead) : null,
    body,
    note,
    h('details', { class: 'alt' }, h('summary', {}, '表で見る（グラフの内容）'), alt),
  )
  return { el, body, alt, note }
}

/** Draw (or redraw in place) a chart.js chart in a panel body. */
export function drawChart(host: HTMLElement, config: ChartConfiguration, label: string): Chart {
  const existing = (host as { chart?: Chart }).chart
  if (existing && (existing.config as { type?: string }).type === config.type) {
    existing.data = config.data
    if (config.options) existing.options = config.options
    existing.update('none')
    return existing
  }
  existing?.destroy()
  const canvas = h('canvas', { role: 'img', 'aria-label': label })
  replace(host, h('div', { class: 'canvas-wrap' }, canvas))
  const chart = new Chart(canvas, config)
  ;(host as { chart?: Chart }).chart = chart
  return chart
}

export function destroyChart(host: HTMLElement): void {
  const existing = (host as { chart?: Chart }).chart
  existing?.destroy()
  delete (host as { chart?: Chart }).chart
}

export function showError(p: Panel, err: unknown): void {
  // 4xx: the scenario lacks what the analysis needs (e.g. no pattern catalogue): say so, calmly.
  if (err instanceof ApiError && err.status >= 400 && err.status < 500)
    return empty(p, `この分析は表示できません: ${err.message}`)
  destroyChart(p.body)
  const message = err instanceof Error ? err.message : String(err)
  replace(
    p.body,
    h(
      'div',
      { class: 'panel-error', role: 'alert' },
      h('strong', {}, 'エラー'),
      h('p', {}, message),
    ),
  )
  replace(p.alt, '')
}

/** Run a loader for a panel, showing a failure as a message in the panel. */
export async function loadInto(p: Panel, load: () => Promise<void>): Promise<void> {
  p.el.setAttribute('aria-busy', 'true')
  try {
    await load()
  } catch (e) {
    showError(p, e)
  } finally {
    p.el.removeAttribute('aria-busy')
  }
}

export function empty(p: Panel, message: string): void {
  destroyChart(p.body)
  replace(p.body, h('div', { class: 'empty', role: 'status' }, message))
  replace(p.alt, h('p', {}, message))
}
