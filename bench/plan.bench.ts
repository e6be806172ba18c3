/**
 * Multi-year plans (中期計画), in-process:
 *  1. a 10-year plan for the national scenario (1,741 members × 40 cost items, joiners and leavers, falling
 *     populations, escalation, a dollar item, an amortised one-off): expansion + validation + allocation of
 *     every year (target < 2 s);
 *  2. the web's rate control on the demo plan: one recompute of all five years at a new ¥/$ rate (target
 *     < 100 ms; the browser runs the same core code).
 *   pnpm exec tsx bench/plan.bench.ts
 */
import { readFileSync } from 'node:fs'
import os from 'node:os'
import {
  allocate,
  allocateCompiledPlan,
  compilePlan,
  expandPlan,
  parseScenario,
  planAllocate,
  withRates,
} from '../packages/core/src/index'
import { mulberry32, nationalScenario } from './national-scenario'
import { time } from './timing'

export function nationalPlan(years = 10) {
  const s = nationalScenario()
  const rnd = mulberry32(20261201)
  const from = 2026
  const members = s.members.map((m, i) => ({
    ...m,
    population: { [String(from)]: m.population },
    populationGrowth: (-(rnd() * 20) / 1000).toFixed(3),
    standaloneGrowth: 0.02,
    ...(i % 97 === 5 ? { joins: from + 1 + (i % 4) } : {}),
    ...(i % 89 === 7 ? { leaves: from + 5 + (i % 3) } : {}),
  }))
  const costs = s.costs.map((c, k) => {
    if (k === 0) return { ...c, currency: 'USD', amount: { [String(from)]: '8100000.00' } }
    if (k === 1) return { ...c, from, amortize: { years: 5 } }
    if (c.members) return c // subsets keep a fixed rule valid: their members stay
    return { ...c, escalation: (rnd() * 0.03).toFixed(3) }
  })
  // members of subsets (and fixed rules) never leave or join, so the plan stays valid
  const pinned = new Set(s.costs.flatMap((c) => c.members ?? []))
  for (const m of members)
    if (pinned.has(m.code)) {
      delete (m as { joins?: number }).joins
      delete (m as { leaves?: number }).leaves
    }
  return {
    version: 1 as const,
    plan: { from, to: from + years - 1, title: '全国 10か年計画（ベンチマーク）' },
    consortium: { name: s.consortium.name },
    members,
    costs,
    exchangeRates: { USD: { [String(from)]: 139, [String(from + 2)]: '152.5' } },
    rounding: s.rounding,
    target: s.target,
  }
}

const national = nationalPlan()
const check = planAllocate(national)
if (!check.ok) throw new Error(JSON.stringify(check.issues.slice(0, 3)))
const cpuBefore = process.cpuUsage()
const nationalRun = time(() => {
  const r = planAllocate(national)
  if (!r.ok) throw new Error('plan failed')
}, 3)
const cpu = process.cpuUsage(cpuBefore)
const cpuPerRun = (cpu.user + cpu.system) / 1000 / 3

// where the time goes (CPU ms for the ten years): expansion, validation, allocation
const cpuNow = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const compiledNational = compilePlan(national)
if (!compiledNational.ok) throw new Error('compile')
let t = cpuNow()
const expanded = expandPlan(compiledNational.value)
if (!expanded.ok) throw new Error('expand')
const cpuExpand = cpuNow() - t
t = cpuNow()
const scenarios = expanded.value.map((y) => {
  const p = parseScenario(y.document)
  if (!p.ok) throw new Error('validate')
  return p.value
})
const cpuValidate = cpuNow() - t
t = cpuNow()
for (const s of scenarios) allocate(s)
const cpuAllocate = cpuNow() - t

const demo = JSON.parse(readFileSync('fixtures/plans/kanagawa-2026-2030.json', 'utf8'))
const compiled = compilePlan(demo)
if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues))
let rate = 130
for (let i = 0; i < 5; i++) allocateCompiledPlan(withRates(compiled.value, { USD: 150 }))
const slider = time(() => {
  rate = rate >= 170 ? 130 : rate + 1
  const r = allocateCompiledPlan(withRates(compiled.value, { USD: rate }))
  if (!r.ok) throw new Error('demo plan failed')
}, 41)

console.log(
  `load average: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (${os.cpus().length} CPUs)`,
)
console.log(
  `national 10-year plan: ${national.members.length} members × ${national.costs.length} items × 10 years`,
)
console.log(
  `  planAllocate (expand + validate + allocate every year): median ${nationalRun.median.toFixed(0)} ms, min ${nationalRun.min.toFixed(0)} ms, CPU ${cpuPerRun.toFixed(0)} ms per run  (target < 2000 ms)`,
)
console.log(
  `  CPU: expansion ${cpuExpand.toFixed(0)} ms, validation ${cpuValidate.toFixed(0)} ms, allocation ${cpuAllocate.toFixed(0)} ms (ten years)`,
)
console.log(
  `demo plan rate recompute (5 years, ¥130–¥170/$): median ${slider.median.toFixed(1)} ms, min ${slider.min.toFixed(1)} ms  (target < 100 ms)`,
)
