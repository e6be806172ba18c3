/**
 * The council deck's slides from the consortium's other records (deck-extras.ts), in Chromium against the demo
 * server: the landing scenario's deck carries the 中期計画 table and burden chart, the SLA availability heat
 * strip, the coverage per member and the 外部サービス台帳 slides; the A4 landscape PDF has one page per slide and
 * every chart as an image on its own slide's page (pdfimages); projector type ≥ 20 px on the new slides; the
 * slides are left out (greyed with the reason) when the records are missing. Also the scenario xlsx's 中期計画
 * sheet, the heatmap's institution names and the yen axes in the chosen display unit.
 * UPDATE_SCREENSHOTS=1 writes the new slides' screenshots (half size) to docs/screenshots/.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoBrowser, hasChromium, ROOT } from './harness'

const hasPoppler = spawnSync('pdfimages', ['-v']).status === 0

const EXTRA_KEYS = [
  'plan-table',
  'plan-trend',
  'plan-band',
  'sla-availability',
  'continuity',
  'register-matrix',
  'register-bands',
]

describe.skipIf(!hasChromium)('council deck: plan, SLA and 台帳 slides', () => {
  const demo = demoBrowser()
  let page: Page
  let tmp: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    page = await demo.firstPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    tmp = mkdtempSync(join(tmpdir(), 'warikan-deck-more-'))
    await page.setViewportSize({ width: 1920, height: 1080 })
  })

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  const openDeck = async (id: number) => {
    await page.goto(`${demo.server.url}/?scenario=${id}#present`)
    await page.waitForSelector('html[data-deck-ready="true"]', {
      state: 'attached',
      timeout: 20_000,
    })
  }
  const slideKeys = () =>
    page
      .locator('.slide')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.slideKey ?? ''))

  it('puts the plan, SLA and 台帳 slides of the demo into the landing deck, with their content', async () => {
    await openDeck(1)
    const keys = await slideKeys()
    for (const k of EXTRA_KEYS) expect(keys, k).toContain(k)
    const slide = (k: string) => page.locator(`.slide[data-slide-key="${k}"]`)
    // members × 5 years (over two slides of 8 members at most) (令和8–12年度) and the 期間計 columns, 合計 row
    const head = await slide('plan-table').first().locator('thead th').allTextContents()
    expect(head.filter((t) => /^令和\d+年度$/.test(t))).toHaveLength(5)
    expect(head).toContain('期間計')
    expect(await slide('plan-table').last().locator('tbody tr').last().textContent()).toContain(
      '合計',
    )
    expect(await slide('plan-trend').first().locator('.chart-body canvas').count()).toBeGreaterThan(
      0,
    )
    // the heat strip: one row per service, one cell per month, each an availability
    const cells = await slide('sla-availability').first().locator('td.heat').allTextContents()
    expect(cells.length).toBeGreaterThan(0)
    for (const c of cells) expect(c).toMatch(/\d+\.\d{3}%/)
    // coverage: ✓ / ✗ for each of the 9 patterns
    const marks = await slide('continuity').first().locator('tbody td').allTextContents()
    expect(marks.some((m) => m === '✓' || m === '✗')).toBe(true)
    expect(await slide('register-matrix').first().locator('table.impact-matrix td').count()).toBe(9)
    expect(pageErrors).toEqual([])
  })

  it.skipIf(!hasPoppler)(
    'prints them on A4 landscape: one page per slide, each chart on its page',
    async () => {
      await openDeck(1)
      const total = await page.locator('.slide').count()
      const charts = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.slide'))
          .map((s, i) => (s.querySelector('.chart-body canvas:not(.print-chart)') ? i + 1 : 0))
          .filter((n) => n > 0),
      )
      const keys = await slideKeys()
      expect(charts).toContain(keys.indexOf('plan-trend') + 1)
      expect(charts).toContain(keys.indexOf('register-bands') + 1)
      await page.emulateMedia({ media: 'print' })
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
      await page.emulateMedia({ media: 'screen' })
      expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(total)
      const file = join(tmp, 'deck.pdf')
      writeFileSync(file, pdf)
      const r = spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' })
      expect(r.status).toBe(0)
      const pages = r.stdout
        .split('\n')
        .slice(2)
        .map((l) => l.trim().split(/\s+/))
        .filter((c) => c[2] === 'image')
        .map((c) => Number(c[0]))
      expect(pages).toEqual(charts)
    },
  )

  it('keeps projector type at 20 px or more on the new slides, and writes their screenshots', async () => {
    await openDeck(1)
    const keys = await slideKeys()
    const update = process.env.UPDATE_SCREENSHOTS === '1'
    for (const [i, key] of keys.entries()) {
      if (!EXTRA_KEYS.some((k) => key === k || key.startsWith(`${k}-`))) continue
      await page.keyboard.press('Home')
      for (let k = 0; k < i; k++) await page.keyboard.press('ArrowRight')
      const small = await page.evaluate(() => {
        const slide = document.querySelector('.slide.current')!
        const out: string[] = []
        for (const el of Array.from(
          slide.querySelectorAll<HTMLElement>('.slide-body *, .slide-foot *'),
        )) {
          if (el.closest('svg, details')) continue
          const own = Array.from(el.childNodes).some(
            (n) => n.nodeType === 3 && n.textContent!.trim(),
          )
          if (!own || !el.getClientRects().length) continue
          const px = parseFloat(getComputedStyle(el).fontSize)
          if (px < 20) out.push(`${el.tagName}.${el.className} ${px}px`)
        }
        return out
      })
      expect(small, key).toEqual([])
      // nothing runs off the slide body (a table too wide or too tall for the projector)
      const overflow = await page.evaluate(() => {
        const body = document.querySelector<HTMLElement>('.slide.current .slide-body')!
        return body.scrollHeight - body.clientHeight > 2 || body.scrollWidth - body.clientWidth > 2
      })
      expect(overflow, key).toBe(false)
      if (update) {
        await page.waitForTimeout(100)
        const png = await page.screenshot()
        const b64 = await page.evaluate(async (src) => {
          const img = new Image()
          img.src = `data:image/png;base64,${src}`
          await img.decode()
          const c = document.createElement('canvas')
          c.width = img.naturalWidth / 2
          c.height = img.naturalHeight / 2
          const g = c.getContext('2d')!
          g.imageSmoothingQuality = 'high'
          g.drawImage(img, 0, 0, c.width, c.height)
          return c.toDataURL('image/png').split(',')[1]!
        }, png.toString('base64'))
        writeFileSync(
          join(ROOT, `docs/screenshots/deck-${String(i + 1).padStart(2, '0')}-${key}.png`),
          Buffer.from(b64, 'base64'),
        )
      }
    }
  })

  it('adds a 中期計画 sheet to the scenario xlsx: members × years with the 前年度比', async () => {
    await page.goto(`${demo.server.url}/?scenario=1#studio`)
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 15_000 })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-action="export-xlsx"]'),
    ])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('中期計画')!
    expect(String(ws.getCell('A1').value)).toContain('令和8年度〜令和12年度')
    // row 3: 団体コード, 団体名, 令和8年度, 令和9年度, 前年度比（令和9年度）, … 令和12年度, 前年度比, 期間計 …
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '団体コード',
      '団体名',
      '令和8年度',
      '令和9年度',
      '前年度比（令和9年度）',
      '令和10年度',
      '前年度比（令和10年度）',
      '令和11年度',
      '前年度比（令和11年度）',
      '令和12年度',
      '前年度比（令和12年度）',
      '期間計',
      '単独導入計',
      '削減率',
    ])
    // 葉山町: ¥117,423,084 in 令和8年度, ¥117,082,860 in 令和9年度 (the plan view shows −0.3%)
    expect(ws.getCell('B4').value).toBe('葉山町')
    expect(ws.getCell('C4').value).toBe(117_423_084)
    expect(ws.getCell('D4').value).toBe(117_082_860)
    expect(ws.getCell('C4').numFmt).toBe('"¥"#,##0')
    expect(Number(ws.getCell('E4').value)).toBeCloseTo(117_082_860 / 117_423_084 - 1, 9)
    expect(ws.getCell('E4').numFmt).toBe('+0.0%;-0.0%;0.0%')
    expect(ws.getCell('N4').numFmt).toBe('0.0%')
    // a member that joins in 令和9年度 has no 令和8年度 amount and so no 前年度比 for 令和9年度
    const rows = ws.getRows(4, ws.rowCount - 3) ?? []
    const joiner = rows.find(
      (r) => r.getCell(3).value === null && typeof r.getCell(4).value === 'number',
    )
    expect(joiner, 'a member joining in year 2').toBeDefined()
    expect(joiner!.getCell(5).value).toBeNull()
    // the 合計 row: the period total of the years
    const total = rows.find((r) => r.getCell(2).value === '合計')!
    const years = [3, 4, 6, 8, 10].map((c) => Number(total.getCell(c).value))
    expect(total.getCell(12).value).toBe(years.reduce((a, b) => a + b, 0))
  })

  it('labels the heatmap with institution names and draws yen axes in the chosen display unit', async () => {
    await page.goto(`${demo.server.url}/?scenario=1#studio`)
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 15_000 })
    await page.waitForSelector('.panel-heatmap table.heatmap', { timeout: 15_000 })
    const heads = await page.locator('.panel-heatmap table.heatmap thead th').allTextContents()
    // members by name, national institutions by name, never a bare id
    expect(heads).toContain('葉山町')
    expect(
      heads.some((t) => /日本年金機構|厚生労働省|国税庁|日本学生支援機構|（その他の機関）/.test(t)),
    ).toBe(true)
    expect(heads.filter((t) => /^[0-9A-Za-z_-]+$/.test(t.trim()))).toEqual([])
    const ticks = () =>
      page.evaluate(() => {
        const host = document.querySelector('.panel-stack .chart-body') as HTMLElement & {
          chart?: { scales: { y: { ticks: Array<{ label: string }> } } }
        }
        return host.chart!.scales.y.ticks.map((t) => String(t.label))
      })
    await page.selectOption('#display-unit', '1')
    expect((await ticks()).filter((t) => t !== '¥0').every((t) => /^¥[\d,]+$/.test(t))).toBe(true)
    await page.selectOption('#display-unit', '1000000')
    await expect
      .poll(async () => (await ticks()).filter((t) => !/^[\d,]+百万円$/.test(t)))
      .toEqual([])
    await page.selectOption('#display-unit', '1') // the unit is kept in localStorage: leave the default
  })

  it('leaves the slides out, with the reason in the deck builder, when the consortium has no such records', async () => {
    // the same demo, answered as if the consortium had no plan, no SLA documents and an empty 台帳
    const empty = (route: { fulfill(o: { json: unknown }): Promise<void> }) =>
      route.fulfill({ json: [] })
    await page.route('**/api/consortia/*/plans', empty)
    await page.route('**/api/consortia/*/sla-documents', empty)
    await page.route('**/api/consortia/*/external-services', empty)
    try {
      await openDeck(1)
      const keys = await slideKeys()
      for (const k of EXTRA_KEYS) expect(keys, k).not.toContain(k)
      expect(await page.locator('.slide .empty, .slide .panel-error').count()).toBe(0)
      await page.click('button[data-action="deck-builder"]')
      const dialog = page.locator('dialog.deck-builder')
      await expect.poll(() => dialog.isVisible()).toBe(true)
      for (const [k, why] of [
        ['plan-table', '中期計画がありません'],
        ['sla-availability', '障害記録がありません'],
        ['continuity', '継続性対策のファイルがありません'],
        ['register-matrix', '外部サービス台帳は空です'],
      ] as const) {
        expect(
          await dialog.locator(`input[type="checkbox"][data-slide-key="${k}"]`).isDisabled(),
        ).toBe(true)
        expect(await dialog.locator(`li[data-slide-key="${k}"]`).textContent()).toContain(why)
      }
      await page.keyboard.press('Escape')
    } finally {
      await page.unrouteAll()
    }
  })
})
