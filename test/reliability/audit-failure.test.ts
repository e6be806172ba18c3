/**
 * An audit entry is part of the write it records (issue 15, finding 5; issue 16 item 3): when the audit
 * insert fails, the write is rolled back — over HTTP, from the CLI and in the demo seed.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  auditInsertStatement,
  trafficImportEntry,
} from '../../packages/api/src/audit/audit.service'
import { createDb, type Db } from '../../packages/api/src/db/create-db'
import { migrateOrThrow } from '../../packages/api/src/db/migrate'
import { seedDemo } from '../../packages/api/src/http/demo-seed'
import { cli } from '../helpers/cli'
import { testDatabases } from '../helpers/databases'
import { rawSql } from '../helpers/raw-sql'
import { DEMO_DOC, harness, type Harness } from '../api/api-harness'

/** Makes every audit insert fail (the trail is down) — and back. */
async function breakAudit(handle: Db): Promise<void> {
  if (handle.dialect === 'postgres') {
    await rawSql(
      handle.db,
      `CREATE FUNCTION audit_down() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit down'; END $$ LANGUAGE plpgsql`,
    )
    await rawSql(
      handle.db,
      'CREATE TRIGGER audit_down BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_down()',
    )
  } else
    await rawSql(
      handle.db,
      "CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END",
    )
}
async function repairAudit(handle: Db): Promise<void> {
  await rawSql(
    handle.db,
    handle.dialect === 'postgres'
      ? 'DROP TRIGGER audit_down ON audit_log'
      : 'DROP TRIGGER audit_down',
  )
}

const snapshot = async (handle: Db) => ({
  scenarios: await handle.db
    .selectFrom('scenario')
    .select(['id', 'version', 'title'])
    .orderBy('id')
    .execute(),
  costs: (await handle.db.selectFrom('cost_item').select('id').execute()).length,
  tokens: await handle.db
    .selectFrom('api_token')
    .select(['id', 'revoked_at'])
    .orderBy('id')
    .execute(),
  consortia: (await handle.db.selectFrom('consortium').select('id').execute()).length,
  audit: (await handle.db.selectFrom('audit_log').select('id').execute()).length,
})

describe.each(testDatabases())(
  'audit insert fails → the write is rolled back, on $name',
  (database) => {
    let h: Harness
    beforeEach(async () => {
      h = await harness(database)
    })
    afterEach(() => h.close())

    it('every HTTP write: 500, nothing changed; after repair the same request succeeds', async () => {
      const before = await snapshot(h.handle)
      await breakAudit(h.handle)
      const tokens = await h.request('GET', `/api/consortia/${h.consortiumId}/tokens`, {
        token: h.tokens.admin,
      })
      const viewer = tokens.body.find((t: { name: string }) => t.name === 'viewer-token').id
      const writes: Array<[string, string, unknown]> = [
        ['POST', `/api/consortia/${h.consortiumId}/scenarios`, DEMO_DOC],
        ['PUT', `/api/scenarios/${h.scenarioId}`, { version: 1, document: DEMO_DOC, title: '改' }],
        ['POST', `/api/scenarios/${h.scenarioId}/copy`, { title: 'コピー' }],
        ['DELETE', `/api/scenarios/${h.scenarioId}`, undefined],
        ['POST', `/api/consortia/${h.consortiumId}/tokens`, { role: 'viewer' }],
        ['DELETE', `/api/consortia/${h.consortiumId}/tokens/${viewer}`, undefined],
      ]
      for (const [method, path, body] of writes) {
        const r = await h.request(method, path, { token: h.tokens.admin, body })
        expect(r.status, `${method} ${path}`).toBe(500)
        expect(await snapshot(h.handle)).toEqual(before)
      }
      // the revoked-then-rolled-back token still works
      expect((await h.request('GET', '/api/me', { token: h.tokens.viewer })).status).toBe(200)
      await repairAudit(h.handle)
      for (const [method, path, body] of writes) {
        const r = await h.request(method, path, { token: h.tokens.admin, body })
        expect(r.status, `${method} ${path}`).toBeLessThan(300)
      }
      expect((await snapshot(h.handle)).audit).toBe(before.audit + writes.length)
    })

    it('the traffic helper writes the same row as recordAudit', async () => {
      if (h.handle.dialect !== 'sqlite') return
      const entry = trafficImportEntry({
        consortiumId: h.consortiumId,
        scenarioId: h.scenarioId,
        importId: 7,
        file: 'a.csv',
        rows: 3,
        sha256: 'ab',
        replaced: false,
      })
      const stmt = auditInsertStatement({ tokenId: null, name: 'cli' }, entry)
      expect(stmt.sql).toMatch(/^INSERT INTO audit_log/)
      expect(stmt.values).toEqual([
        null,
        'cli',
        h.consortiumId,
        h.scenarioId,
        'traffic.import',
        'traffic_import:7',
        null,
        '{"file":"a.csv","rows":3,"importId":7,"sha256":"ab","replaced":false}',
      ])
    })
  },
)

describe('audit insert fails in the CLI and the demo seed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warikan-audit-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  async function brokenFile(name: string): Promise<string> {
    const file = join(dir, name)
    const handle = createDb({ file })
    await migrateOrThrow(handle.db)
    await breakAudit(handle)
    await handle.close()
    return file
  }

  it('db import and token create: non-zero exit, nothing stored', async () => {
    const file = await brokenFile('cli.db')
    const imported = await cli(['db', 'import', 'fixtures/demo/kanagawa-2026.json', '--db', file])
    expect(imported.code).not.toBe(0)
    expect(imported.stdout).toBe('')
    const token = await cli([
      'token',
      'create',
      '--consortium',
      'X',
      '--role',
      'admin',
      '--db',
      file,
    ])
    expect(token.code).not.toBe(0)
    expect(token.stdout).toBe('')
    const handle = createDb({ file })
    const s = await snapshot(handle)
    expect(s).toMatchObject({ scenarios: [], tokens: [], consortia: 0, audit: 0 })
    await handle.close()
  })

  it('the demo seed: nothing seeded, no token', async () => {
    const file = await brokenFile('demo.db')
    const handle = createDb({ file })
    await expect(seedDemo(handle.db)).rejects.toThrow()
    const s = await snapshot(handle)
    expect(s).toMatchObject({ scenarios: [], tokens: [], consortia: 0, audit: 0 })
    await handle.close()
  })
})
