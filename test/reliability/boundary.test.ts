/**
 * Every bad input at the boundary is a clear 4xx (CLI: exit 2, nothing on stdout) with nothing changed
 * (issue 15, findings 9 and 10): strict UTF-8, NUL and lone surrogates, integers beyond 2^53 − 1 and their
 * sums, real calendar dates, strict decimal ids, a nesting limit, 415, and 503 for a busy or full database.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../packages/api/src/app'
import { CLI_ACTOR } from '../../packages/api/src/audit/audit.service'
import { createApiToken } from '../../packages/api/src/auth/auth.service'
import { createDb } from '../../packages/api/src/db/create-db'
import { migrateOrThrow } from '../../packages/api/src/db/migrate'
import { readEnv } from '../../packages/api/src/env'
import { cli } from '../helpers/cli'
import { rawSql } from '../helpers/raw-sql'
import { testDatabases } from '../helpers/databases'
import { DEMO_DOC, harness, type Harness } from '../api/api-harness'

const dir = mkdtempSync(join(tmpdir(), 'warikan-boundary-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const DEMO_TEXT = readFileSync('fixtures/demo/kanagawa-2026.json', 'utf8')
const demo = () => structuredClone(DEMO_DOC) as any // eslint-disable-line @typescript-eslint/no-explicit-any

/** The demo with one string replaced by a raw JSON fragment (escapes such as \u0000 kept as text). */
const withName = (fragment: string) => DEMO_TEXT.replace('"name": "葉山町"', `"name": ${fragment}`)

const BAD_STRINGS: Array<[string, string]> = [
  ['NUL escape', '"葉山\\u0000町"'],
  ['lone high surrogate', '"葉山\\ud800町"'],
  ['lone low surrogate', '"\\udc00"'],
  ['reversed pair', '"\\udc00\\ud800"'],
]

const encoder = new TextEncoder()
const INVALID_UTF8: Array<[string, Uint8Array, number]> = (() => {
  const prefix = encoder.encode('{"version": 1, "x": "')
  const at = prefix.length
  const make = (bad: number[]) => new Uint8Array([...prefix, ...bad, ...encoder.encode('"}')])
  return [
    ['stray continuation byte', make([0x80]), at],
    ['overlong slash', make([0xc0, 0xaf]), at],
    ['encoded surrogate', make([0xed, 0xa0, 0x80]), at + 1],
    ['beyond U+10FFFF', make([0xf4, 0x90, 0x80, 0x80]), at + 1],
    ['truncated sequence', make([0xe3, 0x81]), at + 2],
    ['Shift_JIS 葉山町', make([0x97, 0x74, 0x8e, 0x52, 0x92, 0xac]), at],
    ['Latin-1 é', make([0xe9]), at + 1],
  ]
})()

let cases = 0
let rejected = 0
const count = (ok: boolean) => {
  cases++
  if (ok) rejected++
}

describe.each(testDatabases())('API boundary on $name', (database) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(database)
  })
  afterEach(() => h.close())

  const scenarios = async () =>
    (
      await h.request('GET', `/api/consortia/${h.consortiumId}/scenarios`, {
        token: h.tokens.admin,
      })
    ).body.length as number

  it.each(INVALID_UTF8)('invalid UTF-8 (%s) → 400 naming the byte offset', async (_, bytes, at) => {
    for (const path of ['/api/allocate', `/api/consortia/${h.consortiumId}/scenarios`]) {
      const res = await h.app.request(path, {
        method: 'POST',
        headers: { Authorization: `Bearer ${h.tokens.admin}`, 'Content-Type': 'application/json' },
        body: Buffer.from(bytes),
      })
      const body = (await res.json()) as { error: { message: string } }
      expect(res.status).toBe(400)
      expect(body.error.message).toContain(`byte offset ${at}`)
      count(res.status === 400)
    }
    expect(await scenarios()).toBe(1)
  })

  it.each(BAD_STRINGS)(
    '%s in a string → 422 with its path, nothing stored',
    async (_, fragment) => {
      const r = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
        token: h.tokens.editor,
        body: withName(fragment),
      })
      expect(r.status).toBe(422)
      expect(r.body.error.details[0].path).toBe('members[0].name')
      count(r.status === 422)
      // as a key, too
      const key = await h.request('POST', '/api/allocate', {
        token: h.tokens.member,
        body: DEMO_TEXT.replace('"terminals": 123', `${fragment}: 1, "terminals": 123`),
      })
      expect(key.status).toBe(422)
      count(key.status === 422)
      expect(await scenarios()).toBe(1)
    },
  )

  it('NUL in a query value (the title) → 400, nothing stored', async () => {
    const r = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios?title=a%00b`, {
      token: h.tokens.editor,
      body: demo(),
    })
    expect(r.status).toBe(400)
    count(r.status === 400)
    expect(await scenarios()).toBe(1)
  })

  it('integers beyond 2^53 − 1, and amounts whose sum is, are refused', async () => {
    const big = DEMO_TEXT.replace(/"amount": \d+/, '"amount": 9007199254740993')
    const r1 = await h.request('POST', '/api/allocate', { token: h.tokens.member, body: big })
    expect(r1.status).toBe(422)
    expect(r1.body.error.details[0].path).toBe('costs[0].amount')
    const sum = demo()
    sum.costs[0].amount = Number.MAX_SAFE_INTEGER - 10
    sum.costs[1].amount = 1000
    const r2 = await h.request('POST', '/api/allocate', { token: h.tokens.member, body: sum })
    expect(r2.status).toBe(422)
    expect(r2.body.error.details.map((d: { path: string }) => d.path)).toContain('costs')
    const pop = DEMO_TEXT.replace('"population": 32096', '"population": 1e300')
    const r3 = await h.request('POST', '/api/allocate', { token: h.tokens.member, body: pop })
    expect(r3.status).toBe(422)
    for (const r of [r1, r2, r3]) count(r.status === 422)
  })

  it.each(['2026-13-45', '2027-02-29', '2026-04-31', '2026-00-10'])(
    'populationDate %s → 422',
    async (date) => {
      const doc = demo()
      doc.populationDate = date
      const r = await h.request('POST', '/api/allocate', { token: h.tokens.member, body: doc })
      expect(r.status).toBe(422)
      expect(r.body.error.details[0].path).toBe('populationDate')
      count(r.status === 422)
    },
  )

  it('a real leap day is fine', async () => {
    const doc = demo()
    doc.populationDate = '2028-02-29'
    expect(
      (await h.request('POST', '/api/allocate', { token: h.tokens.member, body: doc })).status,
    ).toBe(200)
  })

  it.each(['0x1', '%201', '1%20', '1e0', '01', '+1', '1.0', '-1', '１', '9007199254740993'])(
    'scenario id %s is no id: 404, and a DELETE of it deletes nothing',
    async (id) => {
      const target = `/api/scenarios/${id.replace('1', String(h.scenarioId))}`
      const got = await h.request('GET', target, { token: h.tokens.admin })
      expect(got.status).toBe(404)
      const del = await h.request('DELETE', target, { token: h.tokens.admin })
      expect(del.status).toBe(404)
      count(got.status === 404 && del.status === 404)
      expect(
        (await h.request('GET', `/api/scenarios/${h.scenarioId}`, { token: h.tokens.admin }))
          .status,
      ).toBe(200)
    },
  )

  it('nesting deeper than 64 → 400; 64 deep is read (and then validated)', async () => {
    const nested = (n: number) => `{"version": 1, "x": ${'['.repeat(n)}${']'.repeat(n)}}`
    const deep = await h.request('POST', '/api/allocate', {
      token: h.tokens.member,
      body: nested(100_000),
    })
    expect(deep.status).toBe(400)
    expect(deep.body.error.message).toContain('64')
    const ok = await h.request('POST', '/api/allocate', {
      token: h.tokens.member,
      body: nested(63),
    })
    expect(ok.status).toBe(422)
    count(deep.status === 400)
  })

  it.each([
    ['text/plain', 'text/plain'],
    ['form', 'application/x-www-form-urlencoded'],
    ['Shift_JIS JSON', 'application/json; charset=shift_jis'],
    ['multipart', 'multipart/form-data; boundary=x'],
  ])('a JSON route with Content-Type %s → 415', async (_, type) => {
    const r = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.editor,
      body: JSON.stringify(demo()),
      headers: { 'Content-Type': type },
    })
    expect(r.status).toBe(415)
    expect(r.body.error.code).toBe('unsupported_media_type')
    count(r.status === 415)
    expect(await scenarios()).toBe(1)
  })

  it('JSON with charset=utf-8 and +json types are accepted', async () => {
    for (const type of ['application/json; charset=UTF-8', 'application/merge-patch+json']) {
      const r = await h.request('POST', '/api/allocate', {
        token: h.tokens.member,
        body: demo(),
        headers: { 'Content-Type': type },
      })
      expect(r.status).toBe(200)
    }
  })
})

describe('503 when SQLite is busy or the disk is full, with nothing changed', () => {
  async function fileApp(name: string) {
    const file = join(dir, name)
    const handle = createDb({ file })
    await migrateOrThrow(handle.db)
    const made = await createApiToken(
      handle.db,
      { consortium: '例示協議会', role: 'admin', expires: 'never' },
      CLI_ACTOR,
    )
    if (!made.ok) throw new Error(made.message)
    const app = createApp({
      db: handle.db,
      dialect: 'sqlite',
      env: readEnv({}),
      log: (l) => process.env['DEBUG_LOG'] && console.log(l),
    })
    const post = () =>
      app.request(`/api/consortia/${made.consortiumId}/scenarios`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${made.token}`, 'Content-Type': 'application/json' },
        body: DEMO_TEXT,
      })
    const count = async () =>
      (await handle.db.selectFrom('scenario').select('id').execute()).length +
      (await handle.db.selectFrom('audit_log').select('id').execute()).length
    return { file, handle, post, count }
  }

  it('SQLITE_BUSY: another writer holds the lock → 503 with Retry-After', async () => {
    const t = await fileApp('busy.db')
    await rawSql(t.handle.db, 'PRAGMA busy_timeout = 100')
    const before = await t.count()
    // another connection (as another process would) holds the write lock in an open transaction
    const other = createDb({ file: t.file })
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    let locked!: () => void
    const isLocked = new Promise<void>((r) => (locked = r))
    const holder = other.db.transaction().execute(async (trx) => {
      await trx.insertInto('consortium').values({ name: '他の書き込み' }).execute()
      locked()
      await held
      throw new Error('rolled back on purpose')
    })
    await isLocked
    const res = await t.post()
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unavailable')
    release()
    await expect(holder).rejects.toThrow('rolled back on purpose')
    await other.close()
    expect(await t.count()).toBe(before)
    expect((await t.post()).status).toBe(201)
    count(res.status === 503)
    await t.handle.close()
  })

  it('SQLITE_FULL: the database cannot grow → 503, nothing stored', async () => {
    const t = await fileApp('full.db')
    await rawSql(t.handle.db, 'VACUUM') // no free pages left to reuse
    const pages = await rawSql<{ page_count: number }>(t.handle.db, 'PRAGMA page_count')
    await rawSql(t.handle.db, `PRAGMA max_page_count = ${pages[0]!.page_count + 2}`)
    // saves fill the remaining room; the first one that does not fit is a 503 that changed nothing
    let res: Response | undefined
    let before = 0
    for (let i = 0; i < 200; i++) {
      before = await t.count()
      res = await t.post()
      if (res.status !== 201) break
    }
    expect(res!.status).toBe(503)
    expect(res!.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(await t.count()).toBe(before)
    await rawSql(t.handle.db, 'PRAGMA max_page_count = 1073741823')
    expect((await t.post()).status).toBe(201)
    count(res!.status === 503)
    await t.handle.close()
  })
})

describe('CLI boundary', () => {
  const file = (name: string, content: string | Uint8Array) => {
    const f = join(dir, name)
    writeFileSync(f, content)
    return f
  }
  const refused = async (f: string, pattern: RegExp) => {
    for (const args of [
      ['allocate', f],
      ['db', 'import', f, '--db', join(dir, 'cli.db')],
    ]) {
      const r = await cli(args)
      expect(r.code, r.stderr).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain(f)
      expect(r.stderr).toMatch(pattern)
      count(r.code === 2 && r.stdout === '')
    }
  }

  it.each(INVALID_UTF8)('invalid UTF-8 (%s) → exit 2 naming the byte', async (label, bytes, at) => {
    await refused(file(`utf8-${label.replaceAll(' ', '-')}.json`, bytes), new RegExp(`byte ${at}`))
  })

  it.each(BAD_STRINGS)('%s → exit 2 with the path', async (label, fragment) => {
    await refused(
      file(`str-${label.replaceAll(' ', '-')}.json`, withName(fragment)),
      /members\[0\]\.name/,
    )
  })

  it('beyond 2^53, a false date, deep nesting → exit 2', async () => {
    await refused(
      file('big.json', DEMO_TEXT.replace(/"amount": \d+/, '"amount": 90071992547409930')),
      /costs\[0\]\.amount/,
    )
    await refused(
      file(
        'date.json',
        DEMO_TEXT.replace('"populationDate": "2015-10-01"', '"populationDate": "2026-13-45"'),
      ),
      /populationDate/,
    )
    await refused(file('deep.json', `${'['.repeat(1000)}${']'.repeat(1000)}`), /64/)
    const list = await cli(['db', 'list', '--db', join(dir, 'cli.db')])
    expect(list.stdout).not.toMatch(/^\s*\d+\s/m)
  })
})

afterAll(() => {
  // the closing note's figures
  process.stderr.write(`boundary: ${cases} cases tried, ${rejected} rejected cleanly\n`)
})
