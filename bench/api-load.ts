/**
 * API load test: the real server (child process, 127.0.0.1, temp SQLite with the demo data) under autocannon:
 * GET /api/me (auth only), a scenario read, and the demo allocation. Target: allocation p99 < 50 ms at 200
 * connections. Peer, in the same run: a minimal Hono app on the same Node adapter answering with the very
 * bytes and headers of the demo allocation (bench/api-peer-server.ts): the HTTP + framework floor.
 * Server CPU per request is read from /proc/<pid>/stat (Linux), steadier than latency on a shared machine.
 * Bounded: each route gets WARMUP seconds unmeasured (default 2), then DURATION seconds measured (default 8).
 * Run: pnpm exec tsx bench/api-load.ts
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'

const CONNECTIONS = Number(process.env['CONNECTIONS'] ?? 200)
const DURATION = Math.min(Number(process.env['DURATION'] ?? 8), 30)
const WARMUP = Math.min(Number(process.env['WARMUP'] ?? 2), 10)

const dir = mkdtempSync(join(tmpdir(), 'warikan-load-'))
const children: ChildProcess[] = []
const stop = () => {
  for (const child of children) child.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
}
process.on('exit', stop)

/** Starts `node --import tsx <args>` and waits for the line that gives its URL on stderr. */
async function start(args: string[], ready: RegExp): Promise<{ url: string; pid: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, HOST: '127.0.0.1', WARIKAN_RATE_LIMIT_PER_MINUTE: '100000000' },
  })
  children.push(child)
  let stderr = ''
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      stderr += d.toString()
      const m = ready.exec(stderr)
      if (m) {
        child.stderr!.off('data', onData)
        child.stderr!.resume() // keep draining the access log
        resolve(m[1]!)
      }
    }
    child.stderr!.on('data', onData)
    child.on('exit', () => reject(new Error(stderr)))
    setTimeout(() => reject(new Error(`${args[0]} did not start in 30 s`)), 30_000)
  })
  return { url, pid: child.pid! }
}

/** CPU ticks (user + system, 1/100 s) a process has used; undefined off Linux. */
function cpuTicks(pid: number): number | undefined {
  const file = `/proc/${pid}/stat`
  if (!existsSync(file)) return undefined
  const fields = readFileSync(file, 'utf8').split(') ')[1]!.split(' ')
  return Number(fields[11]) + Number(fields[12])
}

const server = await start(
  ['packages/api/bin/warikan.mjs', 'serve', '--demo', '--port', '0', '--db', join(dir, 'w.db')],
  /warikan serve: (http:\/\/127\.0\.0\.1:\d+)\//,
)
const { token } = (await (await fetch(`${server.url}/api/demo/session`)).json()) as {
  token: string
}
const headers = { Authorization: `Bearer ${token}` }
const list = (await (
  await fetch(`${server.url}/api/consortia/1/scenarios`, { headers })
).json()) as Array<{ id: number }>
const id = list[0]!.id
const allocationPath = `/api/scenarios/${id}/allocation`
const bodyFile = join(dir, 'allocation.json')
writeFileSync(
  bodyFile,
  new Uint8Array(await (await fetch(server.url + allocationPath, { headers })).arrayBuffer()),
)
const peer = await start(
  ['bench/api-peer-server.ts', bodyFile],
  /peer: (http:\/\/127\.0\.0\.1:\d+)\//,
)

interface Figures {
  name: string
  rps: number
  p50: number
  p99: number
  cpuMicros: number | undefined
  errors: number
  non2xx: number
}

async function run(
  name: string,
  target: { url: string; pid: number },
  path: string,
): Promise<Figures> {
  const options = { url: target.url + path, connections: CONNECTIONS, headers }
  // warm-up, not measured: fills the caches and lets the JIT compile this route's path
  if (WARMUP > 0) await autocannon({ ...options, duration: WARMUP })
  const before = cpuTicks(target.pid)
  const r = await autocannon({ ...options, duration: DURATION })
  const after = cpuTicks(target.pid)
  return {
    name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuMicros:
      before === undefined || after === undefined
        ? undefined
        : ((after - before) * 10_000) / r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  }
}

const results = [
  await run('peer: minimal Hono, same bytes and headers', peer, allocationPath),
  await run('GET /api/me (auth only)', server, '/api/me'),
  await run(`GET /api/scenarios/${id} (read)`, server, `/api/scenarios/${id}`),
  await run(`GET ${allocationPath}`, server, allocationPath),
]
const floor = results[0]!
console.log(
  `\nAPI load: ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${DURATION} s per route, server ${server.url}, peer ${peer.url}`,
)
console.log(
  'route'.padEnd(44),
  'req/s'.padStart(8),
  'p50 ms'.padStart(8),
  'p99 ms'.padStart(8),
  'CPU µs/req'.padStart(11),
  'vs peer'.padStart(8),
  'errors',
)
for (const r of results)
  console.log(
    r.name.padEnd(44),
    r.rps.toFixed(0).padStart(8),
    String(r.p50).padStart(8),
    String(r.p99).padStart(8),
    (r.cpuMicros === undefined ? '–' : r.cpuMicros.toFixed(0)).padStart(11),
    `${(r.rps / floor.rps).toFixed(2)}×`.padStart(8),
    `${r.errors} (non-2xx ${r.non2xx})`,
  )
const alloc = results[3]!
console.log(
  `\nallocation p99 ${alloc.p99} ms at ${CONNECTIONS} connections: target < 50 ms → ${alloc.p99 < 50 ? 'MET' : 'NOT MET'}`,
)
stop()
process.exit(0)
