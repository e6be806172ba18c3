/**
 * The imported 照会ログ in the web (取込 view), in Chromium against the real demo server: the demo's traffic
 * scenario lists its seeded import; a log uploaded through the page joins the list; 取り消す removes it again
 * (after the confirmation) and the stored traffic is back to what it was. Independent of the other browser tests.
 */
import type { BrowserContext, Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { demoBrowser, hasChromium } from './harness'

describe.skipIf(!hasChromium)('traffic imports in the web', () => {
  const demo = demoBrowser(120_000)
  let context: BrowserContext
  let page: Page
  const dialogs: string[] = []

  beforeAll(async () => {
    context = demo.browser.context
    page = context.pages()[0] ?? (await context.newPage())
    page.on('dialog', (d) => {
      dialogs.push(d.message())
      void d.accept()
    })
  })

  const api = async (path: string) => {
    const res = await fetch(`${demo.server.url}${path}`, {
      headers: { Authorization: `Bearer ${demo.server.token}` },
    })
    return (await res.json()) as any // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  it(
    'lists the imports, adds an uploaded log, and removes it with 取り消す',
    { timeout: 60_000 },
    async () => {
      // the demo scenario that carries the sample log
      const [consortium] = await api('/api/consortia')
      const scenarios: Array<{ id: number }> = await api(
        `/api/consortia/${consortium.id}/scenarios`,
      )
      let id = 0
      for (const s of scenarios)
        if ((await api(`/api/scenarios/${s.id}/traffic/imports`)).imports.length) id = s.id
      expect(id).toBeGreaterThan(0)
      const rowsBefore = (await api(`/api/scenarios/${id}/traffic`)).rows

      await page.goto(`${demo.server.url}/?scenario=${id}#upload`)
      await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 })
      const rows = page.locator('table.traffic-import-list tbody tr')
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1)
      expect(await rows.first().textContent()).toContain('3,000')

      const csv = [
        'timestamp,requester,provider,records',
        '2026-04-01T09:00:00+09:00,143014,143219,1',
        '2026-04-02T09:00:00+09:00,143219,143014,2',
        '',
      ].join('\n')
      await page.setInputFiles('#traffic-file', {
        name: 'added.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      })
      await page.click('button[data-action="upload"]')
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2)
      const added = rows.filter({ hasText: 'added.csv' })
      expect(await added.textContent()).toMatch(/added\.csv\s*2\s*令和8年4月1日〜令和8年4月2日/)
      expect((await api(`/api/scenarios/${id}/traffic`)).rows).toBe(rowsBefore + 2)

      await added.locator('button[data-action="remove-import"]').click()
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1)
      expect(dialogs.at(-1)).toContain('added.csv')
      expect(await page.locator('.upload-result').textContent()).toContain('取り消しました')
      expect((await api(`/api/scenarios/${id}/traffic`)).rows).toBe(rowsBefore)
    },
  )
})
