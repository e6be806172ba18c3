/**
 * Allocation at national scale (1,741 members × 40 cost items, mixed rules), in-process.
 * Peer: the same semantics written the obvious way with mathjs fractions (exact, BigInt-backed
 * fraction.js) — outputs are checked equal, then both are timed in the same run.
 *   pnpm exec tsx bench/allocation.bench.ts
 */
import { fraction, type Fraction } from 'mathjs'
import { allocate, parseScenario, type Scenario } from '../packages/core/src/index'
import { nationalScenario } from './national-scenario'
import { time } from './timing'

function mathjsAllocate(s: Scenario): Map<string, number[]> {
  const out = new Map<string, number[]>()
  for (const cost of s.costs) {
    const parts = cost.members ? s.members.filter((m) => cost.members!.includes(m.code)) : s.members
    const A = fraction(cost.amount)
    const drivers: Array<[Fraction, Fraction[]]> = []
    const r = cost.rule!
    if (r.fixed)
      drivers.push([fraction(1), parts.map((m) => fraction(String(r.fixed![m.code] ?? 0)))])
    if (r.equal) drivers.push([fraction(String(r.equal)), parts.map(() => fraction(1))])
    if (r.population)
      drivers.push([fraction(String(r.population)), parts.map((m) => fraction(m.population))])
    if (r.scaledPopulation)
      drivers.push([
        fraction(String(r.scaledPopulation.weight)),
        parts.map((m) => exactDouble(Math.pow(m.population, r.scaledPopulation!.exponent))),
      ])
    if (r.metric && !Array.isArray(r.metric)) {
      const name = r.metric.name
      drivers.push([
        fraction(String(r.metric.weight)),
        parts.map((m) => fraction(String(m.metrics![name]!))),
      ])
    }
    const totals = drivers.map(([, v]) => v.reduce((a, b) => a.add(b), fraction(0)))
    const shares = parts.map((_, i) =>
      drivers.reduce((acc, [w, v], k) => acc.add(A.mul(w).mul(v[i]!).div(totals[k]!)), fraction(0)),
    )
    const floors = shares.map((x) => x.floor())
    let rest = A.sub(floors.reduce((a, b) => a.add(b), fraction(0)))
    const order = shares
      .map((x, i) => ({ i, frac: x.sub(floors[i]!), code: parts[i]!.code }))
      .sort((a, b) => b.frac.compare(a.frac) || (a.code < b.code ? -1 : 1))
    const result = floors.map((f) => Number(f.valueOf()))
    for (const o of order) {
      if (rest.compare(fraction(0)) <= 0) break
      result[o.i]! += 1
      rest = rest.sub(fraction(1))
    }
    out.set(cost.id, result)
  }
  return out
}

function exactDouble(x: number): Fraction {
  // exact binary value of a double, as the engine does
  let m = x
  let e = 0
  while (!Number.isInteger(m)) {
    m *= 2
    e++
  }
  return fraction(BigInt(m), 2n ** BigInt(e))
}

const parsed = parseScenario(nationalScenario())
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)))
const scenario = parsed.value
const ours = allocate(scenario)
if (!ours.ok) throw new Error(JSON.stringify(ours.issues))

const peer = mathjsAllocate(scenario)
for (const w of ours.value.workings) {
  const expected = peer.get(w.cost.id)!
  const got = w.rounding.steps.map((s) => Number(s.share))
  if (JSON.stringify(expected) !== JSON.stringify(got)) throw new Error(`mismatch in ${w.cost.id}`)
}

for (let i = 0; i < 5; i++) allocate(scenario) // warm up
const engine = time(() => allocate(scenario), 30)
const parse = time(() => parseScenario(nationalScenario()), 5)
const mathjs = time(() => mathjsAllocate(scenario), 3)
console.log(
  `national scenario: ${scenario.members.length} members × ${scenario.costs.length} cost items`,
)
console.log(
  `  warikan allocate (BigInt, exact):  median ${engine.median.toFixed(1)} ms, min ${engine.min.toFixed(1)} ms  (target < 100 ms)`,
)
console.log(`  validate (zod + cross-checks):     median ${parse.median.toFixed(1)} ms`)
console.log(`  peer: mathjs fractions, same rule: median ${mathjs.median.toFixed(1)} ms`)
console.log(
  `  ratio peer / warikan: ${(mathjs.median / engine.median).toFixed(1)}×  (outputs identical for all ${scenario.costs.length} items)`,
)
