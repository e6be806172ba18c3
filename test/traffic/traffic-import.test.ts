import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createDb, type Db } from '../../packages/api/src/db/create-db'
import { migrateOrThrow } from '../../packages/api/src/db/migrate'
import { importScenario } from '../../packages/api/src/scenario/scenario.service'
import {
  importTrafficFile,
  storedRowCount,
  storedTraffic,
} from '../../packages/api/src/traffic/traffic.service'
import { readJsonFile } from '../../packages/api/src/cli/io'
import { testDatabases } from '../helpers/databases'
import { cli } from '../helpers/cli'

const dir = mkdtempSync(join(tmpdir(), 'warikan-traffic-db-'))
let n = 0
const file = (content: string) => {
  const path = join(dir, `log-${n++}.csv`)
  writeFileSync(path, content)
  return path
}
const H = 'timestamp,requester,provider,procedure,records,bytes\n'
const row = (req: string, prov: string, records = 1) =>
  `2026-06-01T09:00:00+09:00,${req},${prov},2-27,${records},100\n`

// one path everywhere; a SQLite file on disk (WAL) also stages in a worker thread
const sqliteFile = {
  name: 'sqlite file',
  create: async (): Promise<Db> => {
    const handle = createDb({ file: join(dir, `db-${n++}.db`) })
    await migrateOrThrow(handle.db)
    return handle
  },
}

for (const target of [...testDatabases(), sqliteFile]) {
  describe(`stored traffic imports (${target.name})`, () => {
    let handle: Db | undefined
    afterEach(async () => {
      await handle?.close()
      handle = undefined
    })
    const setup = async () => {
      handle = await target.create()
      const imported = await importScenario(
        handle.db,
        readJsonFile('fixtures/demo/kanagawa-2026-traffic.json'),
      )
      if (!imported.ok) throw new Error('scenario import failed')
      return { db: handle.db, id: imported.value.id }
    }

    it('imports rows and sums; a failing file leaves the row count unchanged', async () => {
      const { db, id } = await setup()
      const good = file(H + row('143014', 'MHLW') + row('MHLW', '143219', 3))
      const first = await importTrafficFile(db, id, good)
      expect(first).toMatchObject({ ok: true, rows: 2 })
      expect(await storedRowCount(db, id)).toBe(2)
      // 2,500 good rows (written in several batches) then a bad one on line 2,502
      const bad = file(H + row('143014', '143219').repeat(2500) + row('143014', 'MHLW', 0))
      const failed = await importTrafficFile(db, id, bad)
      expect(failed).toMatchObject({
        ok: false,
        reason: 'invalid',
        problem: { line: 2502, field: 'records' },
      })
      expect(await storedRowCount(db, id)).toBe(2)
      expect(await storedTraffic(db, id)).toEqual({
        rows: 2,
        pairs: [
          { requester: '143014', provider: 'MHLW', queries: 1, records: 1, bytes: 100 },
          { requester: 'MHLW', provider: '143219', queries: 1, records: 3, bytes: 100 },
        ],
      })
    })

    it('rows keep their codes through the lookup tables, on one thread and with the parse in a worker', async () => {
      const { db, id } = await setup()
      // 20,000 rows: several worker batches (8,192 rows); no procedure column on the second file (stored as '')
      const big = file(H + (row('143014', 'MHLW') + row('MHLW', '143219', 3)).repeat(10_000))
      const bare = file('timestamp,requester,provider\n2026-06-01T09:00:00+09:00,143014,143413\n')
      for (const threads of [1, 2]) {
        const r = await importTrafficFile(db, id, big, { threads, force: true })
        expect(r).toMatchObject({ ok: true, rows: 20_000 })
      }
      expect((await importTrafficFile(db, id, bare)).ok).toBe(true)
      const stored = await db
        .selectFrom('traffic_row')
        .innerJoin('traffic_institution as q', 'q.id', 'traffic_row.requester_id')
        .innerJoin('traffic_institution as p', 'p.id', 'traffic_row.provider_id')
        .innerJoin('traffic_procedure as c', 'c.id', 'traffic_row.procedure_id')
        .select([
          'traffic_row.line',
          'q.code as requester',
          'p.code as provider',
          'c.code as procedure',
        ])
        .where('traffic_row.line', 'in', [2, 3, 20_001])
        .orderBy('traffic_row.line')
        .orderBy('q.code')
        .orderBy('p.code', 'desc')
        .execute()
      expect(stored.map((r) => [Number(r.line), r.requester, r.provider, r.procedure])).toEqual([
        [2, '143014', 'MHLW', '2-27'],
        [2, '143014', '143413', ''],
        [3, 'MHLW', '143219', '2-27'],
        [20_001, 'MHLW', '143219', '2-27'],
      ])
      expect(await storedRowCount(db, id)).toBe(20_001) // the forced re-import replaced the first
    })

    it('the same content is refused unless forced (then it replaces, never doubles)', async () => {
      const { db, id } = await setup()
      const content = H + row('143014', 'MHLW') + row('143219', '143014')
      const a = file(content)
      const b = file(content) // another name, same bytes
      expect((await importTrafficFile(db, id, a)).ok).toBe(true)
      expect(await importTrafficFile(db, id, b)).toMatchObject({ ok: false, reason: 'duplicate' })
      expect(await storedRowCount(db, id)).toBe(2)
      expect(await importTrafficFile(db, id, b, { force: true })).toMatchObject({
        ok: true,
        replaced: [expect.any(Number)],
      })
      expect(await storedRowCount(db, id)).toBe(2)
      expect((await storedTraffic(db, id))?.rows).toBe(2)
      // different content adds up
      expect((await importTrafficFile(db, id, file(H + row('143014', 'MHLW')))).ok).toBe(true)
      expect((await storedTraffic(db, id))?.pairs[0]).toMatchObject({ queries: 2 })
    })

    it('unknown scenario', async () => {
      const { db } = await setup()
      expect(await importTrafficFile(db, 9999, file(H))).toEqual({
        ok: false,
        reason: 'no-scenario',
      })
    })
  })
}

describe('db import-traffic / db allocate (CLI, SQLite file)', () => {
  it('stored allocation equals allocate --traffic; bad file: exit ≠ 0, nothing stored', async () => {
    const db = join(dir, `cli-${n++}.db`)
    const sample = 'fixtures/traffic/kanagawa-2026-sample.csv'
    const scenario = 'fixtures/demo/kanagawa-2026-traffic.json'
    expect((await cli(['db', 'import', scenario, '--db', db])).stdout.trim()).toBe('1')
    const imported = await cli(['db', 'import-traffic', '1', sample, '--db', db])
    expect(imported.code).toBe(0)
    const again = await cli(['db', 'import-traffic', '1', sample, '--db', db])
    expect(again.code).not.toBe(0)
    expect(again.stdout).toBe('')
    const bad = file(H + row('143014', 'MHLW') + '2026-06-01T09:00:00+09:00,143014\n')
    const failed = await cli(['db', 'import-traffic', '1', bad, '--db', db])
    expect(failed.code).not.toBe(0)
    expect(failed.stdout).toBe('')
    expect(failed.stderr).toContain(`${bad}: line 3, columns`)
    const stored = await cli(['db', 'allocate', '1', '--format', 'json', '--db', db])
    const direct = await cli(['allocate', scenario, '--traffic', sample, '--format', 'json'])
    expect(stored.code).toBe(0)
    expect(stored.stdout).toBe(direct.stdout)
  })
})
