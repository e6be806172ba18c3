/**
 * Reliability: one consortium's slow 照会ログ upload must not stop another consortium's writes. The real
 * server (child process, 127.0.0.1, a temporary SQLite file): consortium A's editor trickles an upload over
 * several seconds while consortium B's editor saves its scenario 8 times; every save must succeed (and
 * quickly), and the upload is then stored whole. Also a `db import-traffic` from another process while the
 * server saves, and the 503 (Retry-After) when more uploads arrive than the server takes at once.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { CLI_ACTOR } from '../../packages/api/src/audit/audit.service'
import { createApiToken } from '../../packages/api/src/auth/auth.service'
import { createDb } from '../../packages/api/src/db/create-db'
import { migrateOrThrow } from '../../packages/api/src/db/migrate'
import { createScenario } from '../../packages/api/src/scenario/scenario-edit.service'
import { findOrCreateConsortium } from '../../packages/api/src/scenario/scenario.repository'
import { DEMO_DOC } from '../api/api-harness'

const dir = mkdtempSync(join(tmpdir(), 'warikan-trickle-'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
})

const HEADER = 'timestamp,requester,provider,records\n'
const LINE = '2026-06-01T09:00:00+09:00,143014,143219,1\n'
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Two consortia with a scenario and an editor token each, in a fresh SQLite file. */
async function setup(name: string) {
  const file = join(dir, `${name}.db`)
  const h = createDb({ file })
  await migrateOrThrow(h.db)
  const make = async (consortium: string) => {
    const cid = await findOrCreateConsortium(h.db, consortium)
    const s = await createScenario(h.db, cid, DEMO_DOC, consortium, CLI_ACTOR)
    const t = await createApiToken(h.db, { consortium: cid, role: 'editor' }, CLI_ACTOR)
    if (!s.ok || !t.ok) throw new Error('setup')
    return { scenarioId: s.value.id, token: t.token }
  }
  const a = await make('A 協議会')
  const b = await make('B 協議会')
  await h.close()
  return { file, a, b }
}

async function serve(file: string, env: Record<string, string> = {}): Promise<string> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/api/src/cli/main.ts', 'serve', '--port', '0', '--db', file],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, HOST: '127.0.0.1', WARIKAN_RATE_LIMIT_PER_MINUTE: '100000', ...env },
    },
  )
  children.push(child)
  let stderr = ''
  return new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString()
      const m = /warikan serve: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)
      if (m) resolve(m[1]!)
    })
    child.on('exit', () => reject(new Error(`server exited: ${stderr}`)))
  })
}

/** An upload whose body the test writes piece by piece; `done` resolves with the status and body. */
function openUpload(url: string, scenarioId: number, token: string) {
  const req = request(`${url}/api/scenarios/${scenarioId}/traffic`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'text/csv',
      'X-Filename': 'trickle.csv',
    },
  })
  const done = new Promise<{ status: number; body: string; retryAfter: string | undefined }>(
    (resolve, reject) => {
      req.on('response', (res) => {
        let body = ''
        res.on('data', (d: Buffer) => (body += d.toString()))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            retryAfter: res.headers['retry-after'] as string | undefined,
          }),
        )
      })
      req.on('error', reject)
    },
  )
  const write = (text: string) => new Promise<void>((r) => req.write(text, () => r()))
  return { req, done, write }
}

/** B saves its scenario: PUT with the version it holds; returns the status and the time taken. */
async function save(url: string, b: { scenarioId: number; token: string }, version: number) {
  const doc = structuredClone(DEMO_DOC)
  doc.members[0]!.population += version
  const t0 = performance.now()
  const res = await fetch(`${url}/api/scenarios/${b.scenarioId}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${b.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ version, document: doc }),
  })
  const ms = performance.now() - t0
  const text = await res.text()
  if (res.status !== 200) console.log(`save ${version}: ${res.status} ${text}`)
  return { status: res.status, ms }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((x, y) => x - y)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!
}

it(
  "consortium A trickles an upload while consortium B saves 8 times: every save succeeds; A's log is stored",
  { timeout: 120_000 },
  async () => {
    const { file, a, b } = await setup('trickle')
    const url = await serve(file)
    const upload = openUpload(url, a.scenarioId, a.token)
    await upload.write(HEADER)
    const saves: Array<{ status: number; ms: number }> = []
    // 40 pieces of 250 rows, 150 ms apart (≈ 6 s of upload); a save of B about every 4th piece
    for (let piece = 0; piece < 40; piece++) {
      await upload.write(LINE.repeat(250))
      if (piece % 5 === 2) saves.push(await save(url, b, saves.length + 1))
      await sleep(150)
    }
    upload.req.end()
    const up = await upload.done
    expect(saves.map((s) => s.status)).toEqual(Array(8).fill(200))
    expect(up.status).toBe(201)
    expect(JSON.parse(up.body)).toMatchObject({ rows: 10_000, file: 'trickle.csv' })
    const ms = saves.map((s) => s.ms)
    const p99 = percentile(ms, 99)
    console.log(
      `B's saves during A's trickling upload: ${ms.map((m) => m.toFixed(0)).join(', ')} ms; p99 ${p99.toFixed(0)} ms`,
    )
    expect(p99).toBeLessThan(2000)
    // and A's rows are there, once
    const traffic = await fetch(`${url}/api/scenarios/${a.scenarioId}/traffic`, {
      headers: { Authorization: `Bearer ${a.token}` },
    }).then((r) => r.json())
    expect(traffic.rows).toBe(10_000)
  },
)

it(
  'db import-traffic from another process while the server saves: every save succeeds',
  { timeout: 120_000 },
  async () => {
    const { file, a, b } = await setup('cli')
    const url = await serve(file)
    const log = join(dir, 'big.csv')
    writeFileSync(log, HEADER + LINE.repeat(200_000))
    const child = spawn(
      process.execPath,
      [
        ...['--import', 'tsx', 'packages/api/src/cli/main.ts'],
        ...['db', 'import-traffic', String(a.scenarioId), log, '--db', file],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    children.push(child)
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    let exited = false
    const importing = new Promise<number>((r) =>
      child.on('exit', (code) => {
        exited = true
        r(code ?? -1)
      }),
    )
    // save until the import is over (its transaction falls somewhere in there), at least 6 times
    const saves: Array<{ status: number; ms: number }> = []
    while (!exited || saves.length < 6) {
      saves.push(await save(url, b, saves.length + 1))
      await sleep(100)
    }
    expect(await importing).toBe(0)
    expect(saves.map((s) => s.status)).toEqual(Array(saves.length).fill(200))
    const lock = /書き込みロック ([\d,]+) ms/.exec(stderr)?.[1]
    console.log(
      `B's ${saves.length} saves during a CLI import of 200,000 rows: p99 ${percentile(
        saves.map((s) => s.ms),
        99,
      ).toFixed(0)} ms; the import held the write lock ${lock} ms`,
    )
  },
)

it(
  'more uploads than the server takes at once: 503 with Retry-After, nothing stored; an upload that stalls: 408',
  { timeout: 120_000 },
  async () => {
    const { file, a, b } = await setup('gate')
    const url = await serve(file, { WARIKAN_UPLOADS_AT_ONCE: '1', WARIKAN_UPLOAD_IDLE_MS: '3000' })
    const first = openUpload(url, a.scenarioId, a.token)
    await first.write(HEADER + LINE)
    await sleep(300)
    const second = openUpload(url, b.scenarioId, b.token)
    await second.write(HEADER + LINE)
    second.req.end()
    const refused = await second.done
    expect(refused.status).toBe(503)
    expect(refused.retryAfter).toMatch(/^\d+$/)
    expect(JSON.parse(refused.body).error.code).toBe('unavailable')
    // a burst of 20 more while the first is open: all refused at once, and the server keeps answering
    const burst = Array.from({ length: 20 }, () => openUpload(url, b.scenarioId, b.token))
    for (const u of burst) void u.write(HEADER + LINE).then(() => u.req.end())
    const t0 = performance.now()
    const me = await fetch(`${url}/api/me`, { headers: { Authorization: `Bearer ${b.token}` } })
    const meMs = performance.now() - t0
    expect(me.status).toBe(200)
    const statuses = await Promise.all(burst.map((u) => u.done.then((r) => r.status)))
    expect(statuses).toEqual(Array(20).fill(503))
    console.log(`/api/me during a burst of 20 refused uploads: ${meMs.toFixed(0)} ms`)
    expect(meMs).toBeLessThan(1000)
    // the first one stalls past the idle limit
    const stalled = await first.done
    expect(stalled.status).toBe(408)
    first.req.destroy()
    for (const s of [a, b]) {
      const t = await fetch(`${url}/api/scenarios/${s.scenarioId}/traffic`, {
        headers: { Authorization: `Bearer ${s.token}` },
      }).then((r) => r.json())
      expect(t.rows).toBe(0)
    }
  },
)
