/**
 * One contract: the 2xx JSON answers of the main routes parse against the zod schema the route declares (the
 * schema /doc is generated from), with no undeclared key. The harness (api-harness.ts) applies the same check to
 * every response of every API test; this file walks the main routes once each and shows the check can fail.
 */
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { harness, OWN_CODE, type Harness } from './api-harness'
import { responseProblem } from './response-schemas'

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')) as unknown
const sampleLog = readFileSync(
  new URL('../../fixtures/traffic/kanagawa-2026-sample.csv', import.meta.url),
  'utf8',
)

describe.each(testDatabases())('response schemas on $name', (database) => {
  let h: Harness
  beforeEach(async () => {
    h = await harness(database)
  })
  afterEach(() => h.close())

  it('the main routes answer as their schemas declare', async () => {
    const admin = { token: h.tokens.admin }
    const ok = async (
      method: string,
      path: string,
      options: Parameters<Harness['request']>[2] = admin,
    ) => {
      const r = await h.request(method, path, options) // throws when the body does not match
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body).slice(0, 300)}`).toBeLessThan(
        300,
      )
      return r.body
    }
    const id = h.scenarioId
    await ok('GET', '/api/me')
    await ok('GET', '/api/consortia')
    await ok('GET', `/api/consortia/${h.consortiumId}/scenarios`)
    await ok('GET', `/api/scenarios/${id}`)
    await ok('GET', `/api/scenarios/${id}/allocation`)
    await ok('GET', `/api/scenarios/${id}/allocation/${OWN_CODE}/explanation`)
    await ok('GET', `/api/scenarios/${id}/fairness`)
    await ok('GET', `/api/scenarios/${id}/audit`)
    await ok('GET', `/api/consortia/${h.consortiumId}/audit`)
    await ok('POST', '/api/allocate', { ...admin, body: fixture('demo/kanagawa-2026.json') })
    await ok('POST', '/api/network/check?explain=1', {
      ...admin,
      body: fixture('network/sanso-bunri-misconfigured.json'),
    })
    const copy = (await ok('POST', `/api/scenarios/${id}/copy`, { ...admin, body: {} })) as {
      id: number
    }
    await ok('GET', `/api/compare?a=${id}&b=${copy.id}`)

    const traffic = (await ok('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      ...admin,
      body: fixture('demo/kanagawa-2026-traffic.json'),
    })) as { id: number }
    await ok('POST', `/api/scenarios/${traffic.id}/traffic`, {
      ...admin,
      body: sampleLog,
      headers: { 'Content-Type': 'text/csv', 'X-Filename': 'sample.csv' },
    })
    await ok('GET', `/api/scenarios/${traffic.id}/traffic`)
    await ok('GET', `/api/scenarios/${traffic.id}/divergence`)
    await ok('GET', `/api/scenarios/${traffic.id}/allocation`)

    const patterns = (await ok('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      ...admin,
      body: fixture('patterns/kanagawa-2026-patterns.json'),
    })) as { id: number }
    await ok('GET', `/api/scenarios/${patterns.id}/patterns`)
  })

  it('the check fails on a missing field, an undeclared key and an undeclared status', async () => {
    const me = await h.request('GET', '/api/me', { token: h.tokens.admin })
    const json = 'application/json'
    expect(responseProblem(h.app, 'GET', '/api/me', 200, me.body, json)).toBeUndefined()
    expect(responseProblem(h.app, 'GET', '/api/me', 200, { roles: [] }, json)).toMatch(
      /GET \/api\/me 200: name/,
    )
    expect(
      responseProblem(h.app, 'GET', '/api/me', 200, { ...me.body, secret: 'x' }, json),
    ).toMatch(/keys not in the schema: \.secret/)
    expect(responseProblem(h.app, 'GET', '/api/me', 203, me.body, json)).toMatch(/not declared/)
    expect(responseProblem(h.app, 'GET', '/api/nowhere', 200, {}, json)).toMatch(/missing from/)
    // errors and non-JSON answers are not 2xx JSON bodies: outside this check
    expect(responseProblem(h.app, 'GET', '/api/me', 401, {}, json)).toBeUndefined()
  })
})
