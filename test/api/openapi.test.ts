/** /doc is a well-formed OpenAPI 3 document: structure, every $ref resolves, path parameters declared. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDatabases } from '../helpers/databases'
import { harness, type Harness } from './api-harness'

type Json = Record<string, unknown>
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']

/** Returns a list of problems (empty = valid). A small structural check of the OpenAPI 3.0 rules we rely on. */
function validateOpenApi(doc: Json): string[] {
  const problems: string[] = []
  if (typeof doc['openapi'] !== 'string' || !/^3\.\d+\.\d+$/.test(doc['openapi']))
    problems.push('openapi: not a 3.x.y version string')
  const info = doc['info'] as Json | undefined
  if (!info || typeof info['title'] !== 'string' || typeof info['version'] !== 'string')
    problems.push('info: title and version are required strings')
  const paths = doc['paths'] as Record<string, Json> | undefined
  if (!paths || typeof paths !== 'object') problems.push('paths: required')
  const components = (doc['components'] ?? {}) as Record<string, Record<string, unknown>>
  const refs: string[] = []
  const walk = (v: unknown, at: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`))
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref') {
          if (typeof x !== 'string') problems.push(`${at}.$ref: not a string`)
          else refs.push(x)
        } else walk(x, `${at}.${k}`)
      }
    }
  }
  walk(doc, '#')
  for (const ref of refs) {
    const m = /^#\/components\/(\w+)\/(.+)$/.exec(ref)
    if (!m || !components[m[1]!]?.[m[2]!]) problems.push(`unresolved $ref ${ref}`)
  }
  const operationIds = new Set<string>()
  for (const [path, item] of Object.entries(paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`paths.${path}: must start with /`)
    if (path.includes(':')) problems.push(`paths.${path}: Hono-style :param in an OpenAPI path`)
    const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
    for (const method of Object.keys(item)) {
      if (!METHODS.includes(method)) continue
      const op = item[method] as Json
      const at = `${method.toUpperCase()} ${path}`
      const responses = op['responses'] as Json | undefined
      if (!responses || !Object.keys(responses).length) problems.push(`${at}: no responses`)
      for (const [code, r] of Object.entries(responses ?? {})) {
        if (!/^([1-5]\d\d|[1-5]XX|default)$/.test(code)) problems.push(`${at}: bad status ${code}`)
        if (typeof (r as Json)['description'] !== 'string')
          problems.push(`${at} ${code}: description is required`)
      }
      const params = (op['parameters'] ?? []) as Json[]
      for (const name of templated) {
        const p = params.find((x) => x['name'] === name && x['in'] === 'path')
        if (!p) problems.push(`${at}: path parameter {${name}} not declared`)
        else if (p['required'] !== true)
          problems.push(`${at}: path parameter {${name}} not required`)
      }
      for (const p of params) {
        if (!['path', 'query', 'header', 'cookie'].includes(String(p['in'])))
          problems.push(`${at}: parameter ${String(p['name'])} has bad "in"`)
      }
      const id = op['operationId']
      if (typeof id === 'string') {
        if (operationIds.has(id)) problems.push(`${at}: duplicate operationId ${id}`)
        operationIds.add(id)
      }
      for (const req of (op['security'] ?? doc['security'] ?? []) as Json[]) {
        for (const scheme of Object.keys(req))
          if (!components['securitySchemes']?.[scheme])
            problems.push(`${at}: unknown security ${scheme}`)
      }
    }
  }
  return problems
}

describe.each(testDatabases())('OpenAPI document on $name', (database) => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(database)
  })
  afterAll(() => h.close())

  it('GET /doc (no token needed) is a valid OpenAPI 3 document covering the contract', async () => {
    const r = await h.request('GET', '/doc')
    expect(r.status).toBe(200)
    expect(validateOpenApi(r.body)).toEqual([])
    const paths = Object.keys(r.body.paths)
    for (const p of [
      '/api/me',
      '/api/consortia',
      '/api/consortia/{cid}/scenarios',
      '/api/scenarios/{id}',
      '/api/scenarios/{id}/copy',
      '/api/scenarios/{id}/allocation',
      '/api/scenarios/{id}/allocation/{code}/explanation',
      '/api/allocate',
      '/api/scenarios/{id}/traffic',
      '/api/scenarios/{id}/divergence',
      '/api/scenarios/{id}/fairness',
      '/api/scenarios/{id}/patterns',
      '/api/network/check',
      '/api/compare',
      '/api/scenarios/{id}/audit',
    ])
      expect(paths).toContain(p)
    for (const name of [
      'Error',
      'ScenarioDocument',
      'Allocation',
      'ShareExplanation',
      'AuditEntry',
    ])
      expect(r.body.components.schemas).toHaveProperty(name)
  })

  it('the validator catches broken documents (so the test can fail)', () => {
    expect(validateOpenApi({ openapi: '2.0', paths: {} })).toHaveLength(2)
    expect(
      validateOpenApi({
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {
          '/a/{id}': {
            get: { responses: { 200: { $ref: '#/components/responses/Nope' } }, parameters: [] },
          },
        },
      }),
    ).toEqual([
      'unresolved $ref #/components/responses/Nope',
      'GET /a/{id} 200: description is required',
      'GET /a/{id}: path parameter {id} not declared',
    ])
  })

  it('GET /reference serves the interactive page from local assets only, pointing at /doc', async () => {
    const r = await h.request('GET', '/reference')
    expect(r.status).toBe(200)
    const page = String(r.body)
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//)
    expect(page).not.toMatch(/<script>/) // no inline script: a CSP of script-src 'self' holds
    const scripts = [...page.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1])
    expect(scripts).toEqual([
      '/reference/assets/swagger-ui-bundle.js',
      '/reference/assets/start.js',
    ])
    const start = await h.request('GET', '/reference/assets/start.js')
    expect(start.status).toBe(200)
    expect(String(start.body)).toContain("url: '/doc'")
    const bundle = await h.request('GET', '/reference/assets/swagger-ui-bundle.js')
    expect(bundle.status).toBe(200)
    expect(String(bundle.body).length).toBeGreaterThan(100_000)
    expect((await h.request('GET', '/reference/assets/package.json')).status).toBe(404)
  })

  it('the demo session route exists only in demo mode', async () => {
    expect((await h.request('GET', '/api/demo/session')).status).toBe(404)
  })
})
