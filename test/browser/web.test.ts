/**
 * The web view in a real browser (Debian's Chromium, headless) against the real server on 127.0.0.1:
 * demo load and first-render time, live rule editing, explanation dialog, traffic upload errors with line
 * numbers, presentation mode, xlsx/CSV export read back, and hostile names shown and exported as text.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { BrowserContext, Page } from 'playwright-core'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { demoBrowser, hasChromium, ROOT, SCREENSHOTS } from './harness'

const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage })

const yen = (s: string | null) => Number((s ?? '').replace(/[^\d-]/g, ''))

// Every test opens its own page and, when it edits, exports, compares or uploads, first stores its own
// scenario through the API: no test depends on another's state or on the order they run in.
describe.skipIf(!hasChromium)('web view in Chromium', () => {
  const demo = demoBrowser()
  let context: BrowserContext
  let page: Page
  let dialogs: string[] = []
  let pageErrors: string[] = []

  beforeAll(async () => {
    context = demo.browser.context
  })

  beforeEach(async () => {
    dialogs = []
    pageErrors = []
    page = await context.newPage()
    page.on('dialog', (d) => {
      // leaving a page with unsaved edits asks first (editing.test.ts checks it); these tests move on
      if (d.type() === 'beforeunload') return void d.accept()
      dialogs.push(d.message())
      void d.dismiss()
    })
    page.on('pageerror', (e) => pageErrors.push(e.message))
  })

  afterEach(async () => {
    await page.close()
    expect(pageErrors).toEqual([])
  })

  const ready = async (url: string) => {
    await page.goto(url)
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 })
  }

  const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, 'fixtures', name), 'utf8'))

  /** Stores a scenario document of this test's own (consortium 1, the demo's) and returns its id. */
  const storeScenario = async (doc: unknown): Promise<number> => {
    const res = await fetch(`${demo.server.url}/api/consortia/1/scenarios`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${demo.server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(doc),
    })
    expect(res.status).toBe(201)
    return ((await res.json()) as { id: number }).id
  }

  it('loads the demo in Japanese, under the first-render budget', async () => {
    const t0 = Date.now()
    await ready(`${demo.server.url}/?demo`)
    const wall = Date.now() - t0
    const firstRender = Number(await page.getAttribute('html', 'data-first-render-ms'))
    await ready(`${demo.server.url}/`)
    const warm = Number(await page.getAttribute('html', 'data-first-render-ms'))
    console.log(
      `first render of the demo: cold ${firstRender} ms (wall ${wall} ms), warm ${warm} ms`,
    )
    expect(firstRender).toBeGreaterThan(0)
    expect(warm).toBeLessThan(2000)

    await expect.poll(() => page.locator('table.members tbody tr').count()).toBe(14)
    expect(await page.locator('tr[data-code="144029"] th').textContent()).toContain('清川村')
    // Every member total is ¥-formatted and the footer total is the sum of the 9 cost amounts:
    // 180M + 620M + 36M + 90M + 42M + 30M + 3M + 12M + 24M = ¥1,037,000,000.
    expect(await page.locator('table.members tfoot td.total').textContent()).toBe('¥1,037,000,000')
    expect(await page.locator('[data-card="year"] .value').textContent()).toBe('令和8年度')
    await page.waitForSelector('.panel-stack canvas')
    await shot(page, 'studio-1366x768')
    await shot(page, 'studio-1366x768-full', true)
    await page.setViewportSize({ width: 1920, height: 1080 })
    await shot(page, 'studio-1920x1080')
    await page.setViewportSize({ width: 1366, height: 768 })
  })

  it('recomputes totals and the chart as a rule is edited, with live validation', async () => {
    const id = await storeScenario(fixture('demo/kanagawa-2026.json'))
    await ready(`${demo.server.url}/?scenario=${id}#studio`)
    const stackData = () =>
      page.evaluate(() => {
        const host = document.querySelector('.panel-stack .chart-body') as unknown as {
          chart: { data: { datasets: Array<{ label: string; data: number[] }> } }
        }
        return host.chart.data.datasets[0]!.data.slice()
      })
    const before = await stackData()
    const kiyokawaBefore = yen(await page.locator('tr[data-code="144029"] td.total').textContent())

    // dc (¥180,000,000) from 均等割 10% + 人口割 90% to 均等割 100%. Hand-worked: 180,000,000 / 14 =
    // 12,857,142 6/7; floors sum to 179,999,988, so 12 yen go one each to the 12 lowest codes (all
    // fractional parts tie at 6/7): 葉山町 143014 → ¥12,857,143, 清川村 144029 (14th) → ¥12,857,142.
    await page.fill('input[data-cost="dc"][data-field="population"]', '')
    await page.fill('input[data-cost="dc"][data-field="equal"]', '0.3')
    // Weights sum to 3/10: the core's message with its field path shows at once. (Polled on the sum: the
    // emptied 人口割 field alone already gives an issue, 1/10, so the issue list may be from that state.)
    await expect
      .poll(() => page.locator('fieldset[data-cost="dc"] .weight-sum').getAttribute('data-exact'))
      .toBe('3/10')
    expect(await page.locator('fieldset[data-cost="dc"] .weight-sum').textContent()).toContain(
      '30.0%',
    )
    expect(await page.locator('fieldset[data-cost="dc"] .issues').textContent()).toContain(
      'costs[0].rule',
    )
    await page.fill('input[data-cost="dc"][data-field="equal"]', '1')
    await expect.poll(() => page.locator('fieldset[data-cost="dc"] .issues li').count()).toBe(0)

    const after = await stackData()
    expect(after).not.toEqual(before)
    expect(after[0]).toBe(12_857_143)
    expect(after[13]).toBe(12_857_142)
    const kiyokawaAfter = yen(await page.locator('tr[data-code="144029"] td.total').textContent())
    expect(kiyokawaAfter).toBeGreaterThan(kiyokawaBefore) // the smallest village pays more under 均等割
    expect(await page.locator('table.members tfoot td.total').textContent()).toBe('¥1,037,000,000')

    // A number opens its explanation (core explainMember, in the browser).
    await page.locator('details.alt').first().locator('summary').click()
    await page.click('.panel-stack button.num-link[data-code="144029"][data-cost="dc"]')
    const dialog = page.locator('dialog.explain')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    expect(await dialog.textContent()).toContain('¥12,857,142')
    await shot(page, 'explanation')
    await page.keyboard.press('Escape')
  })

  it('exports the xlsx workbook and CSV; totals read back with exceljs', async () => {
    // its own scenario: dc (¥180,000,000) split 均等割 100% (hand-worked in the test above)
    const doc = fixture('demo/kanagawa-2026.json')
    doc.costs[0].rule = { equal: 1 }
    const id = await storeScenario(doc)
    await ready(`${demo.server.url}/?scenario=${id}#studio`)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-action="export-xlsx"]'),
    ])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer)
    // 負担金, 按分ルール, 内訳, one 負担金通知 sheet per member (deck.test.ts checks those), and the demo
    // consortium's 中期計画 (deck-more.test.ts checks it)
    expect(wb.worksheets.map((w) => w.name).slice(0, 3)).toEqual(['負担金', '按分ルール', '内訳'])
    expect(wb.worksheets).toHaveLength(3 + 14 + 1)
    expect(wb.worksheets.map((w) => w.name)).toContain('中期計画')
    const ws = wb.getWorksheet('負担金')!
    // Row 1 title, row 2 header, rows 3–16 the 14 members, row 17 totals; 人口 in C, 9 cost columns D–L,
    // total in M.
    expect(String(ws.getCell('A1').value)).toMatch(
      /^神奈川県町村情報システム共同事業組合 令和8年度 負担金按分 ／ .+（v1）/,
    )
    expect(ws.getCell('M2').value).toBe('合計')
    let sum = 0
    for (let r = 3; r <= 16; r++) {
      const total = Number(ws.getCell(`M${r}`).value)
      let shares = 0
      for (let c = 4; c <= 12; c++) shares += Number(ws.getRow(r).getCell(c).value)
      expect(shares).toBe(total)
      sum += total
    }
    expect(ws.getCell('B17').value).toBe('合計')
    expect(ws.getCell('M17').value).toBe(1_037_000_000)
    expect(sum).toBe(1_037_000_000)
    // The scenario's rule is what was exported: 清川村's dc share under 均等割 100%.
    expect(ws.getCell('D16').value).toBe(12_857_142)
    // 内訳: one row per participant share: 7 items × 14 members + 葉山町 custom (1) + 足柄上 (5) = 104,
    // plus the title and header rows.
    expect(wb.getWorksheet('内訳')!.rowCount).toBe(106)
  })

  it('shows names with HTML and formula-like text as text, and exports them safely', async () => {
    const doc = fixture('demo/kanagawa-2026.json')
    doc.members[0].name = '<script>window.__xss=1</script>葉山町'
    doc.costs[4].name = '=1+1'
    const id = await storeScenario(doc)
    await ready(`${demo.server.url}/?scenario=${id}#studio`)
    const cell = page.locator('tr[data-code="143014"] th')
    expect(await cell.textContent()).toContain('<script>window.__xss=1</script>葉山町')
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
    expect(await page.locator('legend', { hasText: '=1+1' }).count()).toBe(1)

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-action="export-csv"]'),
    ])
    const csv = readFileSync((await csvDownload.path())!, 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toContain(",'=1+1,") // formula guard from the core's toCsv
    expect(csv).toContain('<script>window.__xss=1</script>葉山町')

    const [xlsxDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-action="export-xlsx"]'),
    ])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync((await xlsxDownload.path())!) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('負担金')!
    const header = ws.getCell('H2') // 5th cost item (network) → column D + 4 = H
    expect(header.value).toBe('=1+1')
    expect(header.type).toBe(ExcelJS.ValueType.String) // text, not a formula
    expect(header.formula).toBeUndefined()
    expect(ws.getCell('B3').value).toBe('<script>window.__xss=1</script>葉山町')
    expect(dialogs).toEqual([])
    await shot(page, 'hostile-names')
  })

  it('compares two scenarios side by side: a village leaves, everyone else pays more', async () => {
    const doc = fixture('demo/kanagawa-2026.json')
    const all = await storeScenario(doc)
    doc.members = doc.members.filter((m: { code: string }) => m.code !== '144029')
    const id = await storeScenario(doc)
    await ready(`${demo.server.url}/?scenario=${all}#compare`)
    await page.selectOption('select[data-compare="a"]', String(all))
    await page.selectOption('select[data-compare="b"]', String(id))
    await page.click('.view-compare .toolbar button')
    const table = page.locator('table.compare')
    await expect.poll(() => table.locator('tbody tr').count()).toBe(15) // 14 members + 合計
    const kiyokawa = table.locator('tbody tr', { hasText: '清川村' })
    expect(await kiyokawa.textContent()).toContain('脱退')
    // Same costs, one fewer payer: every remaining member's delta is positive; the total is unchanged.
    const hayama =
      (await table.locator('tbody tr', { hasText: '葉山町' }).locator('td').nth(2).textContent()) ??
      ''
    expect(hayama.startsWith('+¥')).toBe(true)
    expect(await table.locator('tbody tr').last().textContent()).toContain('±¥0')
    expect(await page.locator('section.join-effect').count()).toBe(0) // a leave is no join
    await shot(page, 'compare')

    // The other way round, 清川村 joins: the 割り勘効果 lists what each of the other 13 saves.
    await page.selectOption('select[data-compare="a"]', String(id))
    await page.selectOption('select[data-compare="b"]', String(all))
    await page.click('.view-compare .toolbar button')
    const effect = page.locator('table.join-effect')
    await expect.poll(() => effect.locator('tbody tr').count()).toBe(14) // 13 members + 合計
    // saving = A − B = −(B − A) of the comparison table, member by member
    const deltaOf = async (name: string) => {
      const text = await table
        .locator('tbody tr', { hasText: name })
        .locator('td')
        .nth(2)
        .textContent()
      return (text?.startsWith('−') ? -1 : 1) * yen(text) // formatYenDelta: −¥ with U+2212
    }
    const savingOf = async (name: string) =>
      yen(await effect.locator('tbody tr', { hasText: name }).locator('td').nth(2).textContent())
    expect(await savingOf('葉山町')).toBeGreaterThan(0)
    expect(await savingOf('葉山町')).toBe(-(await deltaOf('葉山町')))
    expect(await page.locator('section.join-effect p').textContent()).toContain(
      '清川村の加入により',
    )
    await shot(page, 'compare-join-effect', true)
  })

  it('shows the fairness report of the demo: who misses 2割, α, Shapley summing to c(N), the core', async () => {
    const id = await storeScenario(fixture('fairness/kanagawa-2026-fairness.json'))
    await ready(`${demo.server.url}/?scenario=${id}#studio`)
    const targets = page.locator('[data-panel="targets"]').first()
    await expect.poll(() => targets.locator('table.targets-missing tbody tr').count()).toBe(3)
    // 葉山町: cap floor(0.8 × ¥130,917,000) = ¥104,733,600, pays ¥106,181,760 → short ¥1,448,160
    const hayama = targets.locator('table.targets-missing tbody tr', { hasText: '葉山町' })
    expect(await hayama.textContent()).toContain('¥1,448,160')
    expect(await targets.locator('.targets-miss').textContent()).toContain('3 団体')
    expect(await targets.locator('.panel-note').textContent()).toContain(
      'α区間（均等割 α ＋ 人口割 (1−α)）',
    )

    const shapley = page.locator('[data-panel="shapley"]').first()
    await expect.poll(() => shapley.locator('.chart-alt tbody tr').count()).toBe(14)
    expect(await shapley.locator('canvas').count()).toBe(1)
    const cells = await shapley.locator('.chart-alt tbody tr td:nth-child(3)').allTextContents()
    const sum = cells.map(yen).reduce((a, b) => a + b, 0)
    expect(sum).toBe(1_028_796_180) // Σ Shapley (yen) = c(N) rounded, as the CLI reports
    expect(cells.every((c) => /^¥[\d,]+$/.test(c) && yen(c) > 0)).toBe(true)
    expect(await shapley.locator('.shapley-total').textContent()).toContain('¥1,028,796,180')
    expect(await shapley.locator('.core-shapley').textContent()).toContain('✓ コアに含まれる')
    expect(await shapley.locator('.core-scenario').textContent()).toContain('✗ コアに含まれない')
    await shapley.scrollIntoViewIfNeeded()
    await shot(page, 'fairness-shapley')
  })

  it('uploads a malformed traffic log and lists its errors with line numbers', async () => {
    const id = await storeScenario(fixture('demo/kanagawa-2026-traffic.json'))
    await ready(`${demo.server.url}/?scenario=${id}#upload`)
    const csv = [
      'timestamp,requester,provider,records',
      '2026-04-01T09:00:00+09:00,143014,143219,1',
      '2026-04-01T09:01:00+09:00,143219,143014,2',
      'not-a-time,143014,143219,1',
      '',
    ].join('\n')
    await page.setInputFiles('#traffic-file', {
      name: 'bad-log.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    })
    await page.click('button[data-action="upload"]')
    const result = page.locator('.upload-result')
    await expect.poll(() => result.textContent(), { timeout: 10_000 }).toMatch(/取り込めません/)
    await shot(page, 'upload-error')
    expect(await page.locator('table.upload-errors').textContent()).toContain('4 行目')
    expect(await page.locator('progress').getAttribute('value')).not.toBeNull()
  })

  it('draws the network plan with the core’s diagram and the CLI’s severity words', async () => {
    const topology = fixture('network/sanso-bunri-misconfigured.json')
    await ready(`${demo.server.url}/?scenario=1#studio`)
    const net = page.locator('[data-panel="network"]').first()
    await net.locator('details.topology-editor summary').click()
    await net.locator('textarea.topology-input').fill(JSON.stringify(topology))
    await net.locator('details.topology-editor button', { hasText: '検査する' }).click()
    const rows = net.locator('table.data.wrap tbody tr')
    await expect.poll(() => rows.count()).toBe(2)
    // the same words as `warikan network --format table` (core SEVERITY_JA): エラー, never 重大
    const severities = await rows.locator('td:nth-child(2)').allTextContents()
    expect(severities.sort()).toEqual(['エラー', '警告'])
    // the drawing is the core's renderTopologySvg: every segment's id, the findings listed under it
    const drawing = net.locator('.network-wrap svg.network-svg')
    expect(await drawing.count()).toBe(1)
    const text = (await drawing.textContent()) ?? ''
    for (const segment of topology.segments as Array<{ id: string }>)
      expect(text).toContain(segment.id)
    expect(text).toContain('エラー')
    await drawing.scrollIntoViewIfNeeded()
    await shot(page, 'network-diagram')
  })

  it('shows the API reference with every request off this machine blocked, under script-src self', async () => {
    const outside: string[] = []
    const violations: string[] = []
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text())
    })
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url())
      if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:') {
        outside.push(url.href)
        return route.abort()
      }
      if (url.pathname !== '/reference') return route.continue()
      // the page under a strict script policy (the hardening work adds a CSP header of its own)
      const response = await route.fetch()
      return route.fulfill({
        response,
        headers: { ...response.headers(), 'content-security-policy': "script-src 'self'" },
      })
    })
    await page.goto(`${demo.server.url}/reference`)
    const title = page.locator('.swagger-ui .info .title')
    await expect.poll(() => title.textContent(), { timeout: 15_000 }).toContain('Warikan API')
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(10)
    expect(
      await page.locator('.opblock-summary-path', { hasText: '/api/network/check' }).count(),
    ).toBe(1)
    await shot(page, 'api-reference-offline')
    expect(outside).toEqual([])
    expect(violations).toEqual([])
  })

  it('presents slides with the consortium, 令和 fiscal year and date on every page; keyboard moves', async () => {
    const id = await storeScenario(fixture('demo/kanagawa-2026.json'))
    await ready(`${demo.server.url}/?scenario=${id}#present`)
    const current = page.locator('.slide.current')
    await expect.poll(() => current.count()).toBe(1)
    const total = await page.locator('.slide').count()
    expect(total).toBeGreaterThanOrEqual(8)
    for (const foot of await page.locator('.slide-foot').allTextContents()) {
      expect(foot).toContain('神奈川県町村情報システム共同事業組合')
      expect(foot).toContain('令和8年度')
      expect(foot).toMatch(/令和\d+年\d+月\d+日/)
    }
    await shot(page, 'present-1-title')
    // slides 2–3: the 負担金一覧 over two slides; 4: the stacked chart
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    expect(await page.locator('.present-nav .counter').textContent()).toBe(`4 / ${total}`)
    await page.waitForSelector('.slide.current canvas')
    await shot(page, 'present-3-stack')
    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.keyboard.press('ArrowRight')
    await shot(page, 'present-4-savings-1920')
    await page.keyboard.press('End')
    expect(await page.locator('.present-nav .counter').textContent()).toBe(`${total} / ${total}`)
    // A4 landscape print: one page per slide.
    await page.emulateMedia({ media: 'print' })
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true })
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0
    expect(pages).toBe(total)
    await page.emulateMedia({ media: 'screen' })
    await page.keyboard.press('Escape')
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#studio')
  })
})
