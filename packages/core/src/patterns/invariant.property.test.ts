/** Properties over generated loads: the server invariant and batch-collision counting. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../scenario/schema'
import { evaluateModel } from './evaluate'
import { parsePatternModel, type PatternModel } from './schema'
import { groupOf } from './scope'

const CODES = ['143014', '143219', '143413', '143421', '143618', '143626', '143634', '143642']

const windowArb = fc.record({
  start: fc.integer({ min: 0, max: 23 }),
  duration: fc.integer({ min: 1, max: 24 }),
  months: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 12 }),
})
const loadArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 40 }),
  fc.double({ min: 0, max: 40, noNaN: true, noDefaultInfinity: true }),
)

const scenarioArb = fc
  .record({
    populations: fc.array(fc.integer({ min: 1, max: 400_000 }), { minLength: 1, maxLength: 6 }),
    services: fc.array(
      fc.record({
        scope: fc.constantFrom('SaaS', 'PaaS', 'IaaS'),
        hourly: fc.array(loadArb, { minLength: 24, maxLength: 24 }),
        monthly: fc.array(fc.double({ min: 0, max: 3, noNaN: true }), {
          minLength: 12,
          maxLength: 12,
        }),
        capacity: fc.option(fc.double({ min: 0.5, max: 200, noNaN: true }), { nil: undefined }),
        memberMask: fc.integer({ min: 1, max: 63 }),
        customisedMask: fc.integer({ min: 0, max: 63 }),
        operations: fc.option(fc.constantFrom('a', 'b'), { nil: undefined }),
        batches: fc.array(windowArb, { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    capacity: fc.double({ min: 0.5, max: 200, noNaN: true }),
    minServers: fc.integer({ min: 1, max: 6 }),
  })
  .map(({ populations, services, capacity, minServers }): Scenario => {
    const members = populations.map((population, i) => ({
      code: CODES[i]!,
      name: `町${i}`,
      population,
    }))
    const pick = (mask: number) => members.filter((_, i) => mask & (1 << i)).map((m) => m.code)
    return {
      version: 1,
      consortium: { name: 'p', fiscalYear: 2026 },
      members,
      costs: [],
      services: services.map((s, i) => {
        let users = pick(s.memberMask)
        if (users.length === 0) users = [members[0]!.code]
        const customised = pick(s.customisedMask).filter((c) => users.includes(c))
        return {
          id: `s${i}`,
          name: `業務${i}`,
          scope: s.scope,
          hourly: s.hourly,
          monthly: s.monthly,
          members: users,
          customised,
          batches: s.batches,
          ...(s.capacity === undefined ? {} : { capacity: s.capacity }),
          ...(s.operations === undefined ? {} : { operations: s.operations }),
        }
      }),
      patterns: { version: 1, server: { capacity, minServers, costPerServer: 1000 } },
    }
  })

function model(s: Scenario): PatternModel {
  const r = parsePatternModel(s)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

/** Brute force: every window instance (member, 業務, batch), every pair of different units, by slot sets. */
function bruteCollisions(m: PatternModel, pattern: 1 | 2 | 3, groupId: string): number {
  const instances: Array<{ unit: string; slots: Set<number> }> = []
  for (const s of m.services)
    for (const mi of s.memberIndices) {
      const code = m.members[mi]!.code
      if (groupOf(pattern, s, mi, code).id !== groupId) continue
      for (const b of s.batches) {
        const slots = new Set<number>()
        for (const month of b.months)
          for (let i = 0; i < b.duration; i++) slots.add(month * 24 + ((b.start + i) % 24))
        instances.push({ unit: `${s.id}/${code}`, slots })
      }
    }
  let n = 0
  for (let i = 0; i < instances.length; i++)
    for (let j = i + 1; j < instances.length; j++) {
      const a = instances[i]!
      const b = instances[j]!
      if (a.unit !== b.unit && [...a.slots].some((t) => b.slots.has(t))) n++
    }
  return n
}

describe('pattern invariants over generated loads', () => {
  it('pattern 3 never needs more servers than pattern 1 or pattern 2', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = evaluateModel(model(s), { allocation: false })
        if (!r.ok) throw new Error('evaluation failed')
        const [p1, p2, p3] = r.value.patterns.map((p) => p.servers) as [number, number, number]
        expect(p3).toBeLessThanOrEqual(p1)
        expect(p3).toBeLessThanOrEqual(p2)
        // each group: at least the redundancy minimum, and enough for its own peak
        for (const p of r.value.patterns)
          for (const g of p.groups) {
            const minServers = (s.patterns as { server: { minServers: number } }).server.minServers
            expect(g.servers).toBeGreaterThanOrEqual(minServers)
            expect(g.servers).toBeGreaterThanOrEqual(g.peakDemand)
            // no more than needed: either the minimum, or one server less would not carry the peak
            if (g.servers > minServers) expect(g.servers - 1).toBeLessThan(g.peakDemand)
          }
      }),
      { numRuns: 150 },
    )
  })

  it('every pattern covers every unit exactly once', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = evaluateModel(model(s), { allocation: false })
        if (!r.ok) throw new Error('evaluation failed')
        for (const p of r.value.patterns)
          expect(p.groups.reduce((a, g) => a + g.blastRadius.units, 0)).toBe(r.value.units)
      }),
      { numRuns: 60 },
    )
  })

  it('batch collisions equal a brute-force pair count (no pair counted twice)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const m = model(s)
        const r = evaluateModel(m, { allocation: false })
        if (!r.ok) throw new Error('evaluation failed')
        for (const p of r.value.patterns)
          for (const g of p.groups)
            expect(g.batchCollisions).toBe(bruteCollisions(m, p.pattern, g.id))
      }),
      { numRuns: 100 },
    )
  })

  it('server costs allocate to exactly the pattern totals', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const r = evaluateModel(model(s))
        if (!r.ok) throw new Error(JSON.stringify(r.issues))
        for (const p of r.value.patterns) {
          const sum = r.value.allocation.members.reduce((a, m) => a + m.burden[p.pattern], 0)
          expect(sum).toBe(p.annualCost)
        }
      }),
      { numRuns: 60 },
    )
  })
})
