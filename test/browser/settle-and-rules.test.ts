/**
 * The ordinance rules in the web's rule editor and the 精算 view, in Chromium against the real server. Each test
 * stores its own scenarios through the API and opens a fresh page: (a) 千円 unit + 切捨て + 端数調整団体 on one item,
 * (b) a part borne 90% by the host member, (c) a deduction — each time the yen on screen equal the core's `allocate`
 * of the edited document — and (d) the 精算 of the kanagawa 2026 budget/actual fixtures equal the core's settlement
 * (the spec's figures), and 「翌年度シナリオを作成」 stores the 精算額 as next year's adjustments.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  allocate,
  parseScenario,
  settleScenarios,
  type Scenario,
  type ScenarioInput,
} from '../../packages/core/src/index'
import { demoBrowser, hasChromium, ROOT, SCREENSHOTS } from './harness'

const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as ScenarioInput
const DEMO = read('fixtures/demo/kanagawa-2026.json')
const BUDGET = read('fixtures/settlement/kanagawa-2026-budget.json')
const ACTUAL = read('fixtures/settlement/kanagawa-2026-actual.json')
const NEXT = read('fixtures/settlement/kanagawa-2027-budget.json')
const HOST = '143014'

function parsed(doc: unknown): Scenario {
  const r = parseScenario(doc)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

function coreTotals(doc: ScenarioInput): Record<string, number> {
  const r = allocate(parsed(doc))
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return Object.fromEntries(r.value.output.members.map((m) => [m.code, m.total]))
}

type Json = Record<string, unknown>

describe.skipIf(!hasChromium)('ordinance rules and 精算 in Chromium', () => {
  const demo = demoBrowser()
  let seq = 0

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${demo.server.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${demo.server.token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })

  async function createScenario(doc: ScenarioInput, title: string): Promise<number> {
    const t = `${title} ${++seq} ${Date.now()}`
    const res = await api('POST', `/api/consortia/1/scenarios?title=${encodeURIComponent(t)}`, doc)
    expect(res.status).toBe(201)
    return ((await res.json()) as { id: number }).id
  }

  async function open(id: number, route = 'studio'): Promise<{ page: Page; errors: string[] }> {
    const page = await demo.browser.context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) errors.push(m.text())
    })
    await page.setViewportSize({ width: 1600, height: 1000 })
    await page.goto(`${demo.server.url}/?scenario=${id}#${route}`)
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 })
    return { page, errors }
  }

  const screenTotals = (page: Page) =>
    page.evaluate(() =>
      Object.fromEntries(
        Array.from(document.querySelectorAll('table.members tbody tr')).map((tr) => [
          (tr as HTMLElement).dataset.code!,
          Number((tr.querySelector('td.total') as HTMLElement).dataset.yen),
        ]),
      ),
    )
  const expectTotals = (page: Page, doc: ScenarioInput) =>
    expect.poll(() => screenTotals(page), { timeout: 5000 }).toEqual(coreTotals(doc))

  const shot = async (page: Page, name: string, selector?: string) => {
    if (selector)
      await page
        .locator(selector)
        .first()
        .screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
    else await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
  }

  it('(a) 千円 unit + 切捨て + 端数調整団体 on an item: the yen on screen are the core allocation', async () => {
    const id = await createScenario(DEMO, '丸めテスト')
    const { page, errors } = await open(id)
    await expect.poll(() => page.locator('table.members tbody tr').count()).toBeGreaterThan(0)
    const sel = (field: string) => `select[data-cost="kikan"][data-field="${field}"]`
    await page.selectOption(sel('rounding.unit'), '1000')
    await page.selectOption(sel('rounding.method'), 'floor')
    // 切捨て needs an adjuster: the core's message with its field path, in Japanese
    const issues = page.locator('fieldset.cost-editor[data-cost="kikan"] > ul.issues')
    await expect.poll(() => issues.textContent()).toContain('costs[1].rounding.adjuster')
    expect(await issues.textContent()).toContain('調整団体')
    await page.selectOption(sel('rounding.adjuster'), HOST)
    await expect.poll(() => issues.textContent()).toBe('')
    const doc = structuredClone(DEMO)
    ;(doc.costs[1] as Json).rounding = { unit: 1000, method: 'floor', adjuster: HOST }
    await expectTotals(page, doc)
    // the explanation dialog shows the method, the unit and what the adjuster absorbed
    await page.locator('.panel-stack details.alt summary').click()
    await page.click(`.panel-stack button.num-link[data-code="${HOST}"][data-cost="kikan"]`)
    const dialog = page.locator('dialog.explain')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const text = await dialog.textContent()
    expect(text).toContain('切捨て')
    expect(text).toContain('端数調整団体')
    await page.keyboard.press('Escape')
    // 最大負担団体 is offered too
    await page.selectOption(sel('rounding.adjuster'), 'largestShare')
    ;(doc.costs[1] as Json).rounding = { unit: 1000, method: 'floor', adjuster: 'largestShare' }
    await expectTotals(page, doc)
    expect(await page.getAttribute('[data-unsaved]', 'data-unsaved')).toBe('true')
    await page.locator('fieldset.cost-editor[data-cost="kikan"]').scrollIntoViewIfNeeded()
    await shot(page, 'rule-editor-rounding', 'fieldset.cost-editor[data-cost="kikan"]')
    // undo takes the last select back
    await page.click('button[data-action="undo"]')
    ;(doc.costs[1] as Json).rounding = { unit: 1000, method: 'floor', adjuster: HOST }
    await expectTotals(page, doc)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('(f) 単価方式 with 2 price decimals needs perPart on a mixed rule; with it the yen are the core’s', async () => {
    const id = await createScenario(DEMO, '単価テスト')
    const { page, errors } = await open(id)
    await expect.poll(() => page.locator('table.members tbody tr').count()).toBeGreaterThan(0)
    const sel = (field: string) => `select[data-cost="kikan"][data-field="${field}"]`
    await page.selectOption(sel('rounding.method'), 'unitPrice')
    await page.selectOption(sel('rounding.adjuster'), 'largestShare')
    await page.selectOption(sel('rounding.priceDecimals'), '2')
    const issues = page.locator('fieldset.cost-editor[data-cost="kikan"] > ul.issues')
    await expect.poll(() => issues.textContent()).toContain('perPart')
    await page.check('input[data-cost="kikan"][data-field="rounding.perPart"]')
    await expect.poll(() => issues.textContent()).toBe('')
    const doc = structuredClone(DEMO)
    ;(doc.costs[1] as Json).rounding = {
      method: 'unitPrice',
      adjuster: 'largestShare',
      priceDecimals: 2,
      perPart: true,
    }
    await expectTotals(page, doc)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('(b) a part borne 90% by the host member', async () => {
    const id = await createScenario(DEMO, '部分テスト')
    const { page, errors } = await open(id)
    await expect.poll(() => page.locator('table.members tbody tr').count()).toBeGreaterThan(0)
    await page.click('button[data-action="add-part"][data-cost="kikan"]')
    const part = (k: number) => `fieldset.cost-editor[data-cost="kikan"] fieldset[data-part="${k}"]`
    await page.waitForSelector(part(1))
    await page.fill(`${part(0)} input[data-field="parts[0].weight"]`, '10%')
    await page.fill(`${part(1)} input[data-field="parts[1].name"]`, '事務局経費')
    await page.fill(`${part(1)} input[data-field="parts[1].weight"]`, '９０％')
    await page.press(`${part(1)} input[data-field="parts[1].weight"]`, 'Tab')
    await page.click(`${part(1)} details[data-field="parts[1].members"] summary`)
    for (const m of DEMO.members)
      if (m.code !== HOST)
        await page.uncheck(
          `${part(1)} input[data-field="parts[1].members"][data-member="${m.code}"]`,
        )
    const doc = structuredClone(DEMO)
    const kikan = doc.costs[1] as Json
    kikan.parts = [
      { name: '部分1', weight: 0.1, rule: kikan.rule },
      { name: '事務局経費', weight: 0.9, members: [HOST], rule: { equal: 1 } },
    ]
    delete kikan.rule
    await expectTotals(page, doc)
    expect(
      await page.locator('fieldset.cost-editor[data-cost="kikan"] > ul.issues').textContent(),
    ).toBe('')
    await page.locator(part(1)).scrollIntoViewIfNeeded()
    await shot(page, 'rule-editor-parts', 'fieldset.cost-editor[data-cost="kikan"]')
    // removing a part leaves the other as the item's rule again
    await page.click(`${part(1)} button[data-action="delete-part"]`)
    await expectTotals(page, DEMO)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('(c) a deduction (特定財源) comes off the amount before the split', async () => {
    const id = await createScenario(DEMO, '控除テスト')
    const { page, errors } = await open(id)
    await expect.poll(() => page.locator('table.members tbody tr').count()).toBeGreaterThan(0)
    await page.click('button[data-action="add-deduction"][data-cost="dc"]')
    const name = 'input[data-cost="dc"][data-field="deductions.0.name"]'
    const amount = 'input[data-cost="dc"][data-field="deductions.0.amount"]'
    await page.waitForSelector(amount)
    await page.fill(name, '国庫補助金')
    await page.fill(amount, '1,000万')
    await page.press(amount, 'Tab')
    expect(await page.inputValue(amount)).toBe('10,000,000')
    const doc = structuredClone(DEMO)
    ;(doc.costs[0] as Json).deductions = [{ name: '国庫補助金', amount: 10_000_000 }]
    await expectTotals(page, doc)
    // a deduction above the amount: the core's message with its path
    await page.fill(amount, '2億')
    const issues = page.locator('fieldset.cost-editor[data-cost="dc"] > ul.issues')
    await expect.poll(() => issues.textContent()).toContain('costs[0].deductions')
    expect(await issues.textContent()).toContain('超えています')
    await page.fill(amount, '1000万')
    await page.press(amount, 'Tab')
    await expect.poll(() => issues.textContent()).toBe('')
    // 均等割 by class: 町 50%, 村 100% (清川村 is the only 村)
    await page.click('details[data-field="equal.classes"] summary >> nth=0')
    await page.fill('input[data-cost="dc"][data-field="equal.classes.町"]', '50%')
    await page.fill('input[data-cost="dc"][data-field="equal.classes.村"]', '1')
    await page.press('input[data-cost="dc"][data-field="equal.classes.村"]', 'Tab')
    ;(doc.costs[0] as Json).rule = {
      equal: { weight: 0.1, classes: { 町: 0.5, 村: 1 } },
      population: 0.9,
    }
    await expectTotals(page, doc)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('(e) per-member adjustments: a member picker, a signed amount (▲ = minus) and a reason', async () => {
    const id = await createScenario(DEMO, '調整テスト')
    const { page, errors } = await open(id)
    await expect.poll(() => page.locator('table.members tbody tr').count()).toBeGreaterThan(0)
    await page.click('button[data-action="add-adjustment"]')
    await page.waitForSelector('[data-adjustment="0"]')
    await page.selectOption('select[data-field="adjustments.0.code"]', '143219')
    await page.fill('input[data-field="adjustments.0.amount"]', '▲1,028,380')
    await page.fill('input[data-field="adjustments.0.reason"]', '令和7年度精算額')
    await page.press('input[data-field="adjustments.0.reason"]', 'Tab')
    const doc = structuredClone(DEMO)
    doc.adjustments = [{ code: '143219', amount: -1_028_380, reason: '令和7年度精算額' }]
    await expectTotals(page, doc)
    expect(await page.inputValue('input[data-field="adjustments.0.amount"]')).toBe('-1,028,380')
    await page.click('button[data-action="add-adjustment"]')
    await page.fill('input[data-field="adjustments.1.amount"]', '50万')
    doc.adjustments.push({ code: DEMO.members[0]!.code, amount: 500_000 })
    await expectTotals(page, doc)
    await page.locator('section.adjustments-edit').scrollIntoViewIfNeeded()
    await shot(page, 'adjustments-editor', 'section.adjustments-edit')
    await page.click('[data-adjustment="0"] button[data-action="delete-adjustment"]')
    doc.adjustments.shift()
    await expectTotals(page, doc)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)

  it('(d) the 精算 view shows the core settlement and creates next year’s scenario with the 精算額', async () => {
    const [budgetId, actualId, nextId] = [
      await createScenario(BUDGET, '予算'),
      await createScenario(ACTUAL, '決算'),
      await createScenario(NEXT, '翌年度予算'),
    ]
    const want = settleScenarios(parsed(BUDGET), parsed(ACTUAL))
    if (!want.ok) throw new Error(JSON.stringify(want.issues))
    const { page, errors } = await open(budgetId, 'settle')
    await page.selectOption('#settle-budget', String(budgetId))
    await page.selectOption('#settle-actual', String(actualId))
    await page.click('button[data-action="settle"]')
    await page.waitForSelector('table.settle')
    const rows = await page.evaluate(() =>
      Array.from(document.querySelectorAll('table.settle > tbody > tr[data-member]')).map((tr) => ({
        code: (tr as HTMLElement).dataset.member!,
        cells: Array.from(tr.querySelectorAll(':scope > td')).map((td) => td.textContent),
        settlement: Number(
          (tr.querySelector(':scope > td[data-settlement]') as HTMLElement).dataset.settlement,
        ),
      })),
    )
    expect(rows.map((r) => r.code)).toEqual(want.value.members.map((m) => m.code))
    expect(rows.map((r) => r.settlement)).toEqual(want.value.members.map((m) => m.settlement))
    // every cell is the core's, formatted; the 予算 side is the spec's worked example (葉山町, データセンター利用料)
    const m0 = want.value.members[0]!
    expect(rows[0]!.cells).toEqual([
      '¥106,181,760',
      `¥${m0.actual.toLocaleString('en-US')}`,
      `−¥${(-m0.settlement).toLocaleString('en-US')}`,
    ])
    // Σ 決算 = Σ actual amounts − Σ deductions of the actual file
    const net = ACTUAL.costs.reduce(
      (a, c) => a + c.amount - (c.deductions ?? []).reduce((x, d) => x + d.amount, 0),
      0,
    )
    expect(want.value.total.actual).toBe(net)
    const foot = await page.locator('table.settle tfoot td').allTextContents()
    expect(foot).toEqual([
      '¥1,037,000,000',
      `¥${net.toLocaleString('en-US')}`,
      `−¥${(1_037_000_000 - net).toLocaleString('en-US')}`,
    ])
    // per cost item on opening a member
    await page.click(`table.settle tr[data-member="${HOST}"] button`)
    const dc = page.locator(`tr[data-detail="${HOST}"] tr[data-cost="dc"] td`)
    const wantDc = m0.costs.dc!
    expect(wantDc.budget).toBe(19_024_119)
    expect(await dc.allTextContents()).toEqual([
      '¥19,024,119',
      `¥${wantDc.actual.toLocaleString('en-US')}`,
      `−¥${(-wantDc.settlement).toLocaleString('en-US')}`,
    ])
    await shot(page, 'settle-view')
    await page.locator('section.panel-settle canvas').scrollIntoViewIfNeeded()
    await shot(page, 'settle-chart', 'section.panel-settle')
    // CSV with BOM
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-action="settle-csv"]'),
    ])
    const text = readFileSync((await csv.path())!, 'utf8')
    expect(text.startsWith('\ufeff団体コード,団体名,予算,決算,精算額')).toBe(true)
    expect(text).toContain(`${HOST},葉山町,106181760,${m0.actual},${m0.settlement}`)
    // Excel: the same rows, numbers as numbers
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-action="settle-xlsx"]'),
    ])
    expect(xlsx.suggestedFilename()).toBe('精算_令和8年度.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync((await xlsx.path())!) as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('精算')!
    expect(ws.getRow(3).values).toEqual([
      undefined,
      HOST,
      '葉山町',
      106_181_760,
      m0.actual,
      m0.settlement,
      ...Object.values(m0.costs).flatMap((c) => [c.budget, c.actual, c.settlement]),
    ])
    // 翌年度シナリオを作成 from the 2027 budget
    await page.selectOption('#settle-next', String(nextId))
    await page.click('button[data-action="create-next"]')
    await page.waitForSelector('.settle-created[data-id]', { timeout: 10_000 })
    const createdId = Number(await page.getAttribute('.settle-created', 'data-id'))
    expect(createdId).not.toBe(nextId)
    expect(await page.textContent('.settle-created')).toContain('令和8年度精算額を反映')
    const stored = (await (await api('GET', `/api/scenarios/${createdId}`)).json()) as {
      document: ScenarioInput
    }
    const expected = want.value.members
      .filter((m) => m.settlement !== 0)
      .map((m) => ({ code: m.code, amount: m.settlement, reason: '令和8年度精算額' }))
    expect(expected.length).toBeGreaterThan(0)
    expect(stored.document.adjustments).toEqual([...(NEXT.adjustments ?? []), ...expected])
    expect(stored.document.consortium.fiscalYear).toBe(2027)
    // the source scenario is left as it was
    const source = (await (await api('GET', `/api/scenarios/${nextId}`)).json()) as {
      document: ScenarioInput
    }
    expect(source.document.adjustments).toEqual(NEXT.adjustments)
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})
