/**
 * In-memory caches that are valid only while the database is unchanged (scenario metadata, the traffic key
 * of cached allocations): two connections to one SQLite file stand for two server workers, or the CLI next
 * to a server. Queries are counted with a Kysely plugin.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { allocationService } from '../../packages/api/src/allocation/allocation.service'
import { CLI_ACTOR } from '../../packages/api/src/audit/audit.service'
import { createDb, type Db } from '../../packages/api/src/db/create-db'
import { migrateOrThrow } from '../../packages/api/src/db/migrate'
import {
  createScenario,
  deleteScenario,
  updateScenario,
} from '../../packages/api/src/scenario/scenario-edit.service'
import {
  scenarioDocumentReader,
  scenarioStateReader,
} from '../../packages/api/src/scenario/scenario-readers'
import { findOrCreateConsortium } from '../../packages/api/src/scenario/scenario.repository'
import { importTrafficFile } from '../../packages/api/src/traffic/traffic.service'

const fixture = (name: string) => new URL(`../../fixtures/${name}`, import.meta.url)
const DOC = JSON.parse(readFileSync(fixture('demo/kanagawa-2026.json'), 'utf8')) as {
  consortium: { name: string }
  members: Array<{ code: string; population: number }>
}
const TRAFFIC_DOC = JSON.parse(readFileSync(fixture('demo/kanagawa-2026-traffic.json'), 'utf8'))
const SAMPLE = readFileSync(fixture('traffic/kanagawa-2026-sample.csv'), 'utf8')

type KyselyPlugin = Parameters<Db['db']['withPlugin']>[0]

/** Counts the queries a Kysely instance executes. */
function queryCounter(): KyselyPlugin & { count: number } {
  const counter = {
    count: 0,
    transformQuery: (args: { node: never }) => args.node,
    transformResult: async (args: { result: never }) => {
      counter.count++
      return args.result
    },
  }
  return counter as unknown as KyselyPlugin & { count: number }
}

describe('scenarioStateReader on one SQLite file, two connections', () => {
  let dir: string
  let server: Db // the connection the reader uses (one worker)
  let other: Db // another worker / the CLI
  let id: number

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warikan-meta-'))
    const file = join(dir, 'w.db')
    server = createDb({ file })
    await migrateOrThrow(server.db)
    other = createDb({ file })
    const consortium = await findOrCreateConsortium(other.db, DOC.consortium.name)
    const created = await createScenario(other.db, consortium, DOC, '元の題名', CLI_ACTOR)
    if (!created.ok) throw new Error('fixture did not import')
    id = created.value.id
  })

  afterEach(async () => {
    await server.close()
    await other.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('asks once while nothing changes, and again after a commit by another connection', async () => {
    const counter = queryCounter()
    const read = scenarioStateReader(server.db.withPlugin(counter), server.changeToken)
    expect(await read(id)).toMatchObject({ id, version: 1, title: '元の題名' })
    expect(await read(id)).toMatchObject({ version: 1, trafficKey: '0:0' })
    expect(await read(id)).toMatchObject({ version: 1 })
    expect(counter.count).toBe(2) // the metadata and the traffic key, once

    const updated = await updateScenario(other.db, id, 1, DOC, '別の接続で更新', CLI_ACTOR)
    expect(updated).toMatchObject({ ok: true, value: { version: 2 } })
    expect(await read(id)).toMatchObject({ version: 2, title: '別の接続で更新' })
    expect(counter.count).toBe(4)
  })

  it('sees a write made on its own connection', async () => {
    const read = scenarioStateReader(server.db, server.changeToken)
    expect(await read(id)).toMatchObject({ version: 1 })
    await updateScenario(server.db, id, 1, DOC, '同じ接続で更新', CLI_ACTOR)
    expect(await read(id)).toMatchObject({ version: 2, title: '同じ接続で更新' })
  })

  it('a scenario deleted elsewhere is gone at once; one created elsewhere appears at once', async () => {
    const read = scenarioStateReader(server.db, server.changeToken)
    expect(await read(id)).toBeDefined()
    expect(await read(id + 1)).toBeUndefined()
    await deleteScenario(other.db, id, CLI_ACTOR)
    const consortium = await findOrCreateConsortium(other.db, DOC.consortium.name)
    const created = await createScenario(other.db, consortium, DOC, '新規', CLI_ACTOR)
    expect(created).toMatchObject({ ok: true, value: { id: id + 1 } })
    expect(await read(id)).toBeUndefined()
    expect(await read(id + 1)).toMatchObject({ title: '新規', version: 1 })
  })

  it('documents: the same object while unchanged, the edited one after a commit elsewhere', async () => {
    const read = scenarioDocumentReader(server.db, server.changeToken)
    const first = await read(id)
    expect(await read(id)).toBe(first)
    const edited = structuredClone(DOC)
    edited.members[0]!.population = 12_345
    await updateScenario(other.db, id, 1, edited, undefined, CLI_ACTOR)
    const second = await read(id)
    expect(second).not.toBe(first)
    expect(second!.members[0]!.population).toBe(12_345)
  })

  it('without a change token (as on PostgreSQL) every read queries', async () => {
    const counter = queryCounter()
    const read = scenarioStateReader(server.db.withPlugin(counter))
    await read(id)
    await read(id)
    expect(counter.count).toBe(4)
  })

  it('the change token moves with commits elsewhere and with own writes, not with reads', async () => {
    const token = server.changeToken!
    const t0 = token()
    await server.db.selectFrom('scenario').selectAll().execute()
    expect(token()).toBe(t0)
    await updateScenario(other.db, id, 1, DOC, 'a', CLI_ACTOR)
    const t1 = token()
    expect(t1).not.toBe(t0)
    await updateScenario(server.db, id, 2, DOC, 'b', CLI_ACTOR)
    expect(token()).not.toBe(t1)
  })
})

describe('cached allocations follow traffic imported through another connection', () => {
  let dir: string
  let server: Db
  let other: Db

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warikan-alloc-'))
    server = createDb({ file: join(dir, 'w.db') })
    other = createDb({ file: join(dir, 'w.db') })
  })
  afterEach(async () => {
    await server.close()
    await other.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('no traffic → 422-type result; imported elsewhere → allocated; a second import elsewhere → re-allocated', async () => {
    await migrateOrThrow(server.db)
    const consortium = await findOrCreateConsortium(other.db, DOC.consortium.name)
    const created = await createScenario(other.db, consortium, TRAFFIC_DOC, undefined, CLI_ACTOR)
    if (!created.ok) throw new Error('fixture did not import')
    const id = created.value.id
    const allocations = allocationService(server.db)
    const state = scenarioStateReader(server.db, server.changeToken)
    const allocate = async () => allocations.forScenario((await state(id))!)

    expect(await allocate()).toMatchObject({ ok: false, reason: 'invalid' })

    const full = join(dir, 'full.csv')
    writeFileSync(full, SAMPLE)
    expect(await importTrafficFile(other.db, id, full)).toMatchObject({ ok: true, rows: 3000 })
    const first = await allocate()
    if (!first.ok) throw new Error('expected an allocation')
    expect(await allocate()).toBe(first) // cached

    // the first 1,000 rows only, replacing nothing: a second import adds to the first
    const part = join(dir, 'part.csv')
    writeFileSync(part, SAMPLE.split('\n').slice(0, 1001).join('\n') + '\n')
    expect(await importTrafficFile(other.db, id, part)).toMatchObject({ ok: true, rows: 1000 })
    const second = await allocate()
    if (!second.ok) throw new Error('expected an allocation')
    expect(second).not.toBe(first)
    expect(second.traffic!.rows).toBe(4000)
    expect(second.json).not.toBe(first.json)
  })
})

it('PostgreSQL handles have no change token', () => {
  const pg = createDb({ url: 'postgres://nobody@127.0.0.1:1/none' })
  expect(pg.changeToken).toBeUndefined()
  void pg.close()
})
