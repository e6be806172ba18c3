/**
 * Fairness benchmarks (issue 4). Run: pnpm exec tsx bench/fairness.bench.ts
 * Synthetic members: 1,741 municipalities with seeded log-normal populations (median ≈ 24,000; like the
 * national distribution, not the real table). Prints timings and ratios against naive peers (Shapley and
 * the core straight from their definitions over every coalition, exact rationals).
 */
import { performance } from 'node:perf_hooks'
import {
  bruteForceShapley,
  checkCore,
  checkCoreTable,
  modelAsTable,
  parseCoalitionModelFor,
  shapleyValue,
  type CoalitionModel,
} from '../packages/core/src/fairness/index'
import { seededRandom } from '../packages/core/src/random'

const random = seededRandom(1741)
const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
const members = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    code: `m${String(i).padStart(4, '0')}`,
    name: `団体${i}`,
    population: Math.max(200, Math.round(Math.exp(Math.log(24000) + 1.3 * gauss()))),
    metrics: { terminals: 10 + (i % 90) },
  }))

function model(n: number, withScale: boolean, withOthers = true): CoalitionModel {
  const ms = members(n)
  const components: unknown[] = []
  if (withOthers)
    components.push(
      { kind: 'fixed', id: 'dc', amount: 50_000_000 },
      {
        kind: 'airport',
        id: 'kikan',
        needs: 'population',
        levels: [1e4, 3e4, 1e5, 3e5, 1e6, 4e6, 1e8].map((need, k) => ({
          need,
          cost: 10_000_000 * 2 ** k + 0.5,
        })),
      },
      { kind: 'variable', id: 'v', perResident: 2900, perMetric: { terminals: 24000 } },
    )
  if (withScale) components.push({ kind: 'scaleEconomy', id: 's', k: 20000, exponent: 0.585 })
  const r = parseCoalitionModelFor({ components }, ms)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

function time<T>(f: () => T, repeat = 1): { ms: number; value: T } {
  let value = f()
  const t0 = performance.now()
  for (let i = 0; i < repeat; i++) value = f()
  return { ms: (performance.now() - t0) / repeat, value }
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`
const row = (label: string, ms: number, limit?: number) =>
  console.log(
    `${label.padEnd(62)} ${fmt(ms).padStart(12)}${limit ? `  (limit ${limit} ms: ${ms < limit ? 'OK' : 'OVER'})` : ''}`,
  )

console.log(
  '# fairness benchmarks (2-core shared machine; single run after one warm-up unless noted)\n',
)

// 1. closed forms at national scale
const big = model(1741, false)
row(
  'Shapley, 1,741 members, fixed + airport + variable (exact)',
  time(() => shapleyValue(big), 5).ms,
  100,
)

// naive peer at small n: subset enumeration with rationals
for (const n of [10, 14]) {
  const m = model(n, false)
  const ours = time(() => shapleyValue(m), 5).ms
  const naive = time(() => bruteForceShapley(modelAsTable(m))).ms
  row(`  n=${n}: ours ${fmt(ours)} vs brute-force subsets`, naive)
  console.log(`    ratio brute-force / ours: ${(naive / ours).toFixed(0)}×`)
}

// 2. exact scale economy
const s20 = model(20, true)
row(
  'Shapley, 20 members with scale economy (exact enumeration)',
  time(() => shapleyValue(s20)).ms,
  2000,
)
const s25 = model(25, true)
row('Shapley, 25 members with scale economy (exact enumeration)', time(() => shapleyValue(s25)).ms)
{
  const m = model(12, true)
  const ours = time(() => shapleyValue(m), 3).ms
  const naive = time(() => bruteForceShapley(modelAsTable(m))).ms
  row(`  n=12 with scale: ours ${fmt(ours)} vs brute-force subsets`, naive)
  console.log(`    ratio brute-force / ours: ${(naive / ours).toFixed(0)}×`)
}

// 3. sampled, national scale
const sBig = model(1741, true)
const sampled = time(() => shapleyValue(sBig, { seed: 1, targetRelativeError: 0.0045 }), 0)
const t3 = time(() => shapleyValue(sBig, { seed: 1, targetRelativeError: 0.0045 }))
const res = t3.value
let worstRel = 0
let worstComponentRel = 0
const scaleComp = res.components.find((c) => c.kind === 'scaleEconomy')!
res.standardError!.forEach((se, i) => {
  const share = Number(res.shares.numerators[i]!) / Number(res.shares.denominator)
  worstRel = Math.max(worstRel, se / share)
  const part = Number(scaleComp.shares.numerators[i]!) / Number(scaleComp.shares.denominator)
  worstComponentRel = Math.max(worstComponentRel, se / part)
})
void sampled
row(
  `Shapley, 1,741 members, all four kinds (sampled, ${res.sampled!.groups} groups × 1,741 rotations)`,
  t3.ms,
  10000,
)
console.log(
  `    max standard error / share: ${(worstRel * 100).toFixed(4)} % (limit 0.5 %); / scale-economy part: ${(worstComponentRel * 100).toFixed(3)} %`,
)
{
  const sOnly = model(1741, true, false)
  const t = time(() => shapleyValue(sOnly, { seed: 2, targetRelativeError: 0.0045 }))
  let w = 0
  t.value.standardError!.forEach((se, i) => {
    w = Math.max(
      w,
      se / (Number(t.value.shares.numerators[i]!) / Number(t.value.shares.denominator)),
    )
  })
  row(`  scale economy alone, 1,741 members (${t.value.sampled!.groups} groups)`, t.ms, 10000)
  console.log(`    max standard error / share: ${(w * 100).toFixed(3)} % (limit 0.5 %)`)
}

// 4. exact core check
const c20 = model(20, true)
const shap20 = shapleyValue(c20)
const core = time(() => checkCore(c20, shap20.shares))
row(
  `Core check, 20 members, every coalition (${core.value.effort.coalitionsEvaluated.toLocaleString('en')})`,
  core.ms,
  5000,
)
console.log(`    verdict ${core.value.verdict}, exact rechecks ${core.value.effort.exactRechecks}`)
{
  const m = model(12, true)
  const sh = shapleyValue(m)
  const ours = time(() => checkCore(m, sh.shares), 3).ms
  const x = sh.shares.numerators.map((n) => ({ n, d: sh.shares.denominator }))
  const naive = time(() => checkCoreTable(modelAsTable(m), x)).ms
  row(`  n=12: ours ${fmt(ours)} vs exact rationals per coalition`, naive)
  console.log(`    ratio naive / ours: ${(naive / ours).toFixed(0)}×`)
}
const search = time(() => checkCore(big, shapleyValue(big).shares))
row(
  `Core search, 1,741 members (${search.value.effort.starts} starts, ${search.value.effort.coalitionsEvaluated.toLocaleString('en')} coalitions)`,
  search.ms,
)
console.log(`    verdict ${search.value.verdict}`)
