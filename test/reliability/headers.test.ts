/**
 * Every page carries a Content-Security-Policy that allows same-origin scripts only (no inline script, no
 * third-party origin), and the web build has no inline script (issue 15, finding 7).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../packages/api/src/app'
import { PAGE_CSP } from '../../packages/api/src/http/api-headers'
import { WEB_DIST } from '../../packages/api/src/paths'
import { mountWebApp } from '../../packages/api/src/server'
import { testDatabases } from '../helpers/databases'
import { readEnv } from '../../packages/api/src/env'
import type { Db } from '../../packages/api/src/db/create-db'

const directives = (csp: string) =>
  new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/)
      return [name!, values] as const
    }),
  )

describe('Content-Security-Policy', () => {
  let handle: Db
  let app: ReturnType<typeof createApp>
  const dir = mkdtempSync(join(tmpdir(), 'warikan-csp-'))
  beforeAll(async () => {
    handle = await testDatabases()[0]!.create()
    app = createApp({ db: handle.db, dialect: 'sqlite', env: readEnv({}), log: () => {} })
    // a stand-in web build (the real one is checked below when it exists)
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><script type="module" src="/a.js"></script>',
    )
    writeFileSync(join(dir, 'a.js'), 'export {}')
    mountWebApp(app, dir)
  })
  afterAll(async () => {
    await handle.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('allows scripts from this origin only: no inline, no eval, no other origin', () => {
    const d = directives(PAGE_CSP)
    expect(d.get('script-src')).toEqual(["'self'"])
    expect(d.get('default-src')).toEqual(["'self'"])
    expect(d.get('object-src')).toEqual(["'none'"])
    expect(d.get('base-uri')).toEqual(["'none'"])
    for (const [, values] of d) {
      expect(values).not.toContain("'unsafe-inline'")
      expect(values).not.toContain("'unsafe-eval'")
      for (const v of values) expect(v).not.toMatch(/^(https?:|\*)/)
    }
  })

  it.each(['/', '/index.html', '/a.js', '/studio/1', '/doc', '/reference'])(
    '%s carries it',
    async (path) => {
      const res = await app.request(path)
      expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP)
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    },
  )

  it('API responses, errors included, forbid loading anything', async () => {
    for (const path of ['/api/me', '/api/nothing']) {
      const res = await app.request(path)
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      )
    }
  })

  it('the web app has no inline script and names no other origin', () => {
    const pages = [join(WEB_DIST, '../index.html')]
    if (existsSync(join(WEB_DIST, 'index.html'))) pages.push(join(WEB_DIST, 'index.html'))
    for (const page of pages) {
      const html = readFileSync(page, 'utf8')
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
      expect(scripts.length).toBeGreaterThan(0)
      for (const [, attrs, body] of scripts) {
        expect(body!.trim(), `${page}: inline script`).toBe('')
        expect(attrs).toMatch(/\ssrc="\/[^/]/)
      }
      expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//)
      expect(html).not.toMatch(/\son[a-z]+=/i)
    }
    if (existsSync(join(WEB_DIST, 'assets'))) {
      for (const f of readdirSync(join(WEB_DIST, 'assets')).filter((n) => n.endsWith('.js'))) {
        const js = readFileSync(join(WEB_DIST, 'assets', f), 'utf8')
        expect(js, f).not.toMatch(/\bimport\(\s*["']https?:/)
      }
    }
  })
})
