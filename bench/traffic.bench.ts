/**
 * 照会ログ at national scale: generates a log (default 30,000,000 rows ≈ one national year) and measures, in
 * the same run and on the same file:
 *   (a) `warikan traffic FILE --format json`            (streaming aggregation, worker threads)
 *   (b) `warikan db import-traffic 1 FILE`              (stored import, one transaction, SQLite file)
 *   (c) DuckDB (@duckdb/node-api): the same GROUP BY over read_csv
 *   (d) the sqlite3 CLI `.import` of the same file
 * Each runs as its own process under /usr/bin/time -v (wall time, peak RSS). Targets: (a) ≤ 1.5 × (c);
 * (b) ≤ (d); peak RSS < 300 MB for every command.
 *
 * Usage: pnpm exec tsx bench/traffic.bench.ts [--rows 30000000] [--keep]
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join, resolve } from 'node:path'
import { writeTrafficLog } from '../fixtures/traffic/generate-traffic-log'
import { peerPackage } from './peer-package'

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1]! : fallback
}
const rows = Number(arg('rows', '30000000'))
const root = resolve(import.meta.dirname, '..')
const out = join(root, 'bench', 'out')
mkdirSync(out, { recursive: true })
const log = join(out, `traffic-${rows}.csv`)

if (!existsSync(log)) {
  const t0 = Date.now()
  process.stderr.write(`generating ${rows.toLocaleString()} rows → ${log} …\n`)
  await writeTrafficLog(log, { rows, seed: 2026, style: 'en' })
  process.stderr.write(`  generated in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`)
}
const size = statSync(log).size

interface Measure {
  label: string
  seconds: number
  /** user + system CPU seconds (under load, wall time also measures the other workers) */
  cpu: number
  peakMb: number
  ok: boolean
}

function timed(label: string, cmd: string, args: string[], input?: string, cwd = root): Measure {
  process.stderr.write(`▶ ${label}\n`)
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  })
  const err = r.stderr ?? ''
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(
    err,
  )
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err)
  const peakMb = rss ? Number(rss[1]) / 1024 : NaN
  const cpuOf = (name: string) =>
    Number(new RegExp(`${name} time \\(seconds\\): ([\\d.]+)`).exec(err)?.[1])
  const cpu = cpuOf('User') + cpuOf('System')
  const ok = r.status === 0
  if (!ok) process.stderr.write(err.slice(0, 2000) + '\n')
  return { label, seconds, cpu, peakMb, ok }
}

// the installed CLI (built by pnpm install / pnpm build)
const warikanCli = [join(root, 'packages/api/bin/warikan.mjs')]

// (a) aggregation
const a = timed('warikan traffic', 'node', [...warikanCli, 'traffic', log, '--format', 'json'])

// (b) stored import into a fresh SQLite file
const dbFile = join(out, `traffic-${rows}.db`)
for (const f of [dbFile, dbFile + '-wal', dbFile + '-shm']) rmSync(f, { force: true })
spawnSync(
  'node',
  [...warikanCli, 'db', 'import', 'fixtures/demo/kanagawa-2026-traffic.json', '--db', dbFile],
  {
    cwd: root,
  },
)
const b = timed('warikan db import-traffic', 'node', [
  ...warikanCli,
  'db',
  'import-traffic',
  '1',
  log,
  '--db',
  dbFile,
])

// (c) DuckDB, same GROUP BY (in its own process, from the folder where the benchmark installed it)
const duckScript = `
import { DuckDBInstance } from '@duckdb/node-api'
const db = await DuckDBInstance.create(':memory:')
const c = await db.connect()
const r = await c.runAndReadAll(\`select requester, provider, count(*) as queries, sum(records) as records,
  sum(bytes) as bytes from read_csv(${JSON.stringify(log)}, header = true, all_varchar = false)
  group by requester, provider order by requester, provider\`)
console.log(r.getRows().length + ' pairs')
`
const c = timed(
  'DuckDB GROUP BY',
  'node',
  ['--input-type=module', '-e', duckScript],
  undefined,
  peerPackage('@duckdb/node-api', '1.5.6-r.1'),
)

// (d) sqlite3 .import into a fresh file
const sqliteFile = join(out, `traffic-${rows}-sqlite3.db`)
rmSync(sqliteFile, { force: true })
const d = timed(
  'sqlite3 .import',
  'sqlite3',
  [sqliteFile],
  `.mode csv\n.import ${log} traffic_row\nselect count(*) from traffic_row;\n`,
)

if (!process.argv.includes('--keep'))
  for (const f of [dbFile, dbFile + '-wal', dbFile + '-shm', sqliteFile]) rmSync(f, { force: true })

const rate = (m: Measure) => Math.round(rows / m.seconds).toLocaleString('en-US')
console.log(`\n照会ログ ${rows.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(0)} MB`)
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`,
)
console.log('command                        seconds  cpu s      rows/s   peak RSS')
for (const m of [a, b, c, d])
  console.log(
    `${m.label.padEnd(30)} ${m.seconds.toFixed(2).padStart(7)} ${m.cpu.toFixed(2).padStart(6)} ${rate(m).padStart(11)} ${m.peakMb.toFixed(0).padStart(7)} MB${m.ok ? '' : '  FAILED'}`,
  )
console.log(
  `\n(a)/(c) aggregation vs DuckDB: ${(a.seconds / c.seconds).toFixed(2)}× wall, ${(a.cpu / c.cpu).toFixed(2)}× cpu (target ≤ 1.5×)` +
    `\n(b)/(d) import vs sqlite3 .import: ${(b.seconds / d.seconds).toFixed(2)}× wall, ${(b.cpu / d.cpu).toFixed(2)}× cpu (target ≤ 1×)` +
    `\npeak RSS < 300 MB: ${[a, b, c, d].every((m) => m.peakMb < 300) ? 'yes' : 'NO'} ` +
    `(${[a, b, c, d].map((m) => `${m.label} ${m.peakMb.toFixed(0)} MB`).join(', ')})`,
)
