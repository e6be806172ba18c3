/**
 * The web client's types are generated from /doc (scripts/api-types.ts). A route whose schema changed without
 * `pnpm api-types` leaves the web compiling against the old contract: this test fails until it is regenerated.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { API_TYPES_FILE, openApiDocument, renderApiTypes } from '../../scripts/api-types'

describe('generated web API types', () => {
  it('api-types.gen.ts is what /doc gives today (else: pnpm api-types)', async () => {
    const current = readFileSync(API_TYPES_FILE, 'utf8')
    expect(await renderApiTypes()).toBe(current)
  }, 120_000)

  it('every request and response document carries the core schema, never an empty object', async () => {
    const doc = await openApiDocument()
    const schemas = (doc['components'] as { schemas: Record<string, Record<string, unknown>> })
      .schemas
    for (const name of [
      'ScenarioDocument',
      'PlanDocument',
      'Topology',
      'SlaFile',
      'ContinuityFile',
      'ServiceEntry',
      'BillMap',
    ]) {
      const s = schemas[name]
      expect(s, name).toBeDefined()
      expect(Object.keys((s!['properties'] ?? {}) as object).length, name).toBeGreaterThan(1)
      expect(s!['required'], name).toEqual(expect.arrayContaining([expect.any(String)]))
    }
    // the scenario's members as the core parses them: code, name, population required
    const members = (schemas['ScenarioDocument']!['properties'] as Record<string, any>)['members'] // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(members.items.required).toEqual(expect.arrayContaining(['code', 'name', 'population']))
  }, 60_000)
})
