/**
 * Browser-test harness: builds the web app, starts the real server (the installed `warikan serve --demo`) on 127.0.0.1
 * with a throwaway SQLite file, and drives Debian's Chromium (/usr/bin/chromium) through playwright-core.
 * Never a downloaded browser. Without Chromium the suite is skipped locally, but fails when CI=true.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

export const ROOT = resolve(import.meta.dirname, '../..')
export const CHROMIUM = '/usr/bin/chromium'
export const SCREENSHOTS = join(ROOT, '.artifacts/screenshots')

export const hasChromium = existsSync(CHROMIUM)
if (!hasChromium && process.env.CI) {
  throw new Error(
    `Chromium not found at ${CHROMIUM}: the browser tests need Debian's chromium package (apt-get install chromium fonts-noto-cjk; .ci/run installs it)`,
  )
}

export function buildWeb(): void {
  const r = spawnSync('pnpm', ['--filter', '@warikan/web', 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`)
}

export const freePort = () =>
  new Promise<number>((ok) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => ok(port))
    })
  })

export interface Server {
  url: string
  token: string
  stop(): void
}

export async function startServer(): Promise<Server> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'warikan-web-'))
  // the installed CLI, built from the current sources by the test run's globalSetup
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'packages/api/bin/warikan.mjs'),
      'serve',
      '--demo',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--db',
      join(dir, 'web.db'),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } },
  )
  let log = ''
  const url = `http://127.0.0.1:${port}`
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 30 s:\n${log}`)), 30_000)
    const onData = (b: Buffer) => {
      log += b.toString()
      if (log.includes(`127.0.0.1:${port}`)) {
        clearTimeout(timer)
        ok()
      }
    }
    child.stderr!.on('data', onData)
    child.stdout!.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`server exited (${code}):\n${log}`))
    })
  })
  const res = await fetch(`${url}/api/demo/session`)
  const { token } = (await res.json()) as { token: string }
  return {
    url,
    token,
    stop() {
      child.kill('SIGTERM')
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser(): Promise<{
  context: BrowserContext
  close(): Promise<void>
}> {
  const profile = mkdtempSync(join(tmpdir(), 'warikan-chromium-'))
  mkdirSync(SCREENSHOTS, { recursive: true })
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  })
  return {
    context,
    async close() {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    },
  }
}

export type Browser = Awaited<ReturnType<typeof launchBrowser>>

/**
 * The demo server and Chromium of one test file (call it inside the file's describe): the web app is built and
 * both are started before the file's tests, within `timeout` ms, and stopped after them. `server` and `browser`
 * are read inside hooks and tests; `firstPage()` is the browser's first tab.
 */
export function demoBrowser(timeout = 90_000): {
  readonly server: Server
  readonly browser: Browser
  firstPage(): Promise<Page>
} {
  let server: Server | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    buildWeb()
    ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
  }, timeout)
  afterAll(async () => {
    await browser?.close()
    server?.stop()
  })
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} has not started (demoBrowser's beforeAll)`)
    return value
  }
  return {
    get server() {
      return started(server, 'the demo server')
    },
    get browser() {
      return started(browser, 'Chromium')
    },
    async firstPage() {
      const { context } = started(browser, 'Chromium')
      return context.pages()[0] ?? (await context.newPage())
    },
  }
}
