import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  exportScenario,
  importScenario,
  listScenarios,
} from '../../packages/api/src/scenario/scenario.service'
import { listAudit } from '../../packages/api/src/audit/audit.service'
import { cli } from '../helpers/cli'
import { testDatabases } from '../helpers/databases'

const DEMO = 'fixtures/demo/kanagawa-2026.json'
const TRAFFIC_DEMO = 'fixtures/demo/kanagawa-2026-traffic.json'

describe('warikan db (SQLite file through the CLI)', () => {
  it('init, import, list and export give back an equal JSON value', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'warikan-db-')), 'w.db')
    expect((await cli(['db', 'init', '--db', db])).code).toBe(0)
    const imported = await cli(['db', 'import', DEMO, '--db', db])
    expect(imported.code).toBe(0)
    const id = imported.stdout.trim()
    expect(id).toBe('1')
    const list = JSON.parse((await cli(['db', 'list', '--format', 'json', '--db', db])).stdout)
    expect(list).toMatchObject([
      { id: 1, consortium: '神奈川県町村情報システム共同事業組合', members: 14, costs: 9 },
    ])
    const exported = await cli(['db', 'export', id, '--db', db])
    expect(JSON.parse(exported.stdout)).toEqual(JSON.parse(readFileSync(DEMO, 'utf8')))
  })

  it('the database path can come from WARIKAN_DB', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'warikan-db-')), 'env.db')
    expect((await cli(['db', 'import', DEMO], { WARIKAN_DB: db })).code).toBe(0)
    expect((await cli(['db', 'export', '1', '--db', db])).code).toBe(0)
  })

  it('a rejected import writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warikan-db-'))
    const db = join(dir, 'w.db')
    const bad = JSON.parse(readFileSync(DEMO, 'utf8'))
    bad.costs[3].rule.scaledPopulation.exponent = 1.5
    const file = join(dir, 'bad.json')
    writeFileSync(file, JSON.stringify(bad))
    const r = await cli(['db', 'import', file, '--db', db])
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('costs[3].rule.scaledPopulation.exponent')
    expect(JSON.parse((await cli(['db', 'list', '--format', 'json', '--db', db])).stdout)).toEqual(
      [],
    )
    expect((await cli(['db', 'export', '1', '--db', db])).code).not.toBe(0)
  })
})

describe.each(testDatabases())('scenario storage on $name', ({ create }) => {
  it('round-trips the demo scenarios, optional fields and subsets included', async () => {
    const handle = await create()
    try {
      for (const file of [DEMO, TRAFFIC_DEMO]) {
        const doc = JSON.parse(readFileSync(file, 'utf8'))
        const r = await importScenario(handle.db, doc)
        expect(r.ok).toBe(true)
        if (r.ok) expect(await exportScenario(handle.db, r.value.id)).toEqual(doc)
      }
      const list = await listScenarios(handle.db)
      // the CLI's import is the API's create: audited, by the CLI actor
      const audit = await listAudit(handle.db, { scenarioId: list[0]!.id })
      expect(audit.map((e) => [e.action, e.actor, e.tokenId])).toEqual([
        ['scenario.create', 'cli', null],
      ])
      expect(list.map((s) => s.consortiumId)).toEqual([
        list[0]!.consortiumId,
        list[0]!.consortiumId,
      ])
      // SQL-shaped names are plain text
      const tricky = JSON.parse(readFileSync(DEMO, 'utf8'))
      tricky.consortium.name = "組合'); DROP TABLE member; --"
      tricky.members[0].name = '<script>alert(1)</script>'
      const r = await importScenario(handle.db, tricky)
      expect(r.ok && (await exportScenario(handle.db, r.value.id))).toEqual(tricky)
    } finally {
      await handle.close()
    }
  })

  it('writes nothing for an invalid scenario', async () => {
    const handle = await create()
    try {
      const bad = JSON.parse(readFileSync(DEMO, 'utf8'))
      bad.members.push({ ...bad.members[0] })
      const r = await importScenario(handle.db, bad)
      expect(r.ok).toBe(false)
      expect(await listScenarios(handle.db)).toEqual([])
    } finally {
      await handle.close()
    }
  })
})
