/**
 * Fault test: the real server (the installed CLI as a child process, 127.0.0.1, temp SQLite file) is killed with
 * SIGKILL while a big 照会ログ is streaming in — only once the server has written rows of it (the SQLite
 * write-ahead log has grown). Reopened, the database is consistent and holds no trace of the upload, and
 * importing the whole file afterwards gives the same totals as aggregating it.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
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
import { cli, CLI_BIN } from '../helpers/cli'
import { DEMO_DOC } from './api-harness'

const dir = mkdtempSync(join(tmpdir(), 'warikan-kill-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it(
  'SIGKILL after rows were written leaves the database consistent, the upload absent, and a re-import exact',
  { timeout: 60_000 },
  async () => {
    const file = join(dir, 'w.db')
    const setup = createDb({ file })
    await migrateOrThrow(setup.db)
    const cid = await findOrCreateConsortium(setup.db, DEMO_DOC.consortium.name)
    const s = await createScenario(setup.db, cid, DEMO_DOC, 'k', CLI_ACTOR)
    const t = await createApiToken(setup.db, { consortium: cid, role: 'editor' }, CLI_ACTOR)
    if (!s.ok || !t.ok) throw new Error('setup')
    await setup.close()

    const child = spawn(process.execPath, [CLI_BIN, 'serve', '--port', '0', '--db', file], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, HOST: '127.0.0.1' },
    })
    let stderr = ''
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString()
        const m = /warikan serve: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)
        if (m) resolve(m[1]!)
      })
      child.on('exit', () => reject(new Error(`server exited: ${stderr}`)))
    })

    // The upload is spooled and validated before anything is written (no lock while the body arrives), then
    // stored in one transaction. Send the whole body; once the server is writing the rows (its WAL grows past
    // 1 MB) and before it has answered, kill it.
    const line = '2026-06-01T09:00:00+09:00,143014,143219,1\n'
    const chunk = line.repeat(5000)
    const header = 'timestamp,requester,provider,records\n'
    const wal = `${file}-wal`
    const walSize = () => (existsSync(wal) ? statSync(wal).size : 0)
    const walBefore = walSize()
    const req = request(`${url}/api/scenarios/${s.value.id}/traffic`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${t.token}`, 'Content-Type': 'text/csv' },
    })
    req.on('error', () => {}) // the connection dies with the server
    let responded = false
    req.on('response', () => (responded = true))
    req.write(header)
    const exited = new Promise((r) => child.on('exit', r))
    const sent = 160
    for (let k = 0; k < sent; k++) await new Promise<void>((r) => req.write(chunk, () => r()))
    req.end()
    const deadline = Date.now() + 60_000
    while (walSize() < walBefore + (1 << 20) && !responded && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5))
    expect(walSize()).toBeGreaterThan(walBefore + (1 << 20)) // the server had written rows
    expect(responded).toBe(false) // not committed yet: the kill lands mid-transaction
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

    // The whole file imported afterwards: the same totals as aggregating it, nothing left over from the kill.
    const log = join(dir, 'whole.csv')
    writeFileSync(log, header + chunk.repeat(sent))
    const imported = await cli(['db', 'import-traffic', String(s.value.id), log, '--db', file])
    expect(imported.code, imported.stderr).toBe(0)
    const stored = await cli([
      'db',
      'allocate',
      String(s.value.id),
      '--db',
      file,
      '--format',
      'json',
    ])
    expect(stored.code, stored.stderr).toBe(0)
    const reopened = createDb({ file })
    try {
      const imports = await reopened.db.selectFrom('traffic_import').select('row_count').execute()
      expect(imports).toEqual([{ row_count: sent * 5000 }])
      const rows = await reopened.db
        .selectFrom('traffic_row')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('records').as('records')])
        .executeTakeFirstOrThrow()
      expect([Number(rows.n), Number(rows.records)]).toEqual([sent * 5000, sent * 5000])
    } finally {
      await reopened.close()
    }
    const aggregate = await cli(['traffic', log, '--format', 'json'])
    expect(JSON.parse(aggregate.stdout)).toEqual({
      rows: sent * 5000,
      pairs: [
        {
          requester: '143014',
          provider: '143219',
          queries: sent * 5000,
          records: sent * 5000,
          bytes: 0,
        },
      ],
    })
  },
)
