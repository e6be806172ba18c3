/**
 * 外部サービス台帳 in Chromium, through the typed client: the demo's register is listed, a bad ledger file is
 * refused with its line and nothing is stored, a good one is imported all at once, and a lifecycle step
 * (承認 with the reason the prompt asks for) changes the row's status as the API stored it; the CSV export has them all.
 */
import type { Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { demoBrowser, hasChromium, ROOT, SCREENSHOTS } from './harness'

const fixture = (name: string) => join(ROOT, 'fixtures/services', name)

describe.skipIf(!hasChromium)('外部サービス台帳 in Chromium', () => {
  const demo = demoBrowser()
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    page = await demo.firstPage()
    // prompts get a reason, confirms are accepted
    page.on(
      'dialog',
      (d) => void d.accept(d.type() === 'prompt' ? '試験のための例外承認' : undefined),
    )
    page.on('pageerror', (e) => pageErrors.push(e.message))
  })

  async function stored(): Promise<Array<{ id: number; status: string }>> {
    const token = await page.evaluate(() => localStorage.getItem('warikan.token'))
    const consortia = (await (
      await fetch(`${demo.server.url}/api/consortia`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as Array<{ id: number }>
    const res = await fetch(
      `${demo.server.url}/api/consortia/${consortia[0]!.id}/external-services`,
      {
        headers: { Authorization: `Bearer ${token}` },
      },
    )
    return (await res.json()) as Array<{ id: number; status: string }>
  }

  it('lists, refuses a bad file with its line, imports a good one, and approves an application', async () => {
    await page.goto(`${demo.server.url}/?demo#register`)
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 })
    await page.waitForSelector('main table tbody tr')
    const before = await stored()
    expect(before.length).toBe(5)

    // a bad file: an error naming the line, nothing stored
    await page.setInputFiles('#reg-file', fixture('kanagawa-register-bad.csv'))
    await page.getByRole('main').getByRole('button', { name: '取り込む', exact: true }).click()
    const alert = page.locator('main [role="alert"]', { hasText: '何も保存していません' })
    await alert.waitFor()
    expect(await page.locator('main li').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/行|line/)]),
    )
    expect((await stored()).length).toBe(5)

    // the good file: all five rows at once
    await page.setInputFiles('#reg-file', {
      name: 'kanagawa-register.csv',
      mimeType: 'text/csv',
      buffer: readFileSync(fixture('kanagawa-register.csv')),
    })
    await page.getByRole('main').getByRole('button', { name: '取り込む', exact: true }).click()
    await page.locator('main [role="status"]', { hasText: '5 件を取り込みました' }).waitFor()
    const after = await stored()
    expect(after.length).toBe(10)

    // 承認 of one application (a blocking finding asks for a reason; the prompt gives one)
    const applied = after.find((s) => s.status === 'applied')
    expect(applied, 'an application to approve').toBeDefined()
    await page.locator(`[data-action="approve"]`).first().click()
    await expect
      .poll(async () => (await stored()).filter((s) => s.status === 'approved').length, {
        timeout: 10_000,
      })
      .toBe(after.filter((s) => s.status === 'approved').length + 1)
    // the export: the ten services as a CSV with the ledger's header
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('main').getByRole('button', { name: 'CSV で出力' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/外部サービス台帳_\d{4}-\d{2}-\d{2}\.csv$/)
    const csv = readFileSync((await download.path())!, 'utf8')
    expect(csv).toContain('外部サービスの名称')
    expect(csv.trim().split(/\r?\n/).length).toBe(11)

    await page.screenshot({ path: join(SCREENSHOTS, 'register-after-import.png'), fullPage: false })
    expect(pageErrors).toEqual([])
  })
})
