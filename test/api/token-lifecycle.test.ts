/** Tokens expire (default 90 days, per token), are listed and revoked by an admin (API and CLI), audited. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseExpiry } from '../../packages/api/src/auth/auth.service'
import { cli } from '../helpers/cli'
import { testDatabases } from '../helpers/databases'
import { harness, type Harness } from './api-harness'

const DAY = 86_400_000

describe('parseExpiry', () => {
  const now = new Date('2026-12-01T00:00:00Z')
  it.each([
    [undefined, '2027-03-01T00:00:00.000Z'],
    ['30d', '2026-12-31T00:00:00.000Z'],
    ['1', '2026-12-02T00:00:00.000Z'],
    ['2027-03-31', '2027-03-31T15:00:00.000Z'], // through the end of 31 March, Japan time
    ['never', null],
  ])('%s → %s', (text, expected) => {
    expect(parseExpiry(text, now)).toEqual({ ok: true, expiresAt: expected })
  })
  it.each(['0d', '3651d', '2027-02-30', '2026-11-30', 'soon', '-5', '2027-13-01', '99999d'])(
    '%s is refused',
    (text) => {
      expect(parseExpiry(text, now).ok).toBe(false)
    },
  )
})

describe.each(testDatabases())('token lifecycle on $name', (database) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(database)
  })
  afterEach(() => h.close())

  it('a new token expires in 90 days by default, or when told', async () => {
    const path = `/api/consortia/${h.consortiumId}/tokens`
    const plain = await h.request('POST', path, { token: h.tokens.admin, body: { role: 'viewer' } })
    expect(plain.status).toBe(201)
    const left = Date.parse(plain.body.expiresAt) - Date.now()
    expect(left).toBeGreaterThan(89.9 * DAY)
    expect(left).toBeLessThan(90.1 * DAY)
    const short = await h.request('POST', path, {
      token: h.tokens.admin,
      body: { role: 'viewer', expires: '7d' },
    })
    expect(Date.parse(short.body.expiresAt) - Date.now()).toBeLessThan(7.1 * DAY)
    const bad = await h.request('POST', path, {
      token: h.tokens.admin,
      body: { role: 'viewer', expires: '2020-01-01' },
    })
    expect(bad.status).toBe(422)
    expect(bad.body.error.details[0].path).toBe('expires')
  })

  it('an expired token is refused', async () => {
    const created = await h.request('POST', `/api/consortia/${h.consortiumId}/tokens`, {
      token: h.tokens.admin,
      body: { role: 'viewer', expires: '1d' },
    })
    expect((await h.request('GET', '/api/me', { token: created.body.token })).status).toBe(200)
    await h.handle.db
      .updateTable('api_token')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', created.body.id)
      .execute()
    // a fresh app on the same database (no cached lookup): the token has expired
    const again = await harnessRequestFresh(h, created.body.token)
    expect(again).toBe(401)
    const list = await h.request('GET', `/api/consortia/${h.consortiumId}/tokens`, {
      token: h.tokens.admin,
    })
    expect(list.body.find((t: { id: number }) => t.id === created.body.id).status).toBe('expired')
  })

  it('an admin lists and revokes; the revoked token stops at once; audited; others cannot', async () => {
    const path = `/api/consortia/${h.consortiumId}/tokens`
    const list = await h.request('GET', path, { token: h.tokens.admin })
    expect(list.status).toBe(200)
    expect(list.body.map((t: { name: string }) => t.name)).toEqual([
      'admin-token',
      'editor-token',
      'viewer-token',
      'member-token',
    ])
    expect(JSON.stringify(list.body)).not.toContain('wk_')
    expect((await h.request('GET', path, { token: h.tokens.editor })).status).toBe(403)
    expect((await h.request('GET', path, { token: h.tokens.outsider })).status).toBe(403)
    const viewer = list.body.find((t: { name: string }) => t.name === 'viewer-token')
    expect(viewer.status).toBe('active')

    // the other consortium's admin cannot revoke it, even naming its own consortium
    const outsiderPath = `/api/consortia/${h.otherConsortiumId}/tokens/${viewer.id}`
    expect((await h.request('DELETE', outsiderPath, { token: h.tokens.outsider })).status).toBe(404)
    expect(
      (await h.request('DELETE', `${path}/${viewer.id}`, { token: h.tokens.editor })).status,
    ).toBe(403)

    expect((await h.request('GET', '/api/me', { token: h.tokens.viewer })).status).toBe(200)
    const revoked = await h.request('DELETE', `${path}/${viewer.id}`, { token: h.tokens.admin })
    expect(revoked.status).toBe(200)
    expect(revoked.body.status).toBe('revoked')
    expect((await h.request('GET', '/api/me', { token: h.tokens.viewer })).status).toBe(401)
    expect(
      (await h.request('DELETE', `${path}/${viewer.id}`, { token: h.tokens.admin })).status,
    ).toBe(409)
    expect((await h.request('DELETE', `${path}/99999`, { token: h.tokens.admin })).status).toBe(404)

    const audit = await h.request('GET', `/api/consortia/${h.consortiumId}/audit`, {
      token: h.tokens.admin,
    })
    const entry = audit.body.find((e: { action: string }) => e.action === 'token.revoke')
    expect(entry.target).toBe(`token:${viewer.id}`)
    expect(entry.actor).toBe('admin-token')
    expect(entry.after.revokedAt).toBe(revoked.body.revokedAt)
  })
})

/** A request through a new app on the same database: no cached lookups. */
async function harnessRequestFresh(h: Harness, token: string): Promise<number> {
  const { createApp } = await import('../../packages/api/src/app')
  const { readEnv } = await import('../../packages/api/src/env')
  const app = createApp({
    db: h.handle.db,
    dialect: h.handle.dialect,
    env: readEnv({}),
    log: () => {},
  })
  return (await app.request('/api/me', { headers: { Authorization: `Bearer ${token}` } })).status
}

describe('token CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warikan-tokens-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('create --expires, list, revoke', async () => {
    const db = join(dir, 't.db')
    const made = await cli([
      'token',
      'create',
      '--consortium',
      '例示協議会',
      '--role',
      'editor',
      '--expires',
      '30d',
      '--db',
      db,
    ])
    expect(made.code).toBe(0)
    expect(made.stdout).toMatch(/^wk_\S+\n$/)
    const bad = await cli([
      'token',
      'create',
      '--consortium',
      '例示協議会',
      '--role',
      'editor',
      '--expires',
      'tomorrow',
      '--db',
      db,
    ])
    expect(bad.code).toBe(2)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toContain('--expires')

    const listed = await cli(['token', 'list', '--format', 'json', '--db', db])
    expect(listed.code).toBe(0)
    const tokens = JSON.parse(listed.stdout) as Array<{
      id: number
      status: string
      expiresAt: string
    }>
    expect(tokens).toHaveLength(1)
    expect(tokens[0]!.status).toBe('active')
    expect(Date.parse(tokens[0]!.expiresAt) - Date.now()).toBeLessThan(30.1 * DAY)
    expect(listed.stdout).not.toContain(made.stdout.trim())

    const table = await cli(['token', 'list', '--db', db])
    expect(table.stdout).toContain('有効')

    const revoked = await cli(['token', 'revoke', String(tokens[0]!.id), '--db', db])
    expect(revoked.code).toBe(0)
    expect(revoked.stdout).toBe('')
    const again = await cli(['token', 'revoke', String(tokens[0]!.id), '--db', db])
    expect(again.code).not.toBe(0)
    expect((await cli(['token', 'revoke', '0x1', '--db', db])).code).toBe(2)
    const after = JSON.parse((await cli(['token', 'list', '--format', 'json', '--db', db])).stdout)
    expect(after[0].status).toBe('revoked')
  })
})
