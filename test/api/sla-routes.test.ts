/**
 * SLA and continuity over HTTP on SQLite and PostgreSQL: the stateless checks, stored documents with roles,
 * audit and optimistic concurrency, and the member's redacted continuity view.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { harness, OWN_CODE, type Harness } from './api-harness'

const fixture = (name: string) => new URL(`../../fixtures/sla/${name}`, import.meta.url)
const SLA = JSON.parse(readFileSync(fixture('kanagawa-2026-sla.json'), 'utf8')) as Record<
  string,
  unknown
>
const INCIDENTS = readFileSync(fixture('kanagawa-2026-08-incidents.csv'), 'utf8')
const CONTINUITY = JSON.parse(
  readFileSync(fixture('kanagawa-2026-continuity.json'), 'utf8'),
) as Record<string, unknown>

describe.each(testDatabases())('SLA routes on $name', (database) => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(database)
  })
  afterAll(() => h.close())

  it('POST /api/sla/check gives the ten items', async () => {
    const r = await h.request('POST', '/api/sla/check', { token: h.tokens.viewer, body: SLA })
    expect(r.status).toBe(200)
    expect(r.body.findings).toHaveLength(10)
  })

  it('POST /api/sla/report gives the same figures as the CLI fixture', async () => {
    const r = await h.request('POST', '/api/sla/report', {
      token: h.tokens.viewer,
      body: { sla: SLA, incidents: INCIDENTS, months: ['2026-08'] },
    })
    expect(r.status).toBe(200)
    expect(r.body.services[0]).toMatchObject({
      downtimeMinutes: 328,
      credit: { amount: 12_916_666 },
    })
  })

  it('a bad incident line is a 422 naming the line', async () => {
    const r = await h.request('POST', '/api/sla/report', {
      token: h.tokens.viewer,
      body: { sla: SLA, incidents: 'start,end,service\n2026-08-01 10:00,2026-08-01 09:00,kikan\n' },
    })
    expect(r.status).toBe(422)
    expect(JSON.stringify(r.body.error.details)).toContain('line 2, end')
  })

  it('stores an SLA and its incident log, audited; viewers cannot write; stale versions conflict', async () => {
    const path = `/api/consortia/${h.consortiumId}/sla-documents`
    const denied = await h.request('POST', path, {
      token: h.tokens.viewer,
      body: { kind: 'sla', title: 'SLA', content: SLA },
    })
    expect(denied.status).toBe(403)
    const sla = await h.request('POST', path, {
      token: h.tokens.editor,
      body: { kind: 'sla', title: '令和8年度 SLA', content: SLA },
    })
    expect(sla.status).toBe(201)
    const log = await h.request('POST', path, {
      token: h.tokens.editor,
      body: { kind: 'incidents', title: '8月障害記録', content: INCIDENTS, slaId: sla.body.id },
    })
    expect(log.status).toBe(201)
    const report = await h.request(
      'GET',
      `/api/sla-documents/${log.body.id}/analysis?month=2026-08`,
      {
        token: h.tokens.viewer,
      },
    )
    expect(report.status).toBe(200)
    expect(report.body.kind).toBe('incidents')
    expect(report.body.report.services[0].downtimeMinutes).toBe(328)
    const stale = await h.request('PUT', `/api/sla-documents/${sla.body.id}`, {
      token: h.tokens.editor,
      body: { version: 1, content: SLA, title: '改訂' },
    })
    expect(stale.status).toBe(200)
    const again = await h.request('PUT', `/api/sla-documents/${sla.body.id}`, {
      token: h.tokens.editor,
      body: { version: 1, content: SLA },
    })
    expect(again.status).toBe(409)
    const audit = await h.request('GET', `/api/consortia/${h.consortiumId}/audit`, {
      token: h.tokens.admin,
    })
    const actions = JSON.stringify(audit.body)
    expect(actions).toContain('sla.create')
    expect(actions).toContain('incidents.create')
    expect(actions).toContain('sla.update')
    const list = await h.request('GET', path, { token: h.tokens.viewer })
    expect(list.body.map((d: { kind: string }) => d.kind)).toEqual(['sla', 'incidents'])
  })

  it('refuses an invalid SLA file with a field path and stores nothing', async () => {
    const path = `/api/consortia/${h.otherConsortiumId}/sla-documents`
    const r = await h.request('POST', path, {
      token: h.tokens.outsider,
      body: {
        kind: 'sla',
        title: 'x',
        content: { ...SLA, credits: [{ below: 'x', rate: '10%' }] },
      },
    })
    expect(r.status).toBe(422)
    expect(JSON.stringify(r.body.error.details)).toContain('credits')
    const list = await h.request('GET', path, { token: h.tokens.outsider })
    expect(list.body).toEqual([])
  })

  it('a member sees only its own row of the continuity report', async () => {
    const created = await h.request('POST', `/api/consortia/${h.consortiumId}/sla-documents`, {
      token: h.tokens.admin,
      body: { kind: 'continuity', title: '継続性', content: CONTINUITY },
    })
    expect(created.status).toBe(201)
    const mine = await h.request('GET', `/api/sla-documents/${created.body.id}/analysis`, {
      token: h.tokens.member,
    })
    expect(mine.status).toBe(200)
    expect(mine.body.report.members.map((m: { code: string }) => m.code)).toEqual([OWN_CODE])
    expect(mine.body.report.shared.members.map((m: { code: string }) => m.code)).toEqual([OWN_CODE])
    const all = await h.request('GET', `/api/sla-documents/${created.body.id}/analysis`, {
      token: h.tokens.viewer,
    })
    expect(all.body.report.members).toHaveLength(4)
    const del = await h.request('DELETE', `/api/sla-documents/${created.body.id}`, {
      token: h.tokens.editor,
    })
    expect(del.status).toBe(403)
    const ok = await h.request('DELETE', `/api/sla-documents/${created.body.id}`, {
      token: h.tokens.admin,
    })
    expect(ok.status).toBe(200)
  })
})
