import { afterEach, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { DEMO_DOC, harness, type Harness } from './api-harness'

describe.each(testDatabases())('limits and headers on $name', (database) => {
  let h: Harness | undefined
  afterEach(() => h?.close())

  it('a JSON body over WARIKAN_BODY_LIMIT_BYTES → 413 in the one error shape', async () => {
    h = await harness(database, { WARIKAN_BODY_LIMIT_BYTES: '1000' })
    const r = await h.request('POST', '/api/allocate', { token: h.tokens.admin, body: DEMO_DOC })
    expect(r.status).toBe(413)
    expect(r.body.error.code).toBe('payload_too_large')
  })

  it('rate limit per token: the 4th request in a minute → 429 with Retry-After; other tokens unaffected', async () => {
    h = await harness(database, { WARIKAN_RATE_LIMIT_PER_MINUTE: '3' })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++)
      statuses.push((await h.request('GET', '/api/me', { token: h.tokens.viewer })).status)
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await h.request('GET', '/api/me', { token: h.tokens.viewer })
    expect(limited.body.error.code).toBe('rate_limited')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await h.request('GET', '/api/me', { token: h.tokens.admin })).status).toBe(200)
  })

  it('CORS is off by default; security headers are on; API responses are not cached', async () => {
    h = await harness(database)
    const r = await h.request('GET', '/api/me', {
      token: h.tokens.viewer,
      headers: { Origin: 'https://evil.example' },
    })
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
    expect(r.headers.get('x-content-type-options')).toBe('nosniff')
    expect(r.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(r.headers.get('cache-control')).toBe('no-store')
  })

  it('CORS allows exactly the origins listed in WARIKAN_CORS_ORIGINS', async () => {
    h = await harness(database, { WARIKAN_CORS_ORIGINS: 'https://town.example' })
    const ok = await h.request('GET', '/api/me', {
      token: h.tokens.viewer,
      headers: { Origin: 'https://town.example' },
    })
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://town.example')
    const other = await h.request('GET', '/api/me', {
      token: h.tokens.viewer,
      headers: { Origin: 'https://evil.example' },
    })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('unknown API routes → 404 in the one error shape', async () => {
    h = await harness(database)
    const r = await h.request('GET', '/api/nope', { token: h.tokens.viewer })
    expect(r.status).toBe(404)
    expect(r.body.error.code).toBe('not_found')
  })
})
