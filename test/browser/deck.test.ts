/**
 * The council deck in Chromium against the real server: every demo scenario's deck printed with page.pdf()
 * (A4 landscape) holds every chart as a raster image at full page width (counted with poppler's
 * `pdfimages -list`), also when printed from a middle slide; the deck builder leaves out, renames and moves
 * slides; projector type is at least 20 px at 1920×1080; screenshots of every slide; the cold first render.
 * Also the exports: the xlsx number formats read back with exceljs, file names, title rows, print titles, and
 * the 負担金通知 (one A4 page per member, one sheet per member; a member-role login sees only its own).
 * UPDATE_SCREENSHOTS=1 also writes the slide screenshots to docs/screenshots/.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoBrowser, hasChromium, ROOT, SCREENSHOTS } from './harness'

const hasPoppler = spawnSync('pdfimages', ['-v']).status === 0

/** The print copy of a chart is 2640 × 1200 px (print-charts.ts PRINT_CHART at 2×). */
const PRINT_WIDTH_PX = 2640
/** A4 landscape less 10 mm margins: 277 mm. "Full page width" here: drawn at least 250 mm wide. */
const MIN_PRINTED_MM = 250

interface PdfImage {
  page: number
  width: number
  xppi: number
}

/** `pdfimages -list` rows of type image (not the soft masks). */
function pdfImages(pdf: Buffer, dir: string): PdfImage[] {
  const file = join(dir, `deck-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, pdf)
  const r = spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(r.stderr)
  return r.stdout
    .split('\n')
    .slice(2)
    .map((l) => l.trim().split(/\s+/))
    .filter((c) => c[2] === 'image')
    .map((c) => ({ page: Number(c[0]), width: Number(c[3]), xppi: Number(c[12]) }))
}

const pdfPageCount = (pdf: Buffer) =>
  pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0

describe.skipIf(!hasChromium)('council deck in Chromium', () => {
  const demo = demoBrowser()
  let context: BrowserContext
  let page: Page
  let tmp: string
  const pageErrors: string[] = []

  beforeAll(async () => {
    context = demo.browser.context
    page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (e) => pageErrors.push(e.message))
    tmp = mkdtempSync(join(tmpdir(), 'warikan-deck-'))
    await page.setViewportSize({ width: 1920, height: 1080 })
  })

  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  const api = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${demo.server.url}${path}`, {
      headers: { Authorization: `Bearer ${demo.server.token}` },
    })
    expect(res.status).toBe(200)
    return (await res.json()) as T
  }

  const openDeck = async (id: number) => {
    await page.goto(`${demo.server.url}/?scenario=${id}#present`)
    await page.waitForSelector('html[data-deck-ready="true"]', {
      state: 'attached',
      timeout: 20_000,
    })
  }

  /** 1-based slide numbers that hold a chart. */
  const chartSlides = () =>
    page.evaluate(() =>
      Array.from(document.querySelectorAll('.slide'))
        .map((s, i) => (s.querySelector('.chart-body canvas:not(.print-chart)') ? i + 1 : 0))
        .filter((n) => n > 0),
    )

  const printAndCheck = async () => {
    const total = await page.locator('.slide').count()
    const charts = await chartSlides()
    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    await page.emulateMedia({ media: 'screen' })
    expect(pdfPageCount(pdf)).toBe(total)
    const images = pdfImages(pdf, tmp)
    // one chart image on each chart slide's page, none elsewhere, each the full print copy
    expect(images.map((i) => i.page)).toEqual(charts)
    for (const img of images) {
      expect(img.width).toBe(PRINT_WIDTH_PX)
      const printedMm = (img.width / img.xppi) * 25.4
      expect(printedMm).toBeGreaterThanOrEqual(MIN_PRINTED_MM)
    }
    return { total, charts }
  }

  it.skipIf(!hasPoppler)(
    'prints the deck of every demo scenario to A4 landscape with every chart in the PDF',
    async () => {
      const scenarios = await api<Array<{ id: number; title: string }>>(
        '/api/consortia/1/scenarios',
      )
      expect(scenarios.length).toBeGreaterThanOrEqual(3)
      for (const s of scenarios) {
        await openDeck(s.id)
        const { charts } = await printAndCheck()
        expect(charts.length).toBeGreaterThanOrEqual(3) // 負担金 stack, savings and at least one analysis
        // no slide printed empty
        expect(await page.locator('.slide .empty, .slide .panel-error').count()).toBe(0)
      }
      // the landing scenario fills every panel: all 20 slides (title, 負担金一覧 ×2, 7 charts … network, plan …)
      await openDeck(scenarios[0]!.id)
      const keys = await page
        .locator('.slide')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.slideKey))
      expect(keys).toEqual([
        'title',
        'members',
        'members',
        'stack',
        'savings',
        'divergence',
        'heatmap',
        'monthly',
        'targets',
        'shapley',
        'patterns',
        'network',
        // the consortium's 中期計画, SLA・継続性 and 台帳 (deck-more.test.ts checks their content)
        'plan-table',
        'plan-table',
        'plan-trend',
        'plan-band',
        'sla-availability',
        'continuity',
        'register-matrix',
        'register-bands',
      ])
      expect(pageErrors).toEqual([])
    },
    120_000,
  )

  it.skipIf(!hasPoppler)('prints every chart from a middle slide too', async () => {
    await openDeck(1)
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
    const total = await page.locator('.slide').count()
    expect(await page.locator('.present-nav .counter').textContent()).toBe(`6 / ${total}`)
    const { charts } = await printAndCheck()
    expect(charts).toEqual([4, 5, 6, 8, 10, 11, 15, 20])
    // still on the same slide after printing
    expect(await page.locator('.slide.current').getAttribute('data-slide')).toBe('5')
  })

  it.skipIf(!hasPoppler)(
    "draws a missing print copy in the browser's beforeprint, so Ctrl+P prints it too",
    async () => {
      await openDeck(1)
      await page.keyboard.press('End')
      const removed = await page.evaluate(() => {
        const copies = Array.from(document.querySelectorAll('canvas.print-chart'))
        copies.forEach((c) => c.remove())
        window.dispatchEvent(new Event('beforeprint'))
        window.dispatchEvent(new Event('afterprint'))
        return copies.length
      })
      expect(removed).toBe(8)
      expect(await page.locator('canvas.print-chart').count()).toBe(8)
      await printAndCheck()
    },
  )

  it('carries 組合, scenario title, 令和 date and n/N on every page, and ≥ 20 px text at 1920×1080', async () => {
    await openDeck(1)
    const title = (await api<{ title: string }>('/api/scenarios/1')).title
    const feet = await page.locator('.slide-foot').allTextContents()
    feet.forEach((f, i) => {
      expect(f).toContain('神奈川県町村情報システム共同事業組合')
      expect(f).toContain(title)
      expect(f).toMatch(/令和\d+年\d+月\d+日/)
      expect(f).toContain(`${i + 1} / ${feet.length}`)
    })
    for (let i = 0; i < feet.length; i++) {
      const small = await page.evaluate(() => {
        const slide = document.querySelector('.slide.current')!
        const out: string[] = []
        for (const el of Array.from(
          slide.querySelectorAll<HTMLElement>('.slide-body *, .slide-foot *'),
        )) {
          if (el.closest('.heatmap-wrap, svg, details')) continue // the matrix and the network figure
          const own = Array.from(el.childNodes).some(
            (n) => n.nodeType === 3 && n.textContent!.trim(),
          )
          if (!own || !el.getClientRects().length) continue
          const px = parseFloat(getComputedStyle(el).fontSize)
          if (px < 20) out.push(`${el.tagName}.${el.className} ${px}px`)
        }
        return out
      })
      expect(small, `slide ${i + 1}`).toEqual([])
      await page.keyboard.press('ArrowRight')
    }
    // a long table continues on the next slide rather than shrinking: 14 members over 2 slides of 8 + 6
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowRight')
    expect(await page.locator('.slide.current tbody tr').count()).toBe(8)
    await page.keyboard.press('ArrowRight')
    expect(await page.locator('.slide.current tbody tr').count()).toBe(7) // 6 members + 合計
  })

  it('builds the deck for a meeting: leaves out, renames and moves slides; kept on reload', async () => {
    // scenario 2 has no coalition model and no pattern catalogue: those slides are not in its deck
    await openDeck(2)
    const keys2 = await page
      .locator('.slide')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.slideKey))
    expect(keys2).not.toContain('shapley')
    expect(keys2).not.toContain('patterns')
    await page.click('button[data-action="deck-builder"]')
    const dialog = page.locator('dialog.deck-builder')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    expect(
      await dialog.locator('input[type="checkbox"][data-slide-key="shapley"]').isDisabled(),
    ).toBe(true)
    expect(await dialog.locator('li[data-slide-key="shapley"]').textContent()).toContain(
      'データなし',
    )
    await page.keyboard.press('Escape')

    await openDeck(1)
    const before = await page.locator('.slide').count()
    await page.click('button[data-action="deck-builder"]')
    await dialog.locator('input[type="checkbox"][data-slide-key="heatmap"]').uncheck()
    await dialog
      .locator('input.deck-title[data-slide-key="stack"]')
      .fill('費目別の負担金（第1回委員会）')
    await dialog.locator('button[data-move="-1"][data-slide-key="savings"]').click() // before stack
    await dialog.locator('#deck-meeting').fill('令和8年度 第1回 運営委員会')
    await dialog.locator('button[data-action="deck-apply"]').click()
    const check = async () => {
      expect(await page.locator('.slide').count()).toBe(before - 1)
      const keys = await page
        .locator('.slide')
        .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.slideKey))
      expect(keys).not.toContain('heatmap')
      expect(keys.indexOf('savings')).toBeLessThan(keys.indexOf('stack'))
      expect(await page.locator('.slide[data-slide-key="stack"] h1').textContent()).toBe(
        '費目別の負担金（第1回委員会）',
      )
      expect(await page.locator('.title-slide .meeting').textContent()).toBe(
        '令和8年度 第1回 運営委員会',
      )
      const feet = await page.locator('.slide-foot .page').allTextContents()
      expect(feet.at(-1)).toBe(`${before - 1} / ${before - 1}`)
    }
    await check()
    await openDeck(1)
    await check()
    // back to the default for the other tests
    await page.click('button[data-action="deck-builder"]')
    await dialog.locator('button[data-action="deck-reset"]').click()
    await dialog.locator('button[data-action="deck-apply"]').click()
    expect(await page.locator('.slide').count()).toBe(before)
  })

  it('exports the xlsx with yen, % and integer formats, 人口 and 削減額, titles, print titles and page numbers', async () => {
    const stored = await api<{ title: string; version: number }>('/api/scenarios/1')
    await page.goto(`${demo.server.url}/?scenario=1#studio`)
    await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 15_000 })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-action="export-xlsx"]'),
    ])
    const name = download.suggestedFilename()
    const ymd = await page.evaluate(() => {
      const d = new Date()
      const p = (n: number) => String(n).padStart(2, '0')
      return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`
    })
    expect(name).toBe(
      `負担金按分_神奈川県町村情報システム共同事業組合_令和8年度_${stored.title}_v${stored.version}_${ymd}.xlsx`.replace(
        /[\\/:*?"<>|]/g,
        '_',
      ),
    )
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('負担金')!
    const title = String(ws.getCell('A1').value)
    expect(title).toContain(stored.title)
    expect(title).toContain(`v${stored.version}`)
    expect(title).toMatch(/令和\d+年\d+月\d+日 作成/)
    // A code, B name, C 人口, D–L the 9 items, M 合計, N 単独導入費用, O 削減額, P 削減率, Q 目標達成
    expect(['C2', 'M2', 'N2', 'O2', 'P2', 'Q2'].map((a) => ws.getCell(a).value)).toEqual([
      '人口',
      '合計',
      '単独導入費用',
      '削減額',
      '削減率',
      '目標達成',
    ])
    // 葉山町 (row 3): population 32,096; standalone ¥130,917,000; pays ¥106,181,760 (fairness test) → saves
    // ¥24,735,240 = 18.9% (short of 2割)
    expect(ws.getCell('C3').value).toBe(32_096)
    expect(ws.getCell('C3').numFmt).toBe('#,##0')
    for (const col of ['D', 'H', 'L', 'M', 'N', 'O'])
      expect(ws.getCell(`${col}3`).numFmt).toBe('"¥"#,##0')
    expect(ws.getCell('M3').value).toBe(106_181_760)
    expect(ws.getCell('N3').value).toBe(130_917_000)
    expect(ws.getCell('O3').value).toBe(130_917_000 - 106_181_760)
    expect(ws.getCell('P3').numFmt).toBe('0.0%')
    expect(Number(ws.getCell('P3').value)).toBeCloseTo(24_735_240 / 130_917_000, 6)
    expect(ws.getCell('Q3').value).toBe('未達')
    expect(ws.getCell('M17').value).toBe(1_037_000_000)
    expect(ws.getCell('M17').numFmt).toBe('"¥"#,##0')
    expect(ws.pageSetup.printTitlesRow).toBe('2:2')
    expect(ws.headerFooter.oddFooter).toContain('&P / &N')
    expect(ws.pageSetup.orientation).toBe('landscape')
    // 按分ルール: the amount is yen
    const rules = wb.getWorksheet('按分ルール')!
    expect(rules.getCell('C3').value).toBe(180_000_000)
    expect(rules.getCell('C3').numFmt).toBe('"¥"#,##0')
    // 内訳: floor, added and share are yen; the rank is a plain integer, never ¥7
    const detail = wb.getWorksheet('内訳')!
    expect(detail.getCell('G2').value).toBe('端数順位')
    for (let r = 3; r <= detail.rowCount; r++) {
      expect(detail.getCell(`G${r}`).numFmt).toBe('0')
      expect(Number.isInteger(detail.getCell(`G${r}`).value)).toBe(true)
      for (const col of ['F', 'H', 'I'])
        expect(detail.getCell(`${col}${r}`).numFmt).toBe('"¥"#,##0')
    }
    // one 負担金通知 sheet per member, its lines summing to the member's total
    const notices = wb.worksheets.filter((w) => w.name.startsWith('通知_'))
    expect(notices).toHaveLength(14)
    const hayama = wb.getWorksheet('通知_葉山町')!
    expect(String(hayama.getCell('A1').value)).toContain('¥106,181,760')
    expect(hayama.pageSetup.orientation).toBe('portrait')
    let sum = 0
    let r = 4
    for (; hayama.getCell(`A${r}`).value !== '合計'; r++) {
      sum += Number(hayama.getCell(`G${r}`).value)
      expect(hayama.getCell(`G${r}`).numFmt).toBe('"¥"#,##0')
    }
    expect(r - 4).toBe(8) // 葉山町 takes part in 8 of the 9 items (not 足柄上)
    expect(sum).toBe(106_181_760)
    expect(hayama.getCell(`G${r}`).value).toBe(106_181_760)
  })

  it('prints one 負担金通知 page per member, with the change from a previous scenario', async () => {
    await page.goto(`${demo.server.url}/?scenario=1#notice`)
    await page.waitForSelector('html[data-notices-ready="true"]', {
      state: 'attached',
      timeout: 20_000,
    })
    const pages = page.locator('.notice-page')
    expect(await pages.count()).toBe(14)
    const hayama = page.locator('.notice-page[data-code="143014"]')
    expect(await hayama.locator('.notice-lines tfoot .total').textContent()).toBe('¥106,181,760')
    expect(await hayama.locator('.notice-lines tbody tr').count()).toBe(8)
    // the rule in words and the drivers: dc is 均等割 10% + 人口割 90%; 葉山町 has 32,096 people
    const dc = hayama.locator('tr[data-cost="dc"]')
    expect(await dc.textContent()).toContain('人口割 90%')
    expect(await dc.locator('.drivers').textContent()).toContain('32,096')
    expect(await hayama.textContent()).toContain('端数')
    await page.emulateMedia({ media: 'print' })
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      // as on paper: A4 portrait is 794 CSS px wide less the 12 mm margins
      await page.setViewportSize({ width: 704, height: 1000 })
      await hayama.screenshot({ path: join(ROOT, 'docs/screenshots/notice-143014.png') })
      await page.setViewportSize({ width: 1920, height: 1080 })
    }
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    await page.emulateMedia({ media: 'screen' })
    expect(pdfPageCount(pdf)).toBe(14)

    // against scenario 2 (中間サーバ by traffic): the change per item and in total
    await page.selectOption('#notice-previous', '2')
    await page.waitForSelector('html[data-notices-ready="true"]', { state: 'attached' })
    const prev = await page.evaluate(async (token) => {
      const res = await fetch('/api/scenarios/2/allocation', {
        headers: { Authorization: `Bearer ${token}` },
      })
      return (
        (await res.json()) as { members: Array<{ code: string; total: number }> }
      ).members.find((m) => m.code === '143014')!.total
    }, demo.server.token)
    const diff = 106_181_760 - prev
    const words =
      diff === 0
        ? '増減なし'
        : diff > 0
          ? `¥${diff.toLocaleString('en')} の増`
          : `¥${(-diff).toLocaleString('en')} の減`
    expect(await hayama.locator('.notice-lines tfoot td').last().textContent()).toBe(words)
    expect(await hayama.locator('.notice-summary').textContent()).toContain(words)
  })

  it('shows a member-role login only its own 負担金通知', async () => {
    const res = await fetch(`${demo.server.url}/api/consortia/1/tokens`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${demo.server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ role: 'member', memberCode: '144029', name: '清川村 担当' }),
    })
    expect(res.status).toBe(201)
    const { token } = (await res.json()) as { token: string }
    await page.goto(`${demo.server.url}/?token=${encodeURIComponent(token)}&scenario=1#notice`)
    await page.waitForSelector('html[data-notices-ready="true"]', {
      state: 'attached',
      timeout: 20_000,
    })
    expect(await page.locator('.notice-page').count()).toBe(1)
    expect(await page.locator('.notice-page').getAttribute('data-code')).toBe('144029')
    expect(await page.locator('.notice-page').textContent()).not.toContain('葉山町')
    // back to the admin demo session for any later test
    await page.goto(`${demo.server.url}/?token=${encodeURIComponent(demo.server.token)}`)
  })

  /** The 1920×1080 screenshot at half its pixels (960×540), scaled by the browser: small PNGs for docs/. */
  const halfSize = async (png: Buffer): Promise<Buffer> => {
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
    return Buffer.from(b64, 'base64')
  }

  it('takes a 1920×1080 screenshot of every slide of the demo deck', async () => {
    await openDeck(1)
    const keys = await page
      .locator('.slide')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.slideKey))
    const docs = join(ROOT, 'docs/screenshots')
    const update = process.env.UPDATE_SCREENSHOTS === '1'
    if (update) mkdirSync(docs, { recursive: true })
    for (const [i, key] of keys.entries()) {
      const name = `deck-${String(i + 1).padStart(2, '0')}-${key}.png`
      await page.waitForTimeout(100)
      const png = await page.screenshot({ path: join(SCREENSHOTS, name) })
      if (update) writeFileSync(join(docs, name), await halfSize(png))
      await page.keyboard.press('ArrowRight')
    }
  })

  it('renders the demo in under 1 s cold (median of 5)', async () => {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      await page.goto('about:blank')
      await page.goto(`${demo.server.url}/?scenario=1#studio`)
      await page.waitForSelector('html[data-ready="true"]', { state: 'attached', timeout: 15_000 })
      times.push(Number(await page.getAttribute('html', 'data-first-render-ms')))
    }
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
    await cdp.detach()
    const median = [...times].sort((a, b) => a - b)[2]!
    const load = loadavg()[0]!
    console.log(
      `first render of the demo, cold (no HTTP cache): ${times.join(', ')} ms; median ${median} ms (load average ${load.toFixed(1)} on ${cpus().length} cores)`,
    )
    // The budget is for the 2-core machine running this suite, not for one shared by many jobs: with a load
    // average above 2 per core the figure is reported and only a loose bound is kept.
    expect(median).toBeLessThan(load > 2 * cpus().length ? 5000 : 1000)
  })
})
