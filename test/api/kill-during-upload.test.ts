/**
 * Fault test: the real server (child process, 127.0.0.1, temp SQLite file) is killed with SIGKILL while a
 * big 照会ログ is streaming in. Reopened, the database is consistent and holds no trace of the upload.
 */
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
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
import { DEMO_DOC } from './api-harness'

const dir = mkdtempSync(join(tmpdir(), 'warikan-kill-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it(
  'SIGKILL mid-upload leaves the database consistent and the upload absent',
  { timeout: 30_000 },
  async () => {
    const file = join(dir, 'w.db')
    const setup = createDb({ file })
    await migrateOrThrow(setup.db)
    const cid = await findOrCreateConsortium(setup.db, DEMO_DOC.consortium.name)
    const s = await createScenario(setup.db, cid, DEMO_DOC, 'k', CLI_ACTOR)
    const t = await createApiToken(setup.db, { consortium: cid, role: 'editor' }, CLI_ACTOR)
    if (!s.ok || !t.ok) throw new Error('setup')
    await setup.close()

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'packages/api/src/cli/main.ts', 'serve', '--port', '0', '--db', file],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOST: '127.0.0.1' } },
    )
    let stderr = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
        const m = /warikan serve: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)
        if (m) resolve(m[1]!)
      })
      child.on('exit', () => reject(new Error(`server exited: ${stderr}`)))
    })

    // Stream rows in chunks; once enough has gone through for the server to be writing, kill it.
    const line = '2026-06-01T09:00:00+09:00,143014,143219,1\n'
    const chunk = line.repeat(5000)
    const req = request(`${url}/api/scenarios/${s.value.id}/traffic`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'text/csv' },
    })
    req.on('error', () => {}) // the connection dies with the server
    let responded = false
    req.on('response', () => (responded = true))
    req.write('timestamp,requester,provider,records\n')
    const exited = new Promise((r) => child.on('exit', r))
    for (let i = 0; i < 60; i++) {
      await new Promise<void>((r) => req.write(chunk, () => r()))
      await new Promise((r) => setTimeout(r, 10))
    }
    expect(responded).toBe(false) // still uploading: the kill lands mid-stream
    child.kill('SIGKILL')
    await exited

    const after = createDb({ file })
    try {
      // the sqlite3 CLI, when installed, checks every page and index of the file
      let hasCli = true
      try {
        execFileSync('sqlite3', ['-version'])
      } catch {
        hasCli = false
      }
      if (hasCli)
        expect(execFileSync('sqlite3', [file, 'PRAGMA integrity_check']).toString().trim()).toBe(
          'ok',
        )
      await migrateOrThrow(after.db)
      const imports = await after.db.selectFrom('traffic_import').selectAll().execute()
      expect(imports).toEqual([])
      const rows = await after.db
        .selectFrom('traffic_row')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
      expect(Number(rows.n)).toBe(0)
      const scenario = await after.db
        .selectFrom('scenario')
        .select('version')
        .where('id', '=', s.value.id)
        .executeTakeFirstOrThrow()
      expect(scenario.version).toBe(1)
    } finally {
      await after.close()
    }
  },
)
