/**
 * The 規約 conventions at national scale: the national scenario of allocation.bench.ts (1,741 members ×
 * 40 cost items) with every item cut into parts (所在団体割 10 % to the item's first participant, the rest
 * by the item's rule) and 千円未満切捨て with the largest share adjusting, against today's largestRemainder
 * split of the same scenario, timed in the same run. Target: ≤ 1.5× today's median.
 *   pnpm exec tsx bench/ordinance.bench.ts
 */
import { allocate, parseScenario, type Scenario } from '../packages/core/src/index'
import { nationalScenario } from './national-scenario'
import { time } from './timing'

function ordinanceVariant(doc: ReturnType<typeof nationalScenario>) {
  const codes = doc.members.map((m) => m.code)
  return {
    ...doc,
    costs: doc.costs.map(({ rule, ...cost }) => ({
      ...cost,
      rounding: { unit: 1000 as const, method: 'floor' as const, adjuster: 'largestShare' },
      parts: [
        {
          name: '所在団体割',
          weight: 0.1,
          members: [(cost.members ?? codes)[0]!],
          rule: { equal: 1 },
        },
        { name: '按分', weight: 0.9, rule },
      ],
    })),
  }
}

function mustParse(doc: unknown): Scenario {
  const parsed = parseScenario(doc)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues.slice(0, 3)))
  return parsed.value
}

const base = nationalScenario()
const plain = mustParse(base)
const ordinance = mustParse(ordinanceVariant(base))

const check = allocate(ordinance)
if (!check.ok) throw new Error(JSON.stringify(check.issues.slice(0, 3)))
for (const c of check.value.output.costs)
  if (c.allocated !== c.amount) throw new Error(`${c.id}: allocated ${c.allocated} ≠ ${c.amount}`)
for (const m of check.value.output.members)
  for (const share of Object.values(m.shares)) if (share < 0) throw new Error(`negative share`)

for (let i = 0; i < 5; i++) {
  allocate(plain)
  allocate(ordinance)
}
/** CPU time of one call (ms, this process's threads): steadier than wall time on a shared machine. */
function cpuTime(fn: () => void): number {
  const start = process.cpuUsage()
  fn()
  const d = process.cpuUsage(start)
  return (d.user + d.system) / 1000
}
// interleaved rounds so both see the same machine load
const wall = { plain: [] as number[], ordinance: [] as number[] }
const cpu = { plain: [] as number[], ordinance: [] as number[] }
for (let round = 0; round < 6; round++) {
  wall.plain.push(time(() => allocate(plain), 3).median)
  wall.ordinance.push(time(() => allocate(ordinance), 3).median)
  for (let i = 0; i < 3; i++) {
    cpu.plain.push(cpuTime(() => allocate(plain)))
    cpu.ordinance.push(cpuTime(() => allocate(ordinance)))
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const row = (label: string, w: number, c: number) =>
  console.log(`  ${label} median ${w.toFixed(1)} ms wall, ${c.toFixed(1)} ms CPU`)
console.log(`national scenario: ${plain.members.length} members × ${plain.costs.length} cost items`)
row('today (largestRemainder, one rule per item):      ', median(wall.plain), median(cpu.plain))
row(
  'every item in 2 parts, floor to ¥1,000 + adjuster:',
  median(wall.ordinance),
  median(cpu.ordinance),
)
console.log(
  `  ratio ordinance / today: ${(median(wall.ordinance) / median(wall.plain)).toFixed(2)}× wall, ${(median(cpu.ordinance) / median(cpu.plain)).toFixed(2)}× CPU  (target ≤ 1.5×)`,
)
