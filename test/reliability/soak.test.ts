/**
 * Soak (bounded: ≤ 60 s, 127.0.0.1 only, bounded loops): the real server on a SQLite file under mixed reads,
 * scenario writes (create, update, delete) and small traffic uploads, killed with SIGKILL at random moments
 * and restarted. After every kill: PRAGMA integrity_check is ok, no acknowledged write is lost, every
 * acknowledged write has its audit entry, and nothing acknowledged as deleted came back.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { CLI_ACTOR } from '../../packages/api/src/audit/audit.service'
import { createApiToken } from '../../packages/api/src/auth/auth.service'
import { createDb } from '../../packages/api/src/db/create-db'
import { migrateOrThrow } from '../../packages/api/src/db/migrate'
import { seededRandom } from '../../packages/core/src/random'
import { createScenario } from '../../packages/api/src/scenario/scenario-edit.service'
import { findOrCreateConsortium } from '../../packages/api/src/scenario/scenario.repository'
import { rawSql } from '../helpers/raw-sql'
import { DEMO_DOC } from '../api/api-harness'

const dir = mkdtempSync(join(tmpdir(), 'warikan-soak-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const BUDGET_MS = 40_000 // rounds start only within this; the test's own timeout is 60 s
const CLIENTS = 6

function startServer(file: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'packages/api/src/cli/main.ts', 'serve', '--port', '0', '--db', file],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, HOST: '127.0.0.1', WARIKAN_RATE_LIMIT_PER_MINUTE: '1000000' },
    },
  )
  let stderr = ''
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString()
      const m = /warikan serve: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)
      if (m) resolve({ child, url: m[1]! })
    })
    child.on('exit', () => reject(new Error(`server exited: ${stderr}`)))
  })
}

it(
  'mixed load with SIGKILL restarts: integrity ok, no acknowledged write lost',
  { timeout: 60_000 },
  async () => {
    const file = join(dir, 'soak.db')
    const setup = createDb({ file })
    await migrateOrThrow(setup.db)
    const cid = await findOrCreateConsortium(setup.db, DEMO_DOC.consortium.name)
    const base = await createScenario(setup.db, cid, DEMO_DOC, 'base', CLI_ACTOR)
    const t = await createApiToken(
      setup.db,
      { consortium: cid, role: 'admin', expires: 'never' },
      CLI_ACTOR,
    )
    if (!base.ok || !t.ok) throw new Error('setup')
    await setup.close()
    const auth = { Authorization: `Bearer ${t.token}` }
    const json = { ...auth, 'Content-Type': 'application/json' }

    /** acknowledged state: what the server said 2xx to */
    const created = new Set<number>()
    const deleted = new Set<number>()
    const updated = new Map<number, { version: number; title: string }>()
    const uploads = new Set<number>()
    let requests = 0
    let acknowledged = 0
    let failedInFlight = 0
    let other4xx5xx = 0
    const random = seededRandom(20261201)
    const started = Date.now()
    let rounds = 0

    while (Date.now() - started < BUDGET_MS && rounds < 8) {
      rounds++
      const { child, url } = await startServer(file)
      const exited = new Promise((r) => child.on('exit', r))
      let killed = false
      const client = async (k: number) => {
        let n = 0
        while (!killed && n++ < 400) {
          const op = random()
          requests++
          try {
            if (op < 0.35) {
              const r = await fetch(`${url}/api/scenarios/${base.value.id}/allocation`, {
                headers: auth,
              })
              await r.arrayBuffer()
              if (r.status !== 200) other4xx5xx++
            } else if (op < 0.55) {
              const title = `soak-${rounds}-${k}-${n}`
              const r = await fetch(
                `${url}/api/consortia/${cid}/scenarios?title=${encodeURIComponent(title)}`,
                { method: 'POST', headers: json, body: JSON.stringify(DEMO_DOC) },
              )
              const body = (await r.json()) as { id: number }
              if (r.status === 201) {
                created.add(body.id)
                acknowledged++
              } else other4xx5xx++
            } else if (op < 0.75) {
              const ids = [...created].filter((i) => !deleted.has(i))
              const id = ids[Math.floor(random() * ids.length)]
              if (id === undefined) continue
              const got = await fetch(`${url}/api/scenarios/${id}`, { headers: auth })
              if (got.status !== 200) {
                await got.arrayBuffer()
                continue
              }
              const { version } = (await got.json()) as { version: number }
              const title = `upd-${rounds}-${k}-${n}`
              const r = await fetch(`${url}/api/scenarios/${id}`, {
                method: 'PUT',
                headers: json,
                body: JSON.stringify({ version, document: DEMO_DOC, title }),
              })
              const body = (await r.json()) as { version: number }
              if (r.status === 200) {
                const prev = updated.get(id)
                if (!prev || prev.version < body.version)
                  updated.set(id, { version: body.version, title })
                acknowledged++
              } else if (r.status !== 409 && r.status !== 404) other4xx5xx++
            } else if (op < 0.85) {
              const ids = [...created].filter((i) => !deleted.has(i) && !updated.has(i))
              const id = ids[Math.floor(random() * ids.length)]
              if (id === undefined) continue
              const r = await fetch(`${url}/api/scenarios/${id}`, {
                method: 'DELETE',
                headers: auth,
              })
              await r.arrayBuffer()
              if (r.status === 200) {
                deleted.add(id)
                acknowledged++
              } else if (r.status !== 404) other4xx5xx++
            } else {
              const csv = `timestamp,requester,provider,records\n${Array.from(
                { length: 20 },
                (_, i) =>
                  `2026-06-01T09:${String(i).padStart(2, '0')}:00+09:00,143014,143219,${k + n + i}`,
              ).join('\n')}\n`
              const r = await fetch(`${url}/api/scenarios/${base.value.id}/traffic?force=1`, {
                method: 'POST',
                headers: { ...auth, 'Content-Type': 'text/csv' },
                body: csv,
              })
              const body = (await r.json()) as { summary?: { importId: number } }
              if (r.status === 201 && body.summary) {
                uploads.add(body.summary.importId)
                acknowledged++
              } else if (r.status !== 409 && r.status !== 503) other4xx5xx++
            }
          } catch {
            failedInFlight++ // the server died under this request: not acknowledged
          }
        }
      }
      const load = Promise.all(Array.from({ length: CLIENTS }, (_, k) => client(k)))
      await new Promise((r) => setTimeout(r, 600 + Math.floor(random() * 1500)))
      killed = true
      child.kill('SIGKILL')
      await exited
      await load

      // after every kill: the file is whole and holds every acknowledged write
      const after = createDb({ file })
      try {
        const check = await rawSql<{ integrity_check: string }>(after.db, 'PRAGMA integrity_check')
        expect(check.map((r) => r.integrity_check)).toEqual(['ok'])
        const rows = await after.db
          .selectFrom('scenario')
          .select(['id', 'version', 'title'])
          .execute()
        const byId = new Map(rows.map((r) => [r.id, r]))
        for (const id of created) {
          if (deleted.has(id)) expect(byId.has(id), `deleted ${id} came back`).toBe(false)
          else expect(byId.has(id), `created ${id} lost`).toBe(true)
        }
        for (const [id, u] of updated) {
          if (deleted.has(id)) continue
          expect(byId.get(id)!.version, `update of ${id} lost`).toBeGreaterThanOrEqual(u.version)
        }
        const imports = await after.db.selectFrom('traffic_import').select('id').execute()
        const present = new Set(imports.map((i) => i.id))
        // a later ?force import replaces an earlier one: acknowledged imports are present or replaced
        const replaced = await after.db
          .selectFrom('audit_log')
          .select('target')
          .where('action', 'in', ['traffic.import', 'traffic.replace'])
          .execute()
        const auditedImports = new Set(replaced.map((r) => Number(r.target.split(':')[1])))
        for (const id of uploads)
          expect(present.has(id) || auditedImports.has(id), `upload ${id} lost`).toBe(true)
        const audit = await after.db
          .selectFrom('audit_log')
          .select(['action', 'scenario_id'])
          .where('action', 'in', ['scenario.create', 'scenario.update', 'scenario.delete'])
          .execute()
        const createdAudited = new Set(
          audit.filter((a) => a.action === 'scenario.create').map((a) => a.scenario_id),
        )
        for (const id of created)
          expect(createdAudited.has(id), `create ${id} unaudited`).toBe(true)
      } finally {
        await after.close()
      }
    }
    process.stderr.write(
      `soak: ${rounds} SIGKILL restarts, ${requests} requests, ${acknowledged} acknowledged writes ` +
        `(${created.size} created, ${updated.size} updated, ${deleted.size} deleted, ${uploads.size} uploads), ` +
        `${failedInFlight} cut by a kill, ${other4xx5xx} unexpected statuses, 0 lost\n`,
    )
    expect(rounds).toBeGreaterThanOrEqual(2)
    expect(acknowledged).toBeGreaterThan(0)
    expect(other4xx5xx).toBe(0)
  },
)
