/**
 * The installed CLI, timed from outside as whole processes (/usr/bin/time: wall clock and CPU), in one run:
 *   1. `warikan allocate` on the 14-member demo against `node -e 0` — target ≤ 3×;
 *   2. `warikan traffic` on a generated 照会ログ (default 5,000,000 rows) against DuckDB's GROUP BY over
 *      read_csv in its own Node process (@duckdb/node-api, installed on demand: peer-package.ts) — target ≤ 1.0×.
 * Each command runs --runs times (default 5 and 3); the median is compared.
 *
 * Usage: pnpm exec tsx bench/cli-startup.bench.ts [--rows 5000000] [--runs 5] [--skip-traffic]
 * (run `pnpm build` first: it times packages/api/bin/warikan.mjs as installed)
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { writeTrafficLog } from '../fixtures/traffic/generate-traffic-log'
import { peerPackage } from './peer-package'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1]! : fallback
}
const root = resolve(import.meta.dirname, '..')
const bin = join(root, 'packages/api/bin/warikan.mjs')
const runs = Number(arg('runs', '5'))
const rows = Number(arg('rows', '5000000'))

interface Sample {
  wall: number
  cpu: number
}
interface Measure {
  label: string
  wall: number
  cpu: number
}

function once(cmd: string, args: string[], cwd: string): Sample {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %U %S', cmd, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  const last = (r.stderr ?? '').trim().split('\n').at(-1) ?? ''
  const [wall, user, sys] = last.split(' ').map(Number)
  if (r.status !== 0 || wall === undefined || Number.isNaN(wall))
    throw new Error(`${cmd} ${args.join(' ')} failed (status ${r.status}):\n${r.stderr}`)
  return { wall, cpu: user! + sys! }
}

function measure(label: string, cmd: string, args: string[], n: number, cwd = root): Measure {
  process.stderr.write(`▶ ${label} ×${n}\n`)
  const samples = Array.from({ length: n }, () => once(cmd, args, cwd))
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  return {
    label,
    wall: median(samples.map((s) => s.wall)),
    cpu: median(samples.map((s) => s.cpu)),
  }
}

if (!existsSync(join(root, 'packages/api/dist/cli.js')))
  throw new Error('the CLI is not built: run pnpm build first')

const results: Measure[] = []
const nodeBare = measure('node -e 0', 'node', ['-e', '0'], runs)
const help = measure('warikan --help', 'node', [bin, '--help'], runs)
const alloc = measure(
  'warikan allocate (demo)',
  'node',
  [bin, 'allocate', 'fixtures/demo/kanagawa-2026.json'],
  runs,
)
results.push(nodeBare, help, alloc)

let traffic: { warikan: Measure; duckdb: Measure } | undefined
if (!process.argv.includes('--skip-traffic')) {
  const out = join(root, 'bench', 'out')
  mkdirSync(out, { recursive: true })
  const log = join(out, `traffic-${rows}.csv`)
  if (!existsSync(log)) {
    process.stderr.write(`generating ${rows.toLocaleString('en-US')} rows → ${log} …\n`)
    await writeTrafficLog(log, { rows, seed: 2026, style: 'en' })
  }
  const duckDir = peerPackage('@duckdb/node-api', '1.5.6-r.1')
  const duckScript = `
import { DuckDBInstance } from '@duckdb/node-api'
const db = await DuckDBInstance.create(':memory:')
const c = await db.connect()
const r = await c.runAndReadAll(\`select requester, provider, count(*) as queries, sum(records) as records,
  sum(bytes) as bytes from read_csv(${JSON.stringify(log)}, header = true, all_varchar = false)
  group by requester, provider order by requester, provider\`)
console.log(r.getRows().length + ' pairs')
`
  const trafficRuns = Math.max(1, Math.min(runs, 3))
  traffic = {
    warikan: measure(
      `warikan traffic (${rows.toLocaleString('en-US')} rows)`,
      'node',
      [bin, 'traffic', log, '--format', 'json'],
      trafficRuns,
    ),
    duckdb: measure(
      'DuckDB GROUP BY (node + @duckdb/node-api)',
      'node',
      ['--input-type=module', '-e', duckScript],
      trafficRuns,
      duckDir,
    ),
  }
  results.push(traffic.warikan, traffic.duckdb)
}

console.log(
  `\nwhole-process medians; load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
)
console.log('command                                         wall s   cpu s')
for (const m of results)
  console.log(
    `${m.label.padEnd(46)} ${m.wall.toFixed(2).padStart(7)} ${m.cpu.toFixed(2).padStart(7)}`,
  )
const ratio = (a: number, b: number) => (b > 0 ? a / b : Infinity)
const allocRatio = ratio(alloc.wall, nodeBare.wall)
console.log(
  `\nwarikan allocate / node -e 0: ${allocRatio.toFixed(2)}× wall, ${ratio(alloc.cpu, nodeBare.cpu).toFixed(2)}× cpu (target ≤ 3×: ${allocRatio <= 3 ? 'met' : 'NOT met'})`,
)
if (traffic) {
  const t = ratio(traffic.warikan.wall, traffic.duckdb.wall)
  console.log(
    `warikan traffic / DuckDB: ${t.toFixed(2)}× wall, ${ratio(traffic.warikan.cpu, traffic.duckdb.cpu).toFixed(2)}× cpu (target ≤ 1.0×: ${t <= 1 ? 'met' : 'NOT met'})`,
  )
}
