/**
 * Deployment patterns at national scale: 1,741 members × 20 業務 × 24 h × 12 months, all three patterns
 * (sizing, utilisation, peaks, batch collisions, blast radius, coupling, recommendation).
 * Peer: a naive implementation written the obvious way — units grouped into arrays per pattern, every
 * group's load recomputed slot by slot from the profiles, collisions by enumerating window pairs — run
 * on the same input; its server counts (and, where it can finish, collision counts) are checked equal.
 *   pnpm exec tsx bench/patterns.bench.ts
 */
import { parseScenario, type Scenario } from '../packages/core/src/index'
import {
  evaluateModel,
  groupOf,
  parsePatternModel,
  serversForPeak,
  type PatternModel,
} from '../packages/core/src/patterns/index'
import { mulberry32, nationalScenario } from './national-scenario'
import { time } from './timing'

const MEMBERS = 1741
const SERVICES = 20

function patternsScenario(): Scenario {
  const base = nationalScenario(MEMBERS, 0)
  const rnd = mulberry32(5)
  const codes = base.members.map((m) => m.code)
  const office = (peak: number, night: number) =>
    Array.from({ length: 24 }, (_, h) =>
      h >= 8 && h <= 17 ? peak * (0.5 + rnd() * 0.5) : night * rnd(),
    )
  const services = Array.from({ length: SERVICES }, (_, k) => {
    const users = k % 4 === 3 ? codes.filter(() => rnd() < 0.8) : codes
    const scope = k === 0 ? 'SaaS' : k % 7 === 6 ? 'IaaS' : 'PaaS'
    return {
      id: `svc${k}`,
      name: `業務${k}`,
      scope,
      members: users,
      customised: scope === 'PaaS' ? users.filter(() => rnd() < 0.02) : [],
      hourly: office(1 + rnd() * 5, k === 0 ? 0.5 : 0.05),
      monthly: Array.from({ length: 12 }, () => 0.8 + rnd() * 1.2),
      ...(k % 5 === 0 ? { capacity: 100 } : {}),
      operations: `ops${k % 12}`,
      batches: [
        {
          start: Math.floor(rnd() * 24),
          duration: 1 + Math.floor(rnd() * 4),
          months: [1 + (k % 12)],
        },
        { start: 20 + (k % 4), duration: 2, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
      ],
    }
  })
  const parsed = parseScenario({
    ...base,
    costs: [],
    services,
    patterns: { version: 1, server: { capacity: 40, minServers: 2, costPerServer: 4_800_000 } },
  })
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)))
  return parsed.value
}

/** The obvious way: group units, then recompute every group's load at every slot from the profiles. */
function naiveServers(model: PatternModel): number[] {
  return ([1, 2, 3] as const).map((pattern) => {
    const groups = new Map<string, Array<{ s: number; m: number }>>()
    for (const s of model.services)
      for (const m of s.memberIndices) {
        const id = groupOf(pattern, s, m, model.members[m]!.code).id
        const list = groups.get(id) ?? []
        list.push({ s: s.index, m })
        groups.set(id, list)
      }
    let total = 0
    for (const units of groups.values()) {
      let peak = 0
      for (let month = 0; month < 12; month++)
        for (let hour = 0; hour < 24; hour++) {
          let load = 0
          for (const u of units) {
            const s = model.services[u.s]!
            const users =
              (s.hourly[hour]! * s.monthly[month]! * model.members[u.m]!.population) / 10_000
            load += Math.round(((users / s.effectiveCapacity) * 1e6) / 1) // same rounding as the engine
          }
          peak = Math.max(peak, load)
        }
      total += Math.max(serversForPeak(peak), model.settings.server.minServers)
    }
    return total
  })
}

const scenario = patternsScenario()
const t0 = performance.now()
const parsedModel = parsePatternModel(scenario)
const parseMs = performance.now() - t0
if (!parsedModel.ok) throw new Error(JSON.stringify(parsedModel.issues.slice(0, 3)))
const model = parsedModel.value
const units = model.services.reduce((a, s) => a + s.memberIndices.length, 0)

const ours = evaluateModel(model, { allocation: false })
if (!ours.ok) throw new Error('evaluation failed')
const oursServers = ours.value.patterns.map((p) => p.servers)
const peerServers = naiveServers(model)
if (oursServers.join() !== peerServers.join())
  throw new Error(`server counts differ: ours ${oursServers} vs naive ${peerServers}`)

const sizing = time(() => evaluateModel(model, { allocation: false }), 7)
const naive = time(() => naiveServers(model), 3)
const withAllocation = time(() => evaluateModel(model), 1)

console.log(
  `patterns: ${MEMBERS} members × ${SERVICES} 業務 (${units} units) × 24 h × 12 months = ${(units * 288).toLocaleString()} unit-slots`,
)
console.log(`  validate extension:                  ${parseMs.toFixed(0)} ms`)
console.log(
  `  all three patterns (sizing, peaks, collisions, blast radius, coupling, ranking): median ${sizing.median.toFixed(0)} ms (min ${sizing.min.toFixed(0)} ms)  ${sizing.median < 1000 ? '< 1 s ✓' : '≥ 1 s ✗'}`,
)
console.log(
  `  naive peer (sizing only, same figures): median ${naive.median.toFixed(0)} ms → ratio ${(naive.median / sizing.median).toFixed(1)}× slower`,
)
console.log(
  `  with 負担金 allocation of every group's server cost: ${withAllocation.median.toFixed(0)} ms`,
)
console.log(
  `  servers p1/p2/p3: ${oursServers.join(' / ')}; groups: ${ours.value.patterns.map((p) => p.groupCount).join(' / ')}; collisions: ${ours.value.patterns.map((p) => p.batchCollisions.toLocaleString()).join(' / ')}`,
)
