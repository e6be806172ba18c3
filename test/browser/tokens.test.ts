/**
 * トークン管理 in Chromium: the demo admin lists tokens, issues one (shown once), revokes it (it stops working),
 * cannot revoke the demo's own token;
 * the page runs under the Content-Security-Policy without a single violation.
 */
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { demoBrowser, hasChromium } from './harness'

describe.skipIf(!hasChromium)('token management in Chromium', () => {
  const demo = demoBrowser()
  let page: Page
  const violations: string[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    page = await demo.firstPage()
    page.on('dialog', (d) => void d.accept())
    page.on('pageerror', (e) => pageErrors.push(e.message))
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text())
    })
  })

  it('lists, issues (shown once) and revokes a token, with no CSP violation', async () => {
    await page.goto(`${demo.server.url}/?demo#tokens`)
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 })
    await page.waitForSelector('.tokens-list table')
    expect(await page.textContent('.tokens-list')).toContain('（デモ）')
    // the demo's own token cannot be revoked: the page runs on it (no button; the API says 409 and why)
    const demoRow = page.locator('.tokens-list tbody tr', { hasText: '（デモ）' })
    expect(await demoRow.textContent()).toContain('デモ用（失効不可）')
    expect(await demoRow.locator('[data-action="revoke"]').count()).toBe(0)
    const list = (await (
      await fetch(`${demo.server.url}/api/consortia/1/tokens`, {
        headers: { Authorization: `Bearer ${demo.server.token}` },
      })
    ).json()) as Array<{ id: number; demo: boolean }>
    const demoId = list.find((t) => t.demo)!.id
    const refused = await fetch(`${demo.server.url}/api/consortia/1/tokens/${demoId}`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${demo.server.token}` },
    })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'デモ用',
    )

    await page.selectOption('#token-role', 'viewer')
    await page.fill('#token-name', 'ブラウザ試験')
    await page.fill('#token-expires', '30d')
    await page.click('[data-action="create-token"]')
    const token = (await page.waitForSelector('.new-token')).textContent()
    const issued = (await token) ?? ''
    expect(issued).toMatch(/^wk_/)
    await page.waitForFunction(
      () => document.querySelectorAll('.tokens-list tbody tr').length === 2,
    )
    const me = await fetch(`${demo.server.url}/api/me`, {
      headers: { Authorization: `Bearer ${issued}` },
    })
    expect(me.status).toBe(200)

    const row = page.locator('.tokens-list tbody tr', { hasText: 'ブラウザ試験' })
    await row.locator('[data-action="revoke"]').click()
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('.tokens-list tbody tr')).some(
        (tr) => tr.textContent?.includes('ブラウザ試験') && tr.textContent.includes('失効'),
      ),
    )
    const after = await fetch(`${demo.server.url}/api/me`, {
      headers: { Authorization: `Bearer ${issued}` },
    })
    expect(after.status).toBe(401)

    // the other views load under the same policy
    for (const r of ['studio', 'compare', 'upload', 'present']) {
      await page.goto(`${demo.server.url}/?demo#${r}`)
      await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 })
    }
    expect(violations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})
