/**
 * API load test: the real server (child process, 127.0.0.1, temp SQLite with the demo data) under autocannon.
 * Measures allocation of the demo scenario, a scenario read, and GET /api/me (auth only: the floor every
 * route pays) as the peer the others are compared with. Target: allocation p99 < 50 ms at 200 connections.
 * Bounded: each run lasts DURATION seconds (default 8). Run: pnpm exec tsx bench/api-load.ts
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

const CONNECTIONS = Number(process.env['CONNECTIONS'] ?? 200)
const DURATION = Math.min(Number(process.env['DURATION'] ?? 8), 30)

const dir = mkdtempSync(join(tmpdir(), 'warikan-load-'))
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'packages/api/src/cli/main.ts',
    'serve',
    '--demo',
    '--port',
    '0',
    '--db',
    join(dir, 'w.db'),
  ],
  {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, HOST: '127.0.0.1', WARIKAN_RATE_LIMIT_PER_MINUTE: '100000000' },
  },
)
const stop = () => {
  child.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
process.on('exit', stop)

let stderr = ''
const url = await new Promise<string>((resolve, reject) => {
  const onData = (d: Buffer) => {
    stderr += d.toString()
    const m = /warikan serve: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)
    if (m) {
      child.stderr!.off('data', onData)
      child.stderr!.resume() // keep draining the access log
      resolve(m[1]!)
    }
  }
  child.stderr!.on('data', onData)
  child.on('exit', () => reject(new Error(stderr)))
  setTimeout(() => reject(new Error('server did not start in 30 s')), 30_000)
})
const { token } = (await (await fetch(`${url}/api/demo/session`)).json()) as { token: string }
const headers = { Authorization: `Bearer ${token}` }
const list = (await (
  await fetch(`${url}/api/consortia/1/scenarios`, { headers })
).json()) as Array<{ id: number }>
const id = list[0]!.id

interface Figures {
  name: string
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
}

async function run(name: string, path: string): Promise<Figures> {
  // warm-up: the first allocation fills the per-version cache
  await fetch(url + path, { headers })
  const r = await autocannon({
    url: url + path,
    connections: CONNECTIONS,
    duration: DURATION,
    headers,
  })
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  }
}

const results = [
  await run('GET /api/me (auth only, peer)', '/api/me'),
  await run(`GET /api/scenarios/${id} (read)`, `/api/scenarios/${id}`),
  await run(`GET /api/scenarios/${id}/allocation`, `/api/scenarios/${id}/allocation`),
]
const peer = results[0]!
console.log(
  `\nAPI load: ${CONNECTIONS} connections, ${DURATION} s per route, server = child process on ${url}`,
)
console.log(
  'route'.padEnd(44),
  'req/s'.padStart(8),
  'p50 ms'.padStart(8),
  'p99 ms'.padStart(8),
  'vs peer'.padStart(8),
  'errors',
)
for (const r of results)
  console.log(
    r.name.padEnd(44),
    r.rps.toFixed(0).padStart(8),
    String(r.p50).padStart(8),
    String(r.p99).padStart(8),
    `${(r.rps / peer.rps).toFixed(2)}×`.padStart(8),
    `${r.errors} (non-2xx ${r.non2xx})`,
  )
const alloc = results[2]!
console.log(
  `\nallocation p99 ${alloc.p99} ms at ${CONNECTIONS} connections: target < 50 ms → ${alloc.p99 < 50 ? 'MET' : 'NOT MET'}`,
)
stop()
process.exit(0)
