/**
 * Demo mode never touches real data (issue 15, finding 2): `serve --demo` uses a file of its own, refuses a
 * database holding anything but demo rows, marks its token demo (dead without --demo) and reuses it.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../packages/api/src/app'
import { createDb } from '../../packages/api/src/db/create-db'
import { migrateOrThrow } from '../../packages/api/src/db/migrate'
import { readEnv } from '../../packages/api/src/env'
import { DEMO_CONSORTIUM, seedDemo } from '../../packages/api/src/http/demo-seed'
import { cli } from '../helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'warikan-demo-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const DEMO_FILE = 'fixtures/demo/kanagawa-2026.json'

async function openFile(file: string) {
  const handle = createDb({ file })
  await migrateOrThrow(handle.db)
  return handle
}

const appOn = (handle: Awaited<ReturnType<typeof openFile>>, demo?: { token: string }) =>
  createApp({
    db: handle.db,
    dialect: 'sqlite',
    env: readEnv({}),
    demo,
    log: () => {},
    changeToken: handle.changeToken,
  })

const get = async (app: ReturnType<typeof createApp>, path: string, token?: string) => {
  const res = await app.request(path, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  })
  return { status: res.status, body: (await res.json()) as any } // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('serve --demo is confined', () => {
  it('refuses a database whose real consortium has the demo name, and changes nothing', async () => {
    const file = join(dir, 'real.db')
    // the real consortium carries exactly the demo consortium's name (the finding's attack)
    const imported = await cli(['db', 'import', DEMO_FILE, '--db', file])
    expect(imported.code).toBe(0)
    const listBefore = await cli(['db', 'list', '--db', file])
    const run = await cli(['serve', '--demo', '--port', '0', '--db', file])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain('デモ以外のデータ')
    expect(run.stderr).toContain(DEMO_CONSORTIUM)
    const listAfter = await cli(['db', 'list', '--db', file])
    expect(listAfter.stdout).toBe(listBefore.stdout)
    const h = await openFile(file)
    const tokens = await h.db.selectFrom('api_token').select('id').execute()
    expect(tokens).toEqual([])
    await h.close()
  })

  it('refuses a database holding only a real token', async () => {
    const file = join(dir, 'token-only.db')
    expect(
      (await cli(['token', 'create', '--consortium', 'X協議会', '--role', 'admin', '--db', file]))
        .code,
    ).toBe(0)
    const run = await cli(['serve', '--demo', '--port', '0', '--db', file])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/X協議会/)
  })

  it('never uses the data file: --demo --db equal to WARIKAN_DB is refused', async () => {
    const real = join(dir, 'data.db')
    const run = await cli(['serve', '--demo', '--port', '0', '--db', real], { WARIKAN_DB: real })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('デモ専用')
    const mem = await cli(['serve', '--demo', '--port', '0', '--db', ':memory:'])
    expect(mem.code).toBe(2)
  })

  it('the demo token is marked demo, reused across starts, and dead without --demo', async () => {
    const file = join(dir, 'demo.db')
    let h = await openFile(file)
    const first = await seedDemo(h.db)
    expect(first.imported).toHaveLength(4)
    expect(first.tokenCreated).toBe(true)
    const demoApp = appOn(h, { token: first.token })
    expect((await get(demoApp, '/api/demo/session')).body.token).toBe(first.token)
    expect((await get(demoApp, '/api/me', first.token)).status).toBe(200)
    const marked = await h.db.selectFrom('api_token').select(['demo']).execute()
    expect(marked.map((r) => Number(r.demo))).toEqual([1])
    await h.close()

    // a second start: nothing re-imported, the same token, no new token row
    h = await openFile(file)
    const second = await seedDemo(h.db)
    expect(second.imported).toEqual([])
    expect(second.tokenCreated).toBe(false)
    expect(second.token).toBe(first.token)
    expect(await h.db.selectFrom('api_token').select('id').execute()).toHaveLength(1)
    expect(await h.db.selectFrom('scenario').select('id').execute()).toHaveLength(4)

    // the same file served without --demo: the demo token is refused, there is no session route
    const plain = appOn(h)
    expect((await get(plain, '/api/me', first.token)).status).toBe(401)
    expect((await get(plain, `/api/scenarios/${first.imported[0]}`, first.token)).status).toBe(401)
    expect((await get(plain, '/api/demo/session')).status).toBe(404)
    // the seed is audited, in its transaction, by the demo actor
    const audit = await h.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .orderBy('id')
      .execute()
    // the consortium, its scenarios and the token in one transaction; then the plan, the SLA documents and the
    // 外部サービス台帳, each through its own service
    expect(audit.map((a) => a.action).slice(0, 6)).toEqual([
      'consortium.create',
      'scenario.create',
      'scenario.create',
      'scenario.create',
      'scenario.create',
      'token.create',
    ])
    const rest = audit.map((a) => a.action).slice(6)
    for (const action of ['plan.create', 'sla.create', 'incidents.create', 'continuity.create'])
      expect(rest).toContain(action)
    expect(rest.filter((a) => a === 'service.import')).toHaveLength(5)
    expect(new Set(audit.map((a) => a.actor))).toEqual(new Set(['serve --demo']))
    await h.close()
  })

  it('a start that stopped before the plan, SLA files and 台帳 is completed by the next, never doubled', async () => {
    const file = join(dir, 'half-seeded.db')
    let h = await openFile(file)
    const first = await seedDemo(h.db)
    const counts = async () => ({
      plans: (await h.db.selectFrom('plan').select('id').execute()).length,
      sla: (await h.db.selectFrom('sla_document').select('kind').execute())
        .map((d) => d.kind)
        .sort(),
      services: (await h.db.selectFrom('external_service').select('id').execute()).length,
    })
    const full = await counts()
    expect(full).toEqual({ plans: 1, sla: ['continuity', 'incidents', 'sla'], services: 5 })
    // as if the first start had died after the scenarios: the extras are gone
    await h.db.deleteFrom('plan').execute()
    await h.db.deleteFrom('sla_document').where('kind', '!=', 'sla').execute()
    await h.db.deleteFrom('external_service').execute()
    await h.close()

    h = await openFile(file)
    const second = await seedDemo(h.db)
    expect(second.imported).toEqual([])
    expect(second.token).toBe(first.token)
    expect(await counts()).toEqual(full)
    // the incident log points at the SLA file that was kept
    const docs = await h.db.selectFrom('sla_document').select(['id', 'kind', 'sla_id']).execute()
    const sla = docs.find((d) => d.kind === 'sla')!
    expect(docs.find((d) => d.kind === 'incidents')!.sla_id).toBe(sla.id)
    // a third start adds nothing
    await seedDemo(h.db)
    expect(await counts()).toEqual(full)
    await h.close()
  })

  it('without --db, demo mode uses WARIKAN_DEMO_DB, never WARIKAN_DB', async () => {
    const { openDemoDatabase } = await import('../../packages/api/src/cli/database')
    const demoFile = join(dir, 'default-demo.db')
    const realFile = join(dir, 'default-real.db')
    const h = await openDemoDatabase(
      { positional: [], flags: new Map(), booleans: new Set(['demo']) },
      {
        stdout: () => {},
        stderr: () => {},
        stderrIsTTY: false,
        env: { WARIKAN_DEMO_DB: demoFile, WARIKAN_DB: realFile, DATABASE_URL: 'postgres://x/y' },
      },
    )
    expect(h.dialect).toBe('sqlite')
    await seedDemo(h.db)
    await h.close()
    const { existsSync } = await import('node:fs')
    expect(existsSync(demoFile)).toBe(true)
    expect(existsSync(realFile)).toBe(false)
  })
})
