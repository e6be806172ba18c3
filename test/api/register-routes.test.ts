/**
 * 外部サービス台帳 over HTTP on SQLite and PostgreSQL: the lifecycle with its roles, the approval checks, the
 * approval trail in the audit log, import all-or-nothing and export.
 */
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { harness, type Harness } from './api-harness'

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/services/${name}`, import.meta.url))
const CHECKS = Object.fromEntries(
  ['1a', '1b', '2', '3a', '3b', '4', '5', '6', '7', '8a', '8b', '9'].map((id) => [
    id,
    { status: 'confirmed' },
  ]),
)
const entry = (over: Record<string, unknown> = {}) => ({
  name: '電子申請サービス',
  provider: '例示クラウド株式会社',
  purpose: '住民からのオンライン申請',
  period: { from: '2026-04-01', to: '2099-03-31' },
  applicant: { department: '事務局', name: '鈴木 花子' },
  userScope: '申請受付担当課に限る',
  administrator: { department: '事務局', title: '主幹' },
  classification: { confidentiality: 3, residentImpact: 3, distress: 2, economicLoss: 3 },
  ismap: { registered: false },
  dataLocation: 'domestic',
  checks: CHECKS,
  ...over,
})

describe.each(testDatabases())('external-service register on $name', (database) => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(database)
  })
  afterAll(() => h.close())
  const base = () => `/api/consortia/${h.consortiumId}/external-services`

  it('computes 影響度 3×3×2×3 = 54 and blocks approval without ISMAP; a member cannot approve', async () => {
    const applied = await h.request('POST', base(), { token: h.tokens.editor, body: entry() })
    expect(applied.status).toBe(201)
    const id = applied.body.id as number
    const got = await h.request('GET', `/api/external-services/${id}`, { token: h.tokens.viewer })
    expect(got.body).toMatchObject({
      status: 'applied',
      impact: 54,
      impactBand: '大',
      confidential: true,
    })
    expect(got.body.findings.map((f: { rule: string }) => f.rule)).toEqual(['ismap'])

    for (const token of [h.tokens.member, h.tokens.viewer, h.tokens.editor]) {
      const denied = await h.request('POST', `/api/external-services/${id}/approve`, {
        token,
        body: { version: 1 },
      })
      expect(denied.status).toBe(403)
    }
    const blocked = await h.request('POST', `/api/external-services/${id}/approve`, {
      token: h.tokens.admin,
      body: { version: 1 },
    })
    expect(blocked.status).toBe(422)
    expect(blocked.body.error.message).toContain('ISMAP')
    const approved = await h.request('POST', `/api/external-services/${id}/approve`, {
      token: h.tokens.admin,
      body: { version: 1, overrides: [{ rule: 'ismap', reason: 'ISO/IEC 27017 認証書で確認' }] },
    })
    expect(approved.status).toBe(200)
    expect(approved.body.status).toBe('approved')
    const started = await h.request('POST', `/api/external-services/${id}/start`, {
      token: h.tokens.editor,
      body: { version: 2 },
    })
    expect(started.body.status).toBe('inUse')
    const noReport = await h.request('POST', `/api/external-services/${id}/end`, {
      token: h.tokens.editor,
      body: { version: 3 },
    })
    expect(noReport.status).toBe(422)
    const ended = await h.request('POST', `/api/external-services/${id}/end`, {
      token: h.tokens.editor,
      body: {
        version: 3,
        report: {
          date: '2026-12-01',
          plan: '終了計画書',
          dataDisposal: '消去証明書を受領',
          accountsRemoved: true,
        },
      },
    })
    expect(ended.status).toBe(200)
    expect(ended.body.status).toBe('ended')

    const audit = await h.request('GET', `/api/consortia/${h.consortiumId}/audit`, {
      token: h.tokens.admin,
    })
    const trail = (
      audit.body as Array<{
        action: string
        target: string
        actor: string
        at: string
        after: unknown
      }>
    )
      .filter((e) => e.target === `external_service:${id}`)
      .reverse()
    expect(trail.map((e) => [e.action, e.actor])).toEqual([
      ['service.apply', 'editor-token'],
      ['service.approve', 'admin-token'],
      ['service.start', 'editor-token'],
      ['service.end', 'editor-token'],
    ])
    expect(JSON.stringify(trail[1]!.after)).toContain('ISO/IEC 27017')
    expect(trail.every((e) => e.at.length > 0)).toBe(true)
  })

  it('imports a 台帳 all-or-nothing and exports it again', async () => {
    const path = `/api/consortia/${h.otherConsortiumId}/external-services`
    const bad = await h.request('POST', `${path}/import`, {
      token: h.tokens.outsider,
      body: fixture('kanagawa-register-bad.csv').toString('utf8'),
      headers: { 'Content-Type': 'text/csv' },
    })
    expect(bad.status).toBe(422)
    expect(JSON.stringify(bad.body.error.details)).toContain('line 3, 住民影響')
    expect((await h.request('GET', path, { token: h.tokens.outsider })).body).toEqual([])
    const ok = await h.request('POST', `${path}/import`, {
      token: h.tokens.outsider,
      body: fixture('kanagawa-register.csv').toString('utf8'),
      headers: { 'Content-Type': 'text/csv' },
    })
    expect(ok.status).toBe(201)
    expect(ok.body.imported).toBe(5)
    const res = await h.app.request(`${path}/export?format=xlsx`, {
      headers: { Authorization: `Bearer ${h.tokens.outsider}` },
    })
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const ws = wb.worksheets[0]!
    expect(ws.getRow(2).getCell(1).value).toBe('外部サービスの名称')
    expect(ws.getRow(2).getCell(8).value).toBe('外部サービス管理者（所属・補職名）')
    expect(ws.getRow(3).getCell(13).value).toBe('81（大）')
    expect(ws.rowCount).toBe(7)
  })

  it("a member does not see another member's own service", async () => {
    const other = await h.request('POST', base(), {
      token: h.tokens.editor,
      body: entry({ name: '寒川町だけのサービス', memberCode: '143219' }),
    })
    const list = await h.request('GET', base(), { token: h.tokens.member })
    expect(list.body.some((s: { id: number }) => s.id === other.body.id)).toBe(false)
    const one = await h.request('GET', `/api/external-services/${other.body.id}`, {
      token: h.tokens.member,
    })
    expect(one.status).toBe(404)
  })
})
