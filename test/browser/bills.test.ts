/**
 * The クラウド請求取込 view in Chromium against the real server: upload the generated FOCUS fixtures with their map,
 * see the reconciliation with its sum check and the direct-vs-shared chart; a bad row lists its file and line.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { demoBrowser, hasChromium, ROOT, SCREENSHOTS } from './harness'

const fixture = (name: string) => readFileSync(join(ROOT, 'fixtures/bills', name))

describe.skipIf(!hasChromium)('bills view in Chromium', () => {
  const demo = demoBrowser()
  let page: Page

  beforeAll(async () => {
    page = await demo.firstPage()
  })

  const open = async () => {
    await page.goto(`${demo.server.url}/?demo#bills`)
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 })
    await page.waitForSelector('#bill-files')
  }

  it('uploads FOCUS files with a map and shows the reconciliation and the per-member chart', async () => {
    await open()
    await page.setInputFiles('#bill-files', [
      { name: 'aws-2026-04.csv', mimeType: 'text/csv', buffer: fixture('aws-2026-04.csv') },
      { name: 'sakura-2026-04.csv', mimeType: 'text/csv', buffer: fixture('sakura-2026-04.csv') },
    ])
    await page.setInputFiles('#bill-map', {
      name: 'map.json',
      mimeType: 'application/json',
      buffer: fixture('kanagawa-2026-map.json'),
    })
    await page.fill('#bill-rates', 'USD=151.37')
    await page.click('button[data-action="upload-bills"]')
    await page.waitForSelector('table.bill-items', { timeout: 15_000 })
    expect(await page.locator('[data-check]').getAttribute('data-check')).toBe('ok')
    // the upload's progress bar ran to the end
    expect(
      await page
        .locator('.progress-row progress')
        .evaluate((p) => (p as HTMLProgressElement).value),
    ).toBe(100)
    expect(await page.locator('.progress-row .progress-text').textContent()).toBe('完了')
    const items = (await page.locator('table.bill-items').textContent()) ?? ''
    expect(items).toContain('gcloud-kyotsu--143014')
    expect(items).toContain('個別')
    expect(await page.locator('.bill-report canvas').count()).toBe(1)
    await page.screenshot({ path: join(SCREENSHOTS, 'bills.png'), fullPage: true })
  })

  it('a bad row: nothing stored, the error names the file and the line', async () => {
    await open()
    const bad = 'BilledCost,BillingCurrency,ChargeCategory\n1,JPY,Usage\nabc,JPY,Usage\n'
    await page.setInputFiles('#bill-files', {
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad),
    })
    await page.setInputFiles('#bill-map', {
      name: 'map.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ defaultCost: 'a', costs: { a: { name: 'A', rule: { equal: 1 } } } }),
      ),
    })
    await page.click('button[data-action="upload-bills"]')
    await page.waitForSelector('table.upload-errors', { timeout: 15_000 })
    const text = (await page.locator('table.upload-errors').textContent()) ?? ''
    expect(text).toContain('bad.csv')
    expect(text).toContain('3 行目')
  })
})
