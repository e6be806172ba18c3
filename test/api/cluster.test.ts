/**
 * `warikan serve --workers 2`: the primary seeds the demo once, two workers answer on one port with the same
 * demo token, and a stop signal ends every process.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { CLI_BIN } from '../helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'warikan-cluster-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })

it(
  'serves the demo from two workers on one port and stops cleanly',
  { timeout: 60_000 },
  async () => {
    const port = await freePort()
    const child = spawn(
      process.execPath,
      [
        // the installed CLI: each worker is a fork of the built bin
        CLI_BIN,
        'serve',
        '--demo',
        '--workers',
        '2',
        '--port',
        String(port),
        '--db',
        join(dir, 'w.db'),
      ],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOST: '127.0.0.1' } },
    )
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    )
    await expect
      .poll(() => (stderr.match(/warikan serve: http:\/\/127\.0\.0\.1:\d+\//g) ?? []).length, {
        timeout: 45_000,
        interval: 200,
      })
      .toBe(2)
    expect(stderr).toContain('warikan serve: 2 workers')
    expect(stderr.match(/デモデータを取り込みました/g)).toHaveLength(1)

    const url = `http://127.0.0.1:${port}`
    const { token } = (await (await fetch(`${url}/api/demo/session`)).json()) as { token: string }
    const headers = { Authorization: `Bearer ${token}` }
    // enough requests that both workers answer some; every one must see the same data
    const totals = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const r = await fetch(`${url}/api/scenarios/1/allocation`, { headers })
        expect(r.status).toBe(200)
        return ((await r.json()) as { total: number }).total
      }),
    )
    expect(new Set(totals)).toEqual(new Set([1_037_000_000]))

    // the server writes the API headers itself (server.ts), so check them over the wire
    const me = await fetch(`${url}/api/me`, { headers })
    expect(me.headers.get('x-content-type-options')).toBe('nosniff')
    expect(me.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(me.headers.get('cache-control')).toBe('no-store')
    expect(me.headers.get('content-type')).toMatch(/^application\/json/)
    expect((await fetch(`${url}/api/me`)).headers.get('cache-control')).toBe('no-store') // 401 too

    // an edit answered by one worker is seen by every worker's next read (metadata caches check the
    // SQLite change token on each request)
    const current = (await (await fetch(`${url}/api/scenarios/1`, { headers })).json()) as {
      document: { members: Array<{ code: string; population: number }> }
    }
    const document = structuredClone(current.document)
    document.members.find((m) => m.code === '143014')!.population *= 10
    const put = await fetch(`${url}/api/scenarios/1`, {
      method: 'PUT',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ version: 1, document }),
    })
    expect(put.status).toBe(200)
    const after = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const [meta, allocation] = await Promise.all([
          fetch(`${url}/api/scenarios/1`, { headers }).then((r) => r.json()),
          fetch(`${url}/api/scenarios/1/allocation`, { headers }).then((r) => r.json()),
        ])
        const hayama = (allocation as { members: Array<{ code: string; total: number }> }).members
        return `${(meta as { version: number }).version}:${hayama.find((m) => m.code === '143014')!.total}`
      }),
    )
    expect(new Set(after).size).toBe(1)
    expect(after[0]).toMatch(/^2:/)

    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  },
)
