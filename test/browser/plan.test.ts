/**
 * The 中期計画 view in Chromium against the demo server: the demo plan's members × years table, the rate
 * slider recomputing every year in the browser (timed), and the xlsx workbook (period + one sheet per year).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { demoBrowser, hasChromium, SCREENSHOTS } from './harness'

const yen = (s: string | null) => Number((s ?? '').replace(/[^\d-]/g, ''))

describe.skipIf(!hasChromium)('plan view in Chromium', () => {
  const demo = demoBrowser(120_000)
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    page = await demo.firstPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
  })

  it('shows the demo plan, recomputes live on the rate slider, and exports period + yearly sheets', async () => {
    await page.goto(`${demo.server.url}/?demo#plan`)
    await page.waitForSelector('main[data-plan-ready="true"]', { timeout: 20_000 })
    const header = await page.$$eval('.plan-table thead th', (ths) => ths.map((t) => t.textContent))
    expect(header).toEqual([
      '団体',
      '令和8年度',
      '令和9年度',
      '令和10年度',
      '令和11年度',
      '令和12年度',
      '期間計',
      '単独導入計',
      '削減率',
    ])
    // 清川村 joins in 令和9年度
    const kiyokawa = await page.$$eval('.plan-table tr[data-code="144029"] td', (tds) =>
      tds.map((t) => t.firstChild?.textContent ?? ''),
    )
    expect(kiyokawa[0]).toBe('—')
    const total = () => page.textContent('.plan-table tr.total td:nth-of-type(6)')
    const before = yen(await total())

    // move the slider to ¥170 and then ¥130: the period total follows, recomputed in the browser
    const setRate = (v: number) =>
      page.$eval(
        '#plan-rate',
        (el, value) => {
          const input = el as HTMLInputElement
          input.value = String(value)
          input.dispatchEvent(new Event('input', { bubbles: true }))
        },
        v,
      )
    const timings: number[] = []
    const cores: number[] = []
    const time = async (v: number) => {
      await setRate(v)
      timings.push(Number(await page.getAttribute('main', 'data-plan-recompute-ms')))
      cores.push(Number(await page.getAttribute('main', 'data-plan-core-ms')))
    }
    await time(170)
    const at170 = yen(await total())
    for (const v of [160, 150, 140]) await time(v)
    await time(130)
    const at130 = yen(await total())
    expect(await page.textContent('#plan-rate-value')).toBe('¥130/$')
    expect(at170).toBeGreaterThan(before)
    expect(at130).toBeLessThan(before)
    const sorted = [...timings].sort((a, b) => a - b)
    console.log(
      `plan rate recompute in Chromium (5 moves): min ${sorted[0]!.toFixed(1)} ms, median ${sorted[2]!.toFixed(1)} ms; core ${Math.min(...cores).toFixed(1)}–${Math.max(...cores).toFixed(1)} ms`,
    )
    // a shared, loaded machine: the fastest of five moves must be within the 100 ms budget
    expect(sorted[0]).toBeLessThan(100)
    await page.screenshot({ path: join(SCREENSHOTS, 'plan-view.png'), fullPage: true })

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#plan-xlsx')])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '期間',
      '令和8年度',
      '令和9年度',
      '令和10年度',
      '令和11年度',
      '令和12年度',
    ])
    const period = wb.getWorksheet('期間')!
    // row 2 header; 14 members (rows 3–16); total row 17 with the period total in column H
    expect(period.getCell('H2').value).toBe('期間計')
    expect(period.getCell('H17').value).toBe(at130)
    expect(wb.getWorksheet('令和8年度')!.rowCount).toBe(2 + 13 + 1)
    expect(wb.getWorksheet('令和9年度')!.rowCount).toBe(2 + 14 + 1)
    expect(pageErrors).toEqual([])
  }, 60_000)
})
