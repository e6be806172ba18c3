import { describe, expect, it } from 'vitest'
import type { Scenario } from '../scenario/schema'
import { parsePatternModel } from './schema'

const service = (over: Record<string, unknown> = {}) => ({
  id: 'juki',
  name: '住民記録',
  scope: 'PaaS',
  hourly: Array(24).fill(1),
  monthly: Array(12).fill(1),
  ...over,
})

const scenario = (services: unknown[], patterns: unknown = {}): Scenario => ({
  version: 1,
  consortium: { name: 'テスト', fiscalYear: 2026 },
  members: [
    { code: '143014', name: 'A町', population: 10_000 },
    { code: '143219', name: 'B町', population: 20_000 },
  ],
  costs: [],
  services,
  patterns: {
    version: 1,
    server: { capacity: 10, minServers: 2, costPerServer: 1000 },
    ...(patterns as object),
  },
})

const issuesOf = (s: Scenario) => {
  const r = parsePatternModel(s)
  return r.ok ? [] : r.issues
}

describe('parsePatternModel', () => {
  it('accepts a valid extension and resolves defaults', () => {
    const r = parsePatternModel(scenario([service(), service({ id: 'zei', members: ['143219'] })]))
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.services.map((s) => s.memberIndices)).toEqual([[0, 1], [1]])
    expect(r.value.services[0]!.schedule).toBe('juki')
    expect(r.value.services[0]!.effectiveCapacity).toBe(10)
    expect(r.value.weights).toEqual({
      cost: 0.4,
      blastRadius: 0.3,
      coupling: 0.15,
      collisions: 0.15,
    })
    expect(r.value.settings.allocation).toBe('load')
  })

  it.each([
    [
      '23 hourly values',
      [service(), service(), service({ id: 'c', hourly: Array(23).fill(1) })],
      'services[2].hourly',
      '24',
    ],
    [
      'a negative load',
      [service({ hourly: [...Array(23).fill(1), -1] })],
      'services[0].hourly[23]',
      '負の値',
    ],
    [
      'a negative monthly factor',
      [service({ monthly: [-1, ...Array(11).fill(1)] })],
      'services[0].monthly[0]',
      '負の値',
    ],
    ['capacity 0 on a 業務', [service({ capacity: 0 })], 'services[0].capacity', '0より大きい'],
    [
      'an unknown member',
      [service({ members: ['143014', '999999'] })],
      'services[0].members[1]',
      '未登録',
    ],
    ['an unknown scope', [service({ scope: 'XaaS' })], 'services[0].scope', 'SaaS'],
    ['duplicate ids', [service(), service()], 'services[1].id', '重複'],
    [
      'customised non-user',
      [service({ members: ['143014'], customised: ['143219'] })],
      'services[0].customised[0]',
      '利用団体ではありません',
    ],
    [
      'batch start 24',
      [service({ batches: [{ start: 24, duration: 1, months: [1] }] })],
      'services[0].batches[0].start',
      '',
    ],
    [
      'batch month 13',
      [service({ batches: [{ start: 1, duration: 1, months: [13] }] })],
      'services[0].batches[0].months[0]',
      '1〜12',
    ],
    ['an unknown field', [service({ hourlyy: [] })], 'services[0]', ''],
  ])('%s → error at its field path', (_label, services, path, text) => {
    const issues = issuesOf(scenario(services))
    expect(issues.map((i) => i.path)).toContain(path)
    expect(issues.find((i) => i.path === path)!.message).toContain(text)
  })

  it('server capacity 0, missing minServers, zero weights', () => {
    const issues = issuesOf(
      scenario([service()], {
        server: { capacity: 0, costPerServer: 1 },
        weights: { cost: 0 },
      }),
    )
    expect(issues.map((i) => i.path)).toEqual([
      'patterns.server.capacity',
      'patterns.server.minServers',
    ])
    const w = issuesOf(
      scenario([service()], { weights: { cost: 0, blastRadius: 0, coupling: 0, collisions: 0 } }),
    )
    expect(w.map((i) => i.path)).toEqual(['patterns.weights'])
  })

  it('requires services and patterns', () => {
    const s = scenario([])
    expect(issuesOf(s).map((i) => i.path)).toEqual(['services'])
    const { patterns: _p, ...rest } = scenario([service()])
    expect(issuesOf(rest as Scenario).map((i) => i.path)).toEqual(['patterns'])
  })

  it('rejects loads too large to sum exactly', () => {
    const issues = issuesOf(scenario([service({ hourly: Array(24).fill(1e12) })]))
    expect(issues.map((i) => i.path)).toEqual(['services'])
  })
})
