/**
 * Scenario editing in the web, in Chromium against the real server: each test imports its own copy of the
 * demo scenario through the API, opens it in a fresh page, edits it as a planner would (団体コード, 人口,
 * 費目, `1億8000万`, `30%`), and checks every member's 負担金 on screen against the core's `allocate` of the
 * same edited document. Also: the beforeunload guard on reload, undo, save-as / rename / history diff, and
 * the fairness panel agreeing with the summary card after an edit.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Dialog, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { allocate, parseScenario, type ScenarioInput } from '../../packages/core/src/index'
import { demoBrowser, hasChromium, ROOT, SCREENSHOTS } from './harness'

const DEMO = JSON.parse(
  readFileSync(join(ROOT, 'fixtures/demo/kanagawa-2026.json'), 'utf8'),
) as ScenarioInput
const clone = <T>(x: T): T => structuredClone(x)

/** Each member's 負担金 as the core computes it for a document (no traffic: the demo has no traffic rule). */
function coreTotals(doc: ScenarioInput): Map<string, number> {
  const parsed = parseScenario(doc)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  const r = allocate(parsed.value)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return new Map(r.value.output.members.map((m) => [m.code, m.total]))
}

describe.skipIf(!hasChromium)('scenario editing in Chromium', () => {
  const demo = demoBrowser()
  let seq = 0

  /** A new scenario (a copy of the demo with a unique title) through the API. */
  async function createScenario(doc: ScenarioInput = DEMO): Promise<number> {
    const title = `編集テスト ${++seq} ${Date.now()}`
    const res = await fetch(
      `${demo.server.url}/api/consortia/1/scenarios?title=${encodeURIComponent(title)}`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${demo.server.token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(doc),
      },
    )
    expect(res.status).toBe(201)
    return ((await res.json()) as { id: number }).id
  }

  interface Opened {
    page: Page
    dialogs: Dialog[]
    errors: string[]
    /** what to do with a beforeunload dialog */
    onLeave: 'accept' | 'dismiss'
  }

  async function open(id: number): Promise<Opened> {
    const page = await demo.browser.context.newPage()
    const o: Opened = { page, dialogs: [], errors: [], onLeave: 'accept' }
    page.on('pageerror', (e) => o.errors.push(e.message))
    page.on('dialog', (d) => {
      o.dialogs.push(d)
      if (d.type() === 'beforeunload') void (o.onLeave === 'accept' ? d.accept() : d.dismiss())
      else void d.dismiss()
    })
    await page.setViewportSize({ width: 1600, height: 1000 })
    await page.goto(`${demo.server.url}/?scenario=${id}#studio`)
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 })
    await expect.poll(() => page.locator('table.members tbody tr').count()).toBeGreaterThan(0)
    return o
  }

  /** The 負担金 column of the members table, as exact yen (data-yen), by 団体コード. */
  const screenTotals = (page: Page) =>
    page.evaluate(() =>
      Object.fromEntries(
        Array.from(document.querySelectorAll('table.members tbody tr')).map((tr) => [
          (tr as HTMLElement).dataset.code!,
          Number((tr.querySelector('td.total') as HTMLElement).dataset.yen),
        ]),
      ),
    )

  const expectTotals = async (page: Page, doc: ScenarioInput) => {
    const want = Object.fromEntries(coreTotals(doc))
    await expect.poll(() => screenTotals(page), { timeout: 5000 }).toEqual(want)
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false })

  it('adds a member by 団体コード: a wrong check digit is refused in Japanese, the right one adds it', async () => {
    const id = await createScenario()
    const { page, errors } = await open(id)
    await page.fill('#add-member-code', '14150')
    // 1·6 + 4·5 + 1·4 + 5·3 + 0·2 = 45; 45 mod 11 = 1; (11 − 1) mod 10 = 0 → 141500 (相模原市)
    expect(await page.textContent('#add-member-code-hint')).toBe('検査数字を付けると 141500 です')
    await page.fill('#add-member-code', '141501')
    await page.fill('#add-member-name', '相模原市')
    await page.fill('#add-member-population', '７２万')
    await page.fill('#add-member-standalone', '¥300,000,000')
    await page.fill('#add-member-metric-terminals', '５００')
    await page.click('button[data-action="add-member"]')
    expect(await page.textContent('#add-member-message')).toContain(
      '検査数字が不正です: 141501 の検査数字は 0 のはずです',
    )
    expect(await page.locator('table.members tbody tr').count()).toBe(14)

    await page.fill('#add-member-code', '141500')
    await page.click('button[data-action="add-member"]')
    await expect.poll(() => page.locator('table.members tbody tr').count()).toBe(15)
    const doc = clone(DEMO)
    doc.members.push({
      code: '141500',
      name: '相模原市',
      population: 720_000,
      standaloneCost: 300_000_000,
      metrics: { terminals: 500 },
    })
    await expectTotals(page, doc)
    expect(await page.textContent('table.members tr[data-code="141500"] th')).toContain('相模原市')
    expect(await page.getAttribute('.unsaved', 'data-unsaved')).toBe('true')
    await shot(page, 'editing-add-member')
    expect(errors).toEqual([])
    await page.close()
  })

  it('removes a member: it leaves every cost item and the others pay the core’s split', async () => {
    const id = await createScenario()
    const { page } = await open(id)
    await page.click('button[data-action="remove-member"][data-code="144029"]')
    await expect.poll(() => page.locator('table.members tbody tr').count()).toBe(13)
    const doc = clone(DEMO)
    doc.members = doc.members.filter((m) => m.code !== '144029')
    await expectTotals(page, doc)
    expect(await page.locator('table.members tr[data-code="144029"]').count()).toBe(0)
    // the total is unchanged (same costs, one fewer payer): ¥1,037,000,000
    expect(await page.getAttribute('table.members tfoot td.total', 'data-total')).toBe('1037000000')
    // 円 / 千円 / 百万円: the display changes, the yen do not
    await page.selectOption('#display-unit', '1000')
    expect(await page.textContent('table.members tfoot td.total')).toBe('1,037,000千円')
    await page.selectOption('#display-unit', '1000000')
    expect(await page.textContent('[data-card="total"] .value')).toBe('1,037百万円')
    await page.selectOption('#display-unit', '1')
    expect(await page.textContent('table.members tfoot td.total')).toBe('¥1,037,000,000')
    // Ctrl+Z outside a text box undoes the removal
    await page.locator('h2#members-title').click()
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.locator('table.members tbody tr').count()).toBe(14)
    await expectTotals(page, DEMO)
    await page.close()
  })

  it('deletes a scenario only after asking', async () => {
    const id = await createScenario()
    const { page } = await open(id)
    await page.click('button[data-action="delete"]')
    expect(await page.textContent('dialog.studio-dialog')).toContain('元に戻せません')
    await page.click('dialog.studio-dialog button:has-text("キャンセル")')
    expect(await page.locator(`#scenario option[value="${id}"]`).count()).toBe(1)
    await page.click('button[data-action="delete"]')
    await page.click('button[data-action="dialog-yes"]')
    await expect.poll(() => page.locator(`#scenario option[value="${id}"]`).count()).toBe(0)
    expect(await page.textContent('.status')).toContain('を削除しました')
    const res = await fetch(`${demo.server.url}/api/scenarios/${id}`, {
      headers: { Authorization: `Bearer ${demo.server.token}` },
    })
    expect(res.status).toBe(404)
    await page.close()
  })

  it('changes a population (全角 and 万 accepted), then undoes it', async () => {
    const id = await createScenario()
    const { page } = await open(id)
    const before = await screenTotals(page)
    await page.fill('input[data-member="143014"][data-field="population"]', '３万５０００')
    await page.press('input[data-member="143014"][data-field="population"]', 'Tab')
    const doc = clone(DEMO)
    doc.members.find((m) => m.code === '143014')!.population = 35_000
    await expectTotals(page, doc)
    expect(await page.inputValue('input[data-member="143014"][data-field="population"]')).toBe(
      '35,000',
    )
    // a population that does not read: a Japanese message, nothing applied
    await page.fill('input[data-member="143014"][data-field="population"]', '3.5万人x')
    expect(await page.textContent('#member-143014-population-message')).toContain(
      '数は 32,096・3万2096 のように入力してください',
    )
    await expectTotals(page, doc)
    // 元に戻す takes the whole field back to the stored value
    await page.fill('input[data-member="143014"][data-field="population"]', '35000')
    await page.press('input[data-member="143014"][data-field="population"]', 'Tab')
    await page.click('button[data-action="undo"]')
    await expect.poll(() => screenTotals(page)).toEqual(before)
    expect(await page.getAttribute('.unsaved', 'data-unsaved')).toBe('false')
    await page.close()
  })

  it('adds a cost item of 1億8000万 split 均等割 100%', async () => {
    const id = await createScenario()
    const { page } = await open(id)
    await page.fill('#add-cost-name', '窓口端末更新')
    await page.fill('#add-cost-amount', '1億8000万')
    await page.selectOption('#add-cost-rule', 'equal')
    await page.click('button[data-action="add-cost"]')
    await expect.poll(() => page.locator('fieldset.cost-editor').count()).toBe(10)
    const doc = clone(DEMO)
    doc.costs.push({ id: 'item-1', name: '窓口端末更新', amount: 180_000_000, rule: { equal: 1 } })
    await expectTotals(page, doc)
    // ¥1,037,000,000 + ¥180,000,000
    expect(await page.getAttribute('table.members tfoot td.total', 'data-total')).toBe('1217000000')
    expect(await page.inputValue('input[data-cost="item-1"][data-field="amount"]')).toBe(
      '180,000,000',
    )
    await page.close()
  })

  it('reads 1億8000万 as an amount and 30% / ７０％ as weights', async () => {
    const id = await createScenario()
    const { page } = await open(id)
    const amount = 'input[data-cost="kikan"][data-field="amount"]'
    // digits typed one by one get their separators as they are typed
    await page.fill(amount, '')
    await page.locator(amount).pressSequentially('620000000')
    expect(await page.inputValue(amount)).toBe('620,000,000')
    await page.fill(amount, '1億8000万')
    await page.press(amount, 'Tab')
    await page.fill('input[data-cost="kikan"][data-field="equal"]', '30%')
    await page.fill('input[data-cost="kikan"][data-field="population"]', '７０％')
    await page.press('input[data-cost="kikan"][data-field="population"]', 'Tab')
    const doc = clone(DEMO)
    const kikan = doc.costs.find((c) => c.id === 'kikan')!
    kikan.amount = 180_000_000
    kikan.rule = { equal: 0.3, population: 0.7 }
    await expectTotals(page, doc)
    expect(await page.inputValue(amount)).toBe('180,000,000')
    expect(await page.inputValue('input[data-cost="kikan"][data-field="population"]')).toBe('70%')
    expect(await page.getAttribute('fieldset[data-cost="kikan"] .weight-sum', 'data-exact')).toBe(
      '1/1',
    )
    // a weight over 100% is refused in Japanese, and not applied
    await page.fill('input[data-cost="kikan"][data-field="equal"]', '130%')
    expect(await page.textContent('#cost-1-equal-message')).toBe(
      '重みは 1（100%）以下です: 130% (a weight is at most 1)',
    )
    await expectTotals(page, doc)
    await shot(page, 'editing-planner-input')
    await page.close()
  })

  it('asks before a reload loses unsaved edits (beforeunload); dismissing keeps them', async () => {
    const id = await createScenario()
    const o = await open(id)
    const { page } = o
    await page.fill('input[data-member="144029"][data-field="population"]', '5000')
    const doc = clone(DEMO)
    doc.members.find((m) => m.code === '144029')!.population = 5000
    await expectTotals(page, doc)
    o.onLeave = 'dismiss'
    const asked = new Promise<Dialog>((ok) =>
      page.on('dialog', (d) => {
        if (d.type() === 'beforeunload') ok(d)
      }),
    )
    void page.reload().catch(() => undefined)
    const dialog = await asked
    expect(dialog.type()).toBe('beforeunload')
    // the reload was cancelled: the edit and its numbers are still on screen
    await page.waitForTimeout(300)
    expect(await page.getAttribute('.unsaved', 'data-unsaved')).toBe('true')
    await expectTotals(page, doc)
    // switching scenario asks too (window.confirm, dismissed → stays)
    await page.selectOption('#scenario', '1')
    await expect.poll(() => o.dialogs.some((d) => d.type() === 'confirm')).toBe(true)
    expect(o.dialogs.find((d) => d.type() === 'confirm')!.message()).toContain(
      '保存していない変更があります',
    )
    expect(await page.inputValue('#scenario')).toBe(String(id))
    await expectTotals(page, doc)
    await page.close()
  })

  it('after an edit the fairness panel and the summary card agree (both of the edited document)', async () => {
    const id = await createScenario()
    const { page } = await open(id)
    const card = page.locator('[data-card="target"]')
    const headline = page.locator('[data-panel="targets"] [data-missing]').first()
    const missing = async () => Number(await headline.getAttribute('data-missing'))
    const cardMissing = async () =>
      Number(await card.getAttribute('data-judged')) - Number(await card.getAttribute('data-met'))
    await expect.poll(missing).toBe(await cardMissing())
    // 単独導入費用 of 4 towns cut to ¥50,000,000: they now save less than 2割
    const cut = ['143219', '143413', '143421', '144011']
    for (const code of cut) {
      await page.fill(`input[data-member="${code}"][data-field="standaloneCost"]`, '5000万')
      await page.press(`input[data-member="${code}"][data-field="standaloneCost"]`, 'Tab')
    }
    const doc = clone(DEMO)
    for (const m of doc.members) if (cut.includes(m.code)) m.standaloneCost = 50_000_000
    const parsed = parseScenario(doc)
    if (!parsed.ok) throw new Error('invalid')
    const r = allocate(parsed.value)
    if (!r.ok) throw new Error('cannot allocate')
    const coreMissing = r.value.output.members.filter((m) => m.meetsTarget === false).length
    expect(coreMissing).toBeGreaterThanOrEqual(4)
    await expect.poll(cardMissing).toBe(coreMissing)
    await expect
      .poll(() => page.locator('[data-panel="targets"] .panel-note').textContent(), {
        timeout: 10_000,
      })
      .toContain('編集中の内容（未保存）による')
    await expect.poll(missing, { timeout: 10_000 }).toBe(coreMissing)
    // the members named as missing are the same in both
    const named = await page
      .locator('[data-panel="targets"] table.targets-missing tbody th')
      .allTextContents()
    const want = r.value.output.members.filter((m) => m.meetsTarget === false).map((m) => m.name)
    expect(named.sort()).toEqual(want.sort())
    expect(await page.textContent('.basis-note')).toContain('編集中の内容（未保存）')
    await page
      .locator('[data-panel="targets"]')
      .first()
      .screenshot({
        path: join(SCREENSHOTS, 'editing-fairness-panel.png'),
      })
    await page.evaluate(() => window.scrollTo(0, 0))
    await shot(page, 'editing-fairness-summary')
    await page.close()
  })

  it('saves under a new name, renames, and shows the version diff from the audit trail', async () => {
    const id = await createScenario()
    const { page } = await open(id)
    await page.fill('input[data-member="143014"][data-field="population"]', '35,000')
    await page.press('input[data-member="143014"][data-field="population"]', 'Tab')
    await page.click('button[data-action="save"]')
    await expect.poll(() => page.textContent('.status')).toContain('保存しました（v2）')
    expect(await page.getAttribute('.unsaved', 'data-unsaved')).toBe('false')
    await page.click('button[data-action="rename"]')
    await page.fill('input[data-field="dialog-name"]', '人口見直し案')
    await page.click('button[data-action="dialog-ok"]')
    await expect
      .poll(() => page.textContent('.status'))
      .toContain('名前を「人口見直し案」に変更しました')
    await expect
      .poll(() => page.locator('#scenario option:checked').textContent())
      .toBe('人口見直し案（v3）')
    await page.click('button[data-action="load-history"]')
    await expect.poll(() => page.locator('table.history-versions tbody tr').count()).toBe(3)
    await page.selectOption('#history-a', '1')
    await page.selectOption('#history-b', '3')
    const changes = page.locator('.history-diff ul.changes')
    await expect.poll(() => changes.textContent()).toContain('人口: 葉山町 32,096 → 35,000')
    expect(await changes.textContent()).toContain('題名:')
    await page.locator('[data-panel="history"]').screenshot({
      path: join(SCREENSHOTS, 'editing-history-diff.png'),
    })
    // save as a named copy
    await page.fill('input[data-member="143014"][data-field="population"]', '36,000')
    await page.click('button[data-action="save-copy"]')
    await page.fill('input[data-field="dialog-name"]', '人口見直し案 その2')
    await page.click('button[data-action="dialog-ok"]')
    await expect
      .poll(() => page.locator('#scenario option:checked').textContent())
      .toBe('人口見直し案 その2（v2）')
    const doc = clone(DEMO)
    doc.members.find((m) => m.code === '143014')!.population = 36_000
    await expectTotals(page, doc)
    await shot(page, 'editing-history')
    await page.close()
  })
})
