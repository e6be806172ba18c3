/**
 * Stored 照会ログ imports as a planner meets them: a duplicate is the same rows (not the same bytes), the list
 * of imports, removing one (which restores the previous allocation exactly), every import and removal audited
 * in the same transaction; and the CSV edge cases found by the red team (a runaway field, CR-only line ends,
 * a Shift_JIS log whose first hundreds of KiB are ASCII, the encoding option over the API).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { allocate } from '../../packages/core/src'
import { trafficByteReader } from '../../packages/api/src/traffic/byte-reader'
import { stageTrafficFile } from '../../packages/api/src/traffic/traffic-stage'
import { readJsonFile } from '../../packages/api/src/cli/io'
import { listAudit } from '../../packages/api/src/audit/audit.service'
import { loadScenario } from '../../packages/api/src/scenario/scenario.service'
import {
  importTrafficFile,
  listTrafficImports,
  removeTrafficImport,
  storedRowCount,
  storedTraffic,
} from '../../packages/api/src/traffic/traffic.service'
import { importScenario, listScenarios } from '../../packages/api/src/scenario/scenario.service'
import { seedDemo } from '../../packages/api/src/http/demo-seed'
import { harness, type Harness } from '../api/api-harness'
import { cli } from '../helpers/cli'
import { testDatabases } from '../helpers/databases'

const dir = mkdtempSync(join(tmpdir(), 'warikan-imports-'))
let n = 0
const file = (content: string | Uint8Array) => {
  const path = join(dir, `log-${n++}.csv`)
  writeFileSync(path, content)
  return path
}
const SJIS = readFileSync('fixtures/traffic/kanagawa-2026-sample-sjis.csv')
/** the same rows as the Shift_JIS sample, in UTF-8 */
const SJIS_AS_UTF8 = new TextDecoder('shift_jis').decode(SJIS)
const SAMPLE = 'fixtures/traffic/kanagawa-2026-sample.csv'
const TRAFFIC_DOC = 'fixtures/demo/kanagawa-2026-traffic.json'
const H = 'timestamp,requester,provider,procedure,records,bytes\n'

for (const database of testDatabases()) {
  describe(`imports are rows, listed, removable, audited (${database.name})`, () => {
    let handle: Awaited<ReturnType<typeof database.create>> | undefined
    afterEach(async () => {
      await handle?.close()
      handle = undefined
    })
    const setup = async () => {
      handle = await database.create()
      const imported = await importScenario(handle.db, readJsonFile(TRAFFIC_DOC))
      if (!imported.ok) throw new Error('scenario import failed')
      return { db: handle.db, id: imported.value.id }
    }
    const allocation = async (db: NonNullable<typeof handle>['db'], id: number) => {
      const loaded = await loadScenario(db, id)
      if (!loaded?.ok) throw new Error('scenario')
      const traffic = await storedTraffic(db, id)
      const r = allocate(loaded.scenario, traffic ? { traffic } : {})
      if (!r.ok) throw new Error(JSON.stringify(r.issues))
      return r.value.output
    }

    it('the Shift_JIS copy of an imported UTF-8 log is refused; forced, it replaces (never doubles)', async () => {
      const { db, id } = await setup()
      const utf8 = await importTrafficFile(db, id, file(SJIS_AS_UTF8), { threads: 1 })
      expect(utf8).toMatchObject({ ok: true, rows: 3000, encoding: 'utf-8' })
      const copy = file(SJIS)
      const refused = await importTrafficFile(db, id, copy, { threads: 1 })
      expect(refused).toMatchObject({ ok: false, reason: 'duplicate' })
      expect(await storedRowCount(db, id)).toBe(3000)
      const forced = await importTrafficFile(db, id, copy, { threads: 1, force: true })
      expect(forced).toMatchObject({
        ok: true,
        encoding: 'shift_jis',
        replaced: [utf8.ok && utf8.importId],
      })
      expect(await storedRowCount(db, id)).toBe(3000)
      expect((await listTrafficImports(db, id))!.map((i) => i.encoding)).toEqual(['shift_jis'])
    })

    it('same rows in another spelling (column order, CRLF, quotes, timestamp form) are a duplicate; one changed row is not', async () => {
      const { db, id } = await setup()
      const rows = [
        ['2026-06-01T09:00:00+09:00', '143014', 'MHLW', '2-27', '1', '100'],
        ['2026-06-02T10:30:00+09:00', 'MHLW', '143219', '住民票', '2', '200'],
      ]
      const a = H + rows.map((r) => r.join(',')).join('\n') + '\n'
      const b =
        'bytes,records,procedure,provider,requester,timestamp\r\n' +
        rows
          .map((r) =>
            [
              r[5],
              r[4],
              `"${r[3]}"`,
              r[2],
              r[1],
              r[0]!.replace(/-/g, '/').replace('T', ' ').slice(0, 19),
            ].join(','),
          )
          .join('\r\n') +
        '\r\n'
      expect((await importTrafficFile(db, id, file(a))).ok).toBe(true)
      expect(await importTrafficFile(db, id, file(b))).toMatchObject({
        ok: false,
        reason: 'duplicate',
      })
      const changed = a.replace(',2,200', ',3,200')
      expect(await importTrafficFile(db, id, file(changed))).toMatchObject({ ok: true })
    })

    it('the list shows file, rows, period, hashes, who and when; removing an import restores the previous allocation exactly', async () => {
      const { db, id } = await setup()
      const first = await importTrafficFile(db, id, SAMPLE, { threads: 1 })
      if (!first.ok) throw new Error('first import')
      const before = await allocation(db, id)
      const extra = file(
        H +
          '2026-06-01T09:00:00+09:00,143014,143219,2-27,1,100\n'.repeat(400) +
          '2026-07-15T12:00:00+09:00,143219,143014,2-27,5,100\n',
      )
      const second = await importTrafficFile(db, id, extra, {
        threads: 1,
        actor: { tokenId: null, name: '事務局 山田' },
        fileName: 'extra.csv',
      })
      if (!second.ok) throw new Error('second import')
      const during = await allocation(db, id)
      expect(during).not.toEqual(before)
      const list = await listTrafficImports(db, id)
      expect(list).toHaveLength(2)
      expect(list![1]).toMatchObject({
        id: second.importId,
        fileName: 'extra.csv',
        rows: 401,
        encoding: 'utf-8',
        sha256: second.sha256,
        recordsSha256: second.recordsSha256,
        firstAt: Date.parse('2026-06-01T00:00:00Z'),
        lastAt: Date.parse('2026-07-15T03:00:00Z'),
        importedBy: '事務局 山田',
      })
      expect(list![0]).toMatchObject({ fileName: SAMPLE, importedBy: 'cli', rows: 3000 })
      const removed = await removeTrafficImport(db, id, second.importId)
      expect(removed).toMatchObject({ ok: true, removed: { id: second.importId } })
      expect(await allocation(db, id)).toEqual(before)
      expect(await storedRowCount(db, id)).toBe(3000)
      expect(await removeTrafficImport(db, id, second.importId)).toEqual({
        ok: false,
        reason: 'no-import',
      })
      const audit = await listAudit(db, { scenarioId: id })
      expect(audit.map((e) => e.action)).toEqual([
        'traffic.remove',
        'traffic.import',
        'traffic.import',
        ...audit.slice(3).map((e) => e.action),
      ])
      expect(audit[0]).toMatchObject({
        target: `traffic_import:${second.importId}`,
        before: { fileName: 'extra.csv', rows: 401 },
      })
      expect(audit[1]).toMatchObject({
        actor: '事務局 山田',
        after: { file: 'extra.csv', rows: 401, importId: second.importId },
      })
    })
  })
}

describe.each(testDatabases())('audit in the same transaction ($name)', (database) => {
  it('the demo seed imports its sample log through the same service: audited with the import', async () => {
    const handle = await database.create()
    try {
      await seedDemo(handle.db)
      const withTraffic = []
      for (const s of await listScenarios(handle.db)) {
        const imports = await listTrafficImports(handle.db, s.id)
        if (imports?.length) withTraffic.push({ id: s.id, importId: imports[0]!.id })
      }
      // the landing scenario and the 利用実績割 one both carry the sample log, each import audited
      expect(withTraffic).toHaveLength(2)
      for (const w of withTraffic) {
        const audit = await listAudit(handle.db, { scenarioId: w.id })
        expect(audit).toContainEqual(
          expect.objectContaining({
            action: 'traffic.import',
            actor: 'serve --demo',
            target: `traffic_import:${w.importId}`,
            after: expect.objectContaining({ rows: 3000 }),
          }),
        )
      }
    } finally {
      await handle.close()
    }
  })

  it('when the audit entry cannot be written, the import is not stored either', async () => {
    const handle = await database.create()
    try {
      const imported = await importScenario(handle.db, readJsonFile(TRAFFIC_DOC))
      if (!imported.ok) throw new Error('scenario')
      await handle.db.schema.dropTable('audit_log').execute() // every audit insert now fails
      await expect(importTrafficFile(handle.db, imported.value.id, SAMPLE)).rejects.toThrow(
        /audit_log/,
      )
      expect(await storedRowCount(handle.db, imported.value.id)).toBe(0)
      expect(await listTrafficImports(handle.db, imported.value.id)).toEqual([])
    } finally {
      await handle.close()
    }
  })
})

describe('CLI: db import-traffic is audited; db imports lists; db remove-import removes', () => {
  it('import, list (table and json), remove, with audit entries; bad ids are usage errors', async () => {
    const db = join(dir, `cli-${n++}.db`)
    expect((await cli(['db', 'import', TRAFFIC_DOC, '--db', db])).code).toBe(0)
    const imported = await cli(['db', 'import-traffic', '1', SAMPLE, '--db', db])
    expect(imported.code).toBe(0)
    const importId = Number(imported.stdout.trim())
    const table = await cli(['db', 'imports', '1', '--db', db])
    expect(table.code).toBe(0)
    expect(table.stdout).toContain(SAMPLE)
    expect(table.stdout).toContain('3,000')
    const json = JSON.parse(
      (await cli(['db', 'imports', '1', '--format', 'json', '--db', db])).stdout,
    )
    expect(json).toEqual([
      expect.objectContaining({ id: importId, fileName: SAMPLE, rows: 3000, importedBy: 'cli' }),
    ])
    const usage = await cli(['db', 'remove-import', '1', 'x', '--db', db])
    expect(usage.code).toBe(2)
    const missing = await cli(['db', 'remove-import', '1', '999', '--db', db])
    expect(missing.code).toBe(3)
    expect(missing.stderr).toContain('取込 999 はありません')
    const removed = await cli(['db', 'remove-import', '1', String(importId), '--db', db])
    expect(removed.code).toBe(0)
    expect(removed.stdout).toBe('')
    expect(
      JSON.parse((await cli(['db', 'imports', '1', '--format', 'json', '--db', db])).stdout),
    ).toEqual([])
    const { createDb } = await import('../../packages/api/src/db/create-db')
    const h = createDb({ file: db })
    try {
      const audit = await listAudit(h.db, { scenarioId: 1 })
      expect(audit.slice(0, 2).map((e) => [e.action, e.actor])).toEqual([
        ['traffic.remove', 'cli'],
        ['traffic.import', 'cli'],
      ])
    } finally {
      await h.close()
    }
  })
})

describe('CSV edge cases', () => {
  const read = (
    bytes: Uint8Array,
    chunk = 64 * 1024,
    encoding: 'utf-8' | 'shift_jis' = 'utf-8',
  ) => {
    const reader = trafficByteReader(encoding)
    for (let at = 0; at < bytes.length && !reader.failed; at += chunk)
      reader.push(bytes.subarray(at, at + chunk))
    return reader.end()
  }
  const enc = (s: string) => new TextEncoder().encode(s)

  it('a 16 MiB field is refused at once, naming its line (work linear in its length)', () => {
    const field = 'x'.repeat(16 * 1024 * 1024)
    for (const text of [
      H +
        '2026-06-01T09:00:00+09:00,143014,143219,2-27,1,1\n' +
        `2026-06-01T09:00:00+09:00,143014,143219,"${field}`,
      H +
        '2026-06-01T09:00:00+09:00,143014,143219,2-27,1,1\n' +
        `2026-06-01T09:00:00+09:00,143014,143219,${field},1,1\n`,
    ]) {
      const t0 = performance.now()
      const r = read(enc(text))
      expect(performance.now() - t0).toBeLessThan(2000)
      expect(r).toMatchObject({ ok: false, problem: { line: 3, field: 'line' } })
      if (!r.ok) expect(r.problem.message).toContain('65,536 バイトを超えています')
    }
  })

  it('a quoted 事務番号 in an otherwise plain row is stored as written', () => {
    const path = file(H + '2026-06-01T09:00:00+09:00,143014,143219,"2-27",1,1\n')
    const staged = stageTrafficFile({ file: path, stageFile: `${path}.f64`, encoding: undefined })
    expect(staged).toMatchObject({ ok: true, rows: 1, procedures: ['2-27'] })
  })

  it('a long but legal row is read', () => {
    const procedure = 'あ'.repeat(10_000) // 30,000 bytes
    const r = read(enc(H + `2026-06-01T09:00:00+09:00,143014,143219,"${procedure}",1,1\n`), 4096)
    expect(r).toMatchObject({ ok: true, rows: 1 })
  })

  it('CR-only line ends are refused with a clear message, not read as 0 rows', async () => {
    const crOnly = (H + '2026-06-01T09:00:00+09:00,143014,143219,2-27,1,1\n').replace(/\n/g, '\r')
    const r = read(enc(crOnly))
    expect(r).toMatchObject({ ok: false, problem: { line: 1, field: 'line' } })
    if (!r.ok) expect(r.problem.message).toContain('改行が CR だけです')
    // a CR-only row after LF rows: named at its line
    const mixed =
      H +
      '2026-06-01T09:00:00+09:00,143014,143219,2-27,1,1\n' +
      '2026-06-01T09:00:00+09:00,143014,143219,2-27,1,1\r2026-06-01T09:00:00+09:00,143014,143219,2-27,1,1\n'
    expect(read(enc(mixed))).toMatchObject({ ok: false, problem: { line: 3 } })
    // CRLF is fine
    expect(read(enc(crOnly.replace(/\r/g, '\r\n')))).toMatchObject({ ok: true, rows: 1 })
    const cliRun = await cli(['traffic', file(crOnly)])
    expect(cliRun.code).not.toBe(0)
    expect(cliRun.stdout).toBe('')
    expect(cliRun.stderr).toContain('line 1')
  })

  it('a Shift_JIS log whose first 1.5 MiB are ASCII is detected as Shift_JIS (file and upload)', async () => {
    const ascii = enc(
      'timestamp,requester,provider,procedure,records,bytes\n' +
        '2026-06-01T09:00:00+09:00,143014,143219,2-27,1,100\n'.repeat(32_000),
    )
    expect(ascii.length).toBeGreaterThan(1.5 * 1024 * 1024)
    const body = SJIS.subarray(SJIS.indexOf(10) + 1) // the sample's rows, without its Japanese header
    const log = new Uint8Array(ascii.length + body.length)
    log.set(ascii)
    log.set(body, ascii.length)
    const path = file(log)
    const summed = await cli(['traffic', path, '--format', 'json'])
    expect(summed.code).toBe(0)
    expect(JSON.parse(summed.stdout).rows).toBe(35_000)
    const db = join(dir, `sjis-${n++}.db`)
    expect((await cli(['db', 'import', TRAFFIC_DOC, '--db', db])).code).toBe(0)
    const imported = await cli(['db', 'import-traffic', '1', path, '--db', db])
    expect(imported.code).toBe(0)
    const list = JSON.parse(
      (await cli(['db', 'imports', '1', '--format', 'json', '--db', db])).stdout,
    )
    expect(list[0]).toMatchObject({ rows: 35_000, encoding: 'shift_jis' })
  })
})

describe.each(testDatabases())(
  'API: ?encoding, the list of imports and DELETE ($name)',
  (database) => {
    let h: Harness
    let id: number
    const upload = (body: Uint8Array | string, query = '', token = h.tokens.editor) =>
      h.app.request(`/api/scenarios/${id}/traffic${query}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'text/csv',
          'X-Filename': 'sjis.csv',
        },
        body: body as unknown as BodyInit,
      })
    beforeEach(async () => {
      h = await harness(database)
      const r = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
        token: h.tokens.admin,
        body: JSON.parse(readFileSync(TRAFFIC_DOC, 'utf8')),
      })
      id = r.body.id
    })
    afterEach(() => h.close())

    it('?encoding=utf-8 on a Shift_JIS log: 422 naming the line; ?encoding=shift_jis and auto: stored', async () => {
      const wrong = await upload(SJIS, '?encoding=utf-8')
      expect(wrong.status).toBe(422)
      const body = await wrong.json()
      expect(body.error.details[0]).toMatchObject({ file: 'sjis.csv', line: 1 })
      expect((await upload(SJIS, '?encoding=nonsense')).status).toBe(422)
      const right = await upload(SJIS, '?encoding=shift_jis')
      expect(right.status).toBe(201)
      expect(await right.json()).toMatchObject({ rows: 3000, summary: { encoding: 'shift_jis' } })
      // the UTF-8 copy (auto-detected) is the same rows: refused
      const copy = await upload(SJIS_AS_UTF8)
      expect(copy.status).toBe(409)
    })

    it('GET …/traffic/imports lists; DELETE removes (editor+, audited); a viewer cannot remove', async () => {
      const up = await upload(SJIS)
      const { summary } = await up.json()
      const list = await h.request('GET', `/api/scenarios/${id}/traffic/imports`, {
        token: h.tokens.viewer,
      })
      expect(list.status).toBe(200)
      expect(list.body.imports).toEqual([
        {
          id: summary.importId,
          fileName: 'sjis.csv',
          rows: 3000,
          encoding: 'shift_jis',
          sha256: summary.sha256,
          recordsSha256: summary.recordsSha256,
          periodFrom: '2026-04-01T08:19:43+09:00', // the sample's earliest and latest row (FY 2026)
          periodTo: '2027-03-28T17:45:13+09:00',
          importedBy: 'editor-token',
          importedAt: expect.any(String),
        },
      ])
      const path = `/api/scenarios/${id}/traffic/imports/${summary.importId}`
      expect((await h.request('DELETE', path, { token: h.tokens.viewer })).status).toBe(403)
      const del = await h.request('DELETE', path, { token: h.tokens.editor })
      expect(del.status).toBe(200)
      expect(del.body.removed).toMatchObject({ id: summary.importId, rows: 3000 })
      expect((await h.request('DELETE', path, { token: h.tokens.editor })).status).toBe(404)
      const t = await h.request('GET', `/api/scenarios/${id}/traffic`, { token: h.tokens.viewer })
      expect(t.body.rows).toBe(0)
      const audit = await h.request('GET', `/api/scenarios/${id}/audit`, { token: h.tokens.admin })
      expect(audit.body[0]).toMatchObject({ action: 'traffic.remove', actor: 'editor-token' })
      expect(audit.body[1]).toMatchObject({ action: 'traffic.import', actor: 'editor-token' })
      // another consortium's admin is refused
      expect(
        (
          await h.request('GET', `/api/scenarios/${id}/traffic/imports`, {
            token: h.tokens.outsider,
          })
        ).status,
      ).toBe(403)
    })
  },
)
