/**
 * The demo's 精算 view in Chromium: a fresh demo opens 精算 on its 予算 (the landing scenario) and its 決算, and
 * settling them shows each member's 精算額 as the core's settleScenarios gives it, summing to Σ 決算 − Σ 予算.
 */
import { parseScenario, settleScenarios, type Scenario } from '../../packages/core/src/index'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { demoBrowser, hasChromium, ROOT } from './harness'

const read = (file: string) => {
  const r = parseScenario(JSON.parse(readFileSync(join(ROOT, file), 'utf8')))
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value as Scenario
}

describe.skipIf(!hasChromium)('the demo 精算 in Chromium', () => {
  const demo = demoBrowser()

  it('opens on the demo 予算 and 決算 and shows the core settlement', async () => {
    const page = await demo.browser.context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${demo.server.url}/?demo#settle`)
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 })
    const chosen = async (id: string) =>
      page.locator(`#${id} option:checked`).textContent() as Promise<string>
    expect(await chosen('settle-budget')).toContain('令和8年度 負担金（デモ: 人口割・均等割）')
    expect(await chosen('settle-actual')).toContain('令和8年度 決算（デモ: 精算）')

    await page.click('button[data-action="settle"]')
    await page.waitForSelector('table.settle')
    const shown = await page.evaluate(() =>
      Object.fromEntries(
        Array.from(document.querySelectorAll('table.settle > tbody > tr[data-member]')).map(
          (tr) => [
            (tr as HTMLElement).dataset.member!,
            Number(
              (tr.querySelector(':scope > td[data-settlement]') as HTMLElement).dataset.settlement,
            ),
          ],
        ),
      ),
    )
    const want = settleScenarios(
      read('fixtures/demo/kanagawa-2026.json'),
      read('fixtures/settlement/kanagawa-2026-actual.json'),
    )
    if (!want.ok) throw new Error(JSON.stringify(want.issues))
    expect(shown).toEqual(Object.fromEntries(want.value.members.map((m) => [m.code, m.settlement])))
    const sum = Object.values(shown).reduce((a, b) => a + b, 0)
    expect(sum).toBe(want.value.total.actual - want.value.total.budget)
    expect(Object.values(shown).some((v) => v !== 0)).toBe(true)
    expect(errors).toEqual([])
    await page.close()
  })
})
