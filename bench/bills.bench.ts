/**
 * Cloud bills: a generated FOCUS file (default 1,000,000 rows, AWS-shaped, 26 columns, quoted JSON Tags) and, in the
 * same run and on the same file:
 *   (a) `warikan bill FILE --map MAP --rate USD=150 --format json`  (streaming read, exact sums, cost items)
 *   (b) DuckDB (@duckdb/node-api): SUM(BilledCost) GROUP BY the cost tag and the member tag over read_csv
 * Each runs as its own process under /usr/bin/time -v (wall, CPU, peak RSS). Target: (a) ≤ 2 × (b).
 * DuckDB is not part of the default install: it is installed on demand into a temporary directory
 * (`npm install --prefix <tmp> @duckdb/node-api`); without it (offline), the peer is skipped with a message.
 *
 * Usage: pnpm exec tsx bench/bills.bench.ts [--rows 1000000] [--keep]
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { writeFocusBill } from '../fixtures/bills/generate-focus-bill'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1]! : fallback
}
const rows = Number(arg('rows', '1000000'))
const root = resolve(import.meta.dirname, '..')
const out = join(root, 'bench', 'out')
mkdirSync(out, { recursive: true })
const file = join(out, `bills-${rows}.csv`)
const mapFile = join(out, 'bills-map.json')

if (!existsSync(file)) {
  const t0 = Date.now()
  process.stderr.write(`generating ${rows.toLocaleString('en-US')} FOCUS rows → ${file} …\n`)
  await writeFocusBill(file, { provider: 'aws', rows, seed: 2026 })
  process.stderr.write(`  generated in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
}
writeFileSync(
  mapFile,
  JSON.stringify({
    memberTag: 'warikan:dantai-code',
    costTag: 'warikan:hiyou',
    subAccounts: { '210000143014': '143014', '210000143821': '143821' },
    defaultCost: 'gcloud-kyotsu',
    costs: {
      'gcloud-kyotsu': { name: '共通利用料', rule: { equal: 0.2, population: 0.8 } },
      'gcloud-backup': { name: 'バックアップ', rule: { population: 1 } },
      'gcloud-network': { name: '閉域網接続', rule: { equal: 1 } },
    },
  }),
)
const size = statSync(file).size

interface Measure {
  label: string
  seconds: number
  cpu: number
  peakMb: number
  ok: boolean
  stdout: string
}

function timed(label: string, cmd: string, args: string[], cwd = root): Measure {
  process.stderr.write(`▶ ${label}\n`)
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  const err = r.stderr ?? ''
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
    err,
  )
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)
  const cpuOf = (name: string) =>
    Number(new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`).exec(err)?.[1])
  const ok = r.status === 0
  if (!ok) process.stderr.write(err.slice(0, 2000) + '\n')
  return {
    label,
    seconds,
    cpu: cpuOf('User') + cpuOf('System'),
    peakMb: rss ? Number(rss[1]) / 1024 : NaN,
    ok,
    stdout: r.stdout ?? '',
  }
}

/** DuckDB in a temporary prefix (installed once per machine, reused by later runs). */
function duckdbPrefix(): string | undefined {
  const prefix = join(tmpdir(), 'warikan-bench-duckdb')
  if (existsSync(join(prefix, 'node_modules', '@duckdb', 'node-api'))) return prefix
  process.stderr.write(
    `installing @duckdb/node-api into ${prefix} (not part of the default install) …\n`,
  )
  mkdirSync(prefix, { recursive: true })
  const r = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '@duckdb/node-api',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    { encoding: 'utf8' },
  )
  if (r.status !== 0) {
    process.stderr.write(`  npm install failed: ${(r.stderr ?? '').slice(0, 500)}\n`)
    return undefined
  }
  return prefix
}

const tsxCli = ['--import', 'tsx', join(root, 'packages/api/src/cli/main.ts')]
const warikanArgs = ['bill', file, '--map', mapFile, '--rate', 'USD=150', '--format', 'json']

const prefix = duckdbPrefix()
let duck: Measure | undefined
if (prefix) {
  const script = `
import { DuckDBInstance } from '@duckdb/node-api'
const db = await DuckDBInstance.create(':memory:')
const c = await db.connect()
const r = await c.runAndReadAll(\`select json_extract_string(Tags, '$."warikan:hiyou"') as cost,
  coalesce(json_extract_string(Tags, '$."warikan:dantai-code"'), SubAccountId::VARCHAR) as member,
  BillingCurrency, sum(BilledCost) as billed, count(*) as n
  from read_csv(${JSON.stringify(file)}, header = true) group by all order by all\`)
console.log(r.getRows().length + ' groups')
`
  duck = timed('DuckDB SUM by tag', 'node', ['--input-type=module', '-e', script], prefix)
  if (!duck.ok) duck = undefined
} else {
  process.stderr.write(
    'DuckDB unavailable (offline?): the peer is skipped; only warikan is timed.\n',
  )
}
const bill = timed('warikan bill', 'node', [...tsxCli, ...warikanArgs])
// the CLI's own start-up (every command module is loaded up front today), measured apart
const startup = timed('warikan --help (start-up)', 'node', [...tsxCli, '--help'])
if (bill.ok) {
  const rec = JSON.parse(bill.stdout).reconciliation
  process.stderr.write(
    `  ${rec.files[0].rows.toLocaleString('en-US')} rows → ${rec.items.length} items, total ¥${rec.total.toLocaleString('en-US')}, check ${rec.check.ok ? 'ok' : 'FAILED'}\n`,
  )
}
if (!process.argv.includes('--keep')) rmSync(file, { force: true })

const perSecond = (m: Measure) => Math.round(rows / m.seconds).toLocaleString('en-US')
console.log(`\nFOCUS bill ${rows.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(0)} MB`)
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
)
console.log('command                        seconds  cpu s      rows/s   peak RSS')
for (const m of [bill, startup, ...(duck ? [duck] : [])])
  console.log(
    `${m.label.padEnd(30)} ${m.seconds.toFixed(2).padStart(7)} ${m.cpu.toFixed(2).padStart(6)} ${perSecond(m).padStart(11)} ${m.peakMb.toFixed(0).padStart(7)} MB${m.ok ? '' : '  FAILED'}`,
  )
if (duck)
  console.log(
    `\nwarikan bill / DuckDB: ${(bill.seconds / duck.seconds).toFixed(2)}× wall, ${(bill.cpu / duck.cpu).toFixed(2)}× cpu (target ≤ 2×)` +
      `\nwithout the CLI start-up: ${((bill.seconds - startup.seconds) / duck.seconds).toFixed(2)}× wall, ${((bill.cpu - startup.cpu) / duck.cpu).toFixed(2)}× cpu`,
  )
