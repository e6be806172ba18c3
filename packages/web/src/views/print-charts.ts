/**
 * Charts on paper. A canvas prints at whatever size the screen gave it, and a slide hidden on screen has a
 * 0×0 canvas, so printing never relies on the live canvases: each chart is drawn once more at a fixed size on
 * an off-screen stage and its pixels copied to a plain fixed-size canvas beside the live one (a canvas, not an
 * <img> from a data URL: an image decodes asynchronously and may miss a print started at once). The print
 * stylesheet shows the copy (full page width on A4 landscape) and hides the live canvas, whichever slide is
 * current and whatever prints (the browser's own print or `page.pdf()`).
 */
import type { ChartConfiguration } from 'chart.js'
import { Chart } from '../charts/register'
import { h } from './dom'

/**
 * CSS pixels of the drawing, drawn at 2× for a sharp print. 2.2:1 is the slide body on A4 landscape at the
 * full width of 277 mm (126 mm high), leaving room for the title, a few lines of notes and the footer.
 */
export const PRINT_CHART = { width: 1320, height: 600, pixelRatio: 2, fontSize: 15 } as const

type Host = HTMLElement & { chart?: Chart }

/**
 * Draw the charts under `root` as print copies. `missingOnly`: only charts that have no copy yet (what
 * `beforeprint` asks for: redrawing a copy there could leave it blank on paper). Returns how many were drawn.
 */
export function renderPrintImages(root: ParentNode, missingOnly = false): number {
  const hosts = [...root.querySelectorAll<Host>('.chart-body')].filter(
    (x) => x.chart && !(missingOnly && x.querySelector('canvas.print-chart')),
  )
  if (!hosts.length) return 0
  const stage = h('div', { class: 'print-stage', 'aria-hidden': 'true' })
  stage.style.cssText = `position:fixed;left:-${PRINT_CHART.width * 4}px;top:0;width:${PRINT_CHART.width}px;height:${PRINT_CHART.height}px;`
  document.body.append(stage)
  const fontSize = Chart.defaults.font.size
  Chart.defaults.font.size = PRINT_CHART.fontSize
  let drawn = 0
  try {
    for (const host of hosts) {
      const live = host.chart!
      const canvas = h('canvas')
      stage.replaceChildren(canvas)
      const config = {
        type: (live.config as { type: string }).type,
        data: {
          labels: [...(live.data.labels ?? [])],
          datasets: live.data.datasets.map((d) => ({ ...d, data: [...d.data] })),
        },
        options: {
          ...live.config.options,
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          devicePixelRatio: PRINT_CHART.pixelRatio,
        },
      } as ChartConfiguration
      const copy = new Chart(canvas, config)
      const wrap = host.querySelector('.canvas-wrap') ?? host
      let print = wrap.querySelector<HTMLCanvasElement>('canvas.print-chart')
      if (!print) {
        print = h('canvas', { class: 'print-chart', role: 'img' })
        wrap.append(print)
      }
      print.setAttribute('aria-label', live.canvas.getAttribute('aria-label') ?? '')
      print.width = canvas.width
      print.height = canvas.height
      print.getContext('2d')?.drawImage(canvas, 0, 0)
      copy.destroy()
      drawn++
    }
  } finally {
    Chart.defaults.font.size = fontSize
    stage.remove()
  }
  return drawn
}
