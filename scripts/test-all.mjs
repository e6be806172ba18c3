#!/usr/bin/env node
// The one test command (README): lint, format check, typecheck, unused code (knip), then every test with vitest
// (the CLI tests run the installed CLI, built by vitest's globalSetup from the current sources).
// When PostgreSQL binaries are on the machine, a throwaway cluster is started on a free port as an
// unprivileged user, and the database tests run against it too (TEST_DATABASE_URL); it is stopped after.
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const run = (label, cmd, args, env = process.env) => {
  const started = Date.now()
  process.stderr.write(`\n▶ ${label}\n`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', env })
  process.stderr.write(
    `  ${label}: ${r.status === 0 ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`,
  )
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const freePort = () =>
  new Promise((resolve) => {
    const srv = createServer()
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })

function findPgBin() {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return undefined
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a))
  for (const v of versions)
    if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin')
  return undefined
}

async function startPostgres() {
  if (process.env.TEST_DATABASE_URL || process.env.WARIKAN_SKIP_PG) return undefined
  const bin = findPgBin()
  if (!bin) {
    process.stderr.write('PostgreSQL not found: database tests run on SQLite only\n')
    return undefined
  }
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'warikan-pg-'))
  chmodSync(dir, 0o777)
  const data = join(dir, 'data')
  const isRoot = process.getuid?.() === 0
  const user = isRoot ? 'postgres' : undefined
  if (isRoot) {
    const exists = spawnSync('id', ['-u', 'postgres']).status === 0
    if (!exists) execFileSync('useradd', ['--system', '--no-create-home', 'postgres'])
  }
  const asUser = (cmd, args) =>
    user
      ? execFileSync('runuser', ['-u', user, '--', cmd, ...args], { stdio: 'pipe' })
      : execFileSync(cmd, args, { stdio: 'pipe' })
  asUser(join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'warikan',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C',
  ])
  asUser(join(bin, 'pg_ctl'), [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ])
  const stop = () => {
    try {
      asUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'])
    } catch {
      /* already stopped */
    }
    rmSync(dir, { recursive: true, force: true })
  }
  process.on('exit', stop)
  execFileSync(join(bin, 'createdb'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'warikan',
    'warikan_test',
  ])
  process.stderr.write(`PostgreSQL ${bin.split('/').at(-2)} started on 127.0.0.1:${port}\n`)
  return { url: `postgres://warikan@127.0.0.1:${port}/warikan_test`, stop }
}

// Local binaries, so this runs without a global pnpm on PATH (README: npx pnpm@9.15.9 test).
const local = (name) => join(process.cwd(), 'node_modules', '.bin', name)
const only = process.argv.slice(2)
if (!only.includes('--no-checks')) {
  run('lint (eslint)', local('eslint'), ['.'])
  run('format (prettier --check)', local('prettier'), ['--check', '.', '--log-level', 'warn'])
  // one build of the project references (tsconfig.json): core, api, web, test, bench
  run('typecheck (tsc -b)', local('tsc'), ['-b'])
  run('unused files, exports and dependencies (knip)', local('knip'), ['--no-progress'])
}
const pg = await startPostgres()
const env = { ...process.env, ...(pg ? { TEST_DATABASE_URL: pg.url } : {}) }
const args = only.filter((a) => a !== '--no-checks')
const report = join(process.cwd(), '.artifacts', 'vitest-report.json')
const tests = spawnSync(
  local('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args],
  { stdio: 'inherit', env },
)
pg?.stop()
// One closing line CI can read: "vitest: N passed, N failed, N skipped".
try {
  const r = JSON.parse(readFileSync(report, 'utf8'))
  console.log(
    `vitest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`,
  )
} catch {
  console.log('vitest: 0 passed, 1 failed')
}
process.exit(tests.status ?? 1)
