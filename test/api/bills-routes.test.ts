import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { harness, type Harness } from './api-harness'

const MAP = JSON.parse(readFileSync('fixtures/bills/kanagawa-2026-map.json', 'utf8')) as unknown
const AWS = readFileSync('fixtures/bills/aws-2026-04.csv', 'utf8')
const SAKURA = readFileSync('fixtures/bills/sakura-2026-04.csv', 'utf8')
const upload = {
  map: MAP,
  rates: { USD: '151.37' },
  files: [
    { name: 'aws-2026-04.csv', text: AWS },
    { name: 'sakura-2026-04.csv', text: SAKURA },
  ],
}

describe.each(testDatabases())('bill routes on $name', (database) => {
  let h: Harness
  const post = (body: unknown, token = h.tokens.editor) =>
    h.request('POST', `/api/scenarios/${h.scenarioId}/bills`, { token, body })
  beforeEach(async () => {
    h = await harness(database)
  })
  afterEach(() => h.close())

  it('stores the items with their reconciliation, audited; GET lists it (viewer)', async () => {
    const r = await post(upload)
    expect(r.status).toBe(201)
    expect(r.body.rows).toBe(76)
    expect(r.body.total).toBe(r.body.direct + r.body.shared)
    expect(r.body.reconciliation.check.ok).toBe(true)
    expect(r.body.costs[0]).toMatchObject({
      id: 'gcloud-kyotsu',
      rule: { equal: 0.2, population: 0.8 },
    })
    const list = await h.request('GET', `/api/scenarios/${h.scenarioId}/bills`, {
      token: h.tokens.viewer,
    })
    expect(list.status).toBe(200)
    expect(list.body).toHaveLength(1)
    expect(list.body[0]).toEqual(r.body)
    const audit = await h.request('GET', `/api/scenarios/${h.scenarioId}/audit`, {
      token: h.tokens.viewer,
    })
    expect(audit.body[0]).toMatchObject({
      action: 'bills.import',
      target: `bill_import:${r.body.id}`,
      actor: 'editor-token',
    })
  })

  it('takes a bill larger than the 2 MB JSON limit (its own cap), and refuses one above that cap', async () => {
    // the AWS rows repeated past 3 MB: same lines, so the yen scale with the copies
    const [head, ...rows] = AWS.trimEnd().split('\n')
    const copies = Math.ceil((3.5 * 1024 * 1024) / AWS.length)
    const big = [head, ...Array.from({ length: copies }, () => rows).flat()].join('\n') + '\n'
    expect(big.length).toBeGreaterThan(3 * 1024 * 1024)
    const r = await post({ ...upload, files: [{ name: 'aws-big.csv', text: big }] })
    expect(r.status).toBe(201)
    expect(r.body.rows).toBe(rows.length * copies)
    await h.close()
    h = await harness(database, { WARIKAN_BILL_BODY_LIMIT_BYTES: String(1024 * 1024) })
    const refused = await post({ ...upload, files: [{ name: 'aws-big.csv', text: big }] })
    expect(refused.status).toBe(413)
    const list = await h.request('GET', `/api/scenarios/${h.scenarioId}/bills`, {
      token: h.tokens.viewer,
    })
    expect(list.body).toEqual([])
  })

  it('a bad row stores nothing: 422 with the file and the line', async () => {
    const bad = AWS.replace(/\n14\.97,/, '\nabc,')
    const r = await post({
      ...upload,
      files: [
        { name: 'sakura.csv', text: SAKURA },
        { name: 'aws.csv', text: bad },
      ],
    })
    expect(r.status).toBe(422)
    expect(r.body.error.details[0]).toMatchObject({ file: 'aws.csv', line: 2, field: 'BilledCost' })
    const list = await h.request('GET', `/api/scenarios/${h.scenarioId}/bills`, {
      token: h.tokens.viewer,
    })
    expect(list.body).toEqual([])
  })

  it('a missing rate, or a bad map, is a 422 naming it', async () => {
    const noRate = await post({ ...upload, rates: {} })
    expect(noRate.status).toBe(422)
    expect(noRate.body.error.message).toMatch(/USD の為替レート/)
    const badMap = await post({ ...upload, map: { ...(MAP as object), defaultCost: 'nope' } })
    expect(badMap.status).toBe(422)
    expect(badMap.body.error.details[0].path).toBe('map.defaultCost')
  })

  it('roles: viewer and member may not upload; member may not list', async () => {
    expect((await post(upload, h.tokens.viewer)).status).toBe(403)
    expect((await post(upload, h.tokens.member)).status).toBe(403)
    const list = await h.request('GET', `/api/scenarios/${h.scenarioId}/bills`, {
      token: h.tokens.member,
    })
    expect(list.status).toBe(403)
  })
})
