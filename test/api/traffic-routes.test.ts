import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { harness, OWN_CODE, type Harness } from './api-harness'

const TRAFFIC_DOC = JSON.parse(
  readFileSync(new URL('../../fixtures/demo/kanagawa-2026-traffic.json', import.meta.url), 'utf8'),
) as unknown
const HEADER = 'timestamp,requester,provider,records\n'
// 3 rows: 143219 answers 2 queries (June), 143014 answers 1 (July)
const SMALL =
  HEADER +
  '2026-06-01T09:00:00+09:00,143014,143219,1\n' +
  '2026-06-02T09:00:00+09:00,141003,143219,2\n' +
  '2026-07-01T09:00:00+09:00,143219,143014,1\n'

describe.each(testDatabases())('traffic routes on $name', (database) => {
  let h: Harness
  let id: number
  const csv = (body: string, extra: Record<string, string> = {}, query = '') =>
    h.request('POST', `/api/scenarios/${id}/traffic${query}`, {
      token: h.tokens.editor,
      body,
      headers: { 'Content-Type': 'text/csv', 'X-Filename': 'june.csv', ...extra },
    })
  beforeEach(async () => {
    h = await harness(database)
    const r = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.admin,
      body: TRAFFIC_DOC,
    })
    id = r.body.id
  })
  afterEach(() => h.close())

  it('without traffic the traffic-based allocation is a 422 naming the cost; after upload it works', async () => {
    const before = await h.request('GET', `/api/scenarios/${id}/allocation`, {
      token: h.tokens.admin,
    })
    expect(before.status).toBe(422)
    expect(before.body.error.details[0].path).toMatch(/^costs\[\d+\]/)
    const up = await csv(SMALL)
    expect(up.status).toBe(201)
    expect(up.body).toMatchObject({ rows: 3, file: 'june.csv', summary: { replaced: false } })
    const after = await h.request('GET', `/api/scenarios/${id}/allocation`, {
      token: h.tokens.admin,
    })
    expect(after.status).toBe(200)
    // provider basis: the 中間サーバ cost splits 2 : 1 between 寒川町 and 葉山町 (queries answered)
    const chukan = (code: string) =>
      after.body.members.find((m: { code: string }) => m.code === code).shares['chukan']
    expect(chukan('143219')).toBe(2 * chukan('143014'))
  })

  it('GET traffic: rows, pairs and monthly counts; a member sees only its own pairs', async () => {
    await csv(SMALL)
    const r = await h.request('GET', `/api/scenarios/${id}/traffic`, { token: h.tokens.viewer })
    expect(r.body.rows).toBe(3)
    expect(r.body.pairs).toHaveLength(3)
    expect(r.body.monthly).toEqual([
      { month: '2026-06', queries: 2 },
      { month: '2026-07', queries: 1 },
    ])
    const m = await h.request('GET', `/api/scenarios/${id}/traffic`, { token: h.tokens.member })
    expect(
      m.body.pairs.every(
        (p: { requester: string; provider: string }) =>
          p.requester === OWN_CODE || p.provider === OWN_CODE,
      ),
    ).toBe(true)
    expect(m.body.pairs).toHaveLength(2)
  })

  it('the same file twice → 409 duplicate; ?force=1 replaces it (counts never doubled)', async () => {
    await csv(SMALL)
    const dup = await csv(SMALL)
    expect(dup.status).toBe(409)
    expect(dup.body.error.code).toBe('duplicate')
    const forced = await csv(SMALL, {}, '?force=1')
    expect(forced.status).toBe(201)
    expect(forced.body.summary.replaced).toBe(true)
    const r = await h.request('GET', `/api/scenarios/${id}/traffic`, { token: h.tokens.viewer })
    expect(r.body.rows).toBe(3)
  })

  it('a bad row → 422 naming file and line; nothing stored', async () => {
    const bad = SMALL + '2026-13-01T09:00:00+09:00,143014,143219,1\n'
    const r = await csv(bad)
    expect(r.status).toBe(422)
    expect(r.body.error.details[0]).toMatchObject({ file: 'june.csv', line: 5 })
    const t = await h.request('GET', `/api/scenarios/${id}/traffic`, { token: h.tokens.viewer })
    expect(t.body.rows).toBe(0)
  })

  it('an upload over WARIKAN_UPLOAD_LIMIT_BYTES → 413 and nothing stored; the audit trail records imports', async () => {
    await h.close()
    h = await harness(database, { WARIKAN_UPLOAD_LIMIT_BYTES: '100' })
    const r0 = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.admin,
      body: TRAFFIC_DOC,
    })
    id = r0.body.id
    const big = await csv(SMALL)
    expect(big.status).toBe(413)
    expect(
      (await h.request('GET', `/api/scenarios/${id}/traffic`, { token: h.tokens.viewer })).body
        .rows,
    ).toBe(0)
    const ok = await csv(HEADER + '2026-06-01T09:00:00+09:00,143014,143219,1\n')
    expect(ok.status).toBe(201)
    const audit = await h.request('GET', `/api/scenarios/${id}/audit`, { token: h.tokens.admin })
    expect(audit.body[0]).toMatchObject({
      action: 'traffic.import',
      actor: 'editor-token',
      after: { file: 'june.csv', rows: 1 },
    })
  })

  it('divergence: 422 without traffic, a report per member with it', async () => {
    expect(
      (await h.request('GET', `/api/scenarios/${id}/divergence`, { token: h.tokens.viewer }))
        .status,
    ).toBe(422)
    await csv(SMALL)
    const r = await h.request('GET', `/api/scenarios/${id}/divergence`, { token: h.tokens.viewer })
    expect(r.status).toBe(200)
    expect(r.body.members).toHaveLength(14)
  })
})
