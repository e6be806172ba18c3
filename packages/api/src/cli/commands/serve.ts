import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'
import { readEnv } from '../../env'
import { DemoRefusedError, seedDemo, type DemoSeed } from '../../http/demo-seed'
import { startServer } from '../../server'
import { flag, parseArgs, type ParsedArgs } from '../args'
import type { CliContext, CommandHandler } from '../command'
import { openDatabase, openDemoDatabase } from '../database'
import { CliError } from '../errors'

export const serveCommand: CommandHandler = {
  usage: 'warikan serve [--demo] [--port 8787] [--host 127.0.0.1] [--db FILE] [--workers N|auto]',
  async run(argv, ctx) {
    const args = parseArgs(argv, { values: ['port', 'host', 'db', 'workers'], booleans: ['demo'] })
    if (args.positional.length) throw new CliError(`usage: ${this.usage}`, 2)
    const env = readEnv(ctx.env)
    const portText = flag(args, 'port')
    const port = portText === undefined ? env.PORT : Number(portText)
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliError(`--port ${portText}: 0〜65535 の整数です (invalid port)`, 2)
    const host = flag(args, 'host') ?? env.HOST
    const workersText = flag(args, 'workers') ?? '1'
    const workers = workersText === 'auto' ? availableParallelism() : Number(workersText)
    if (!Number.isInteger(workers) || workers < 1 || workers > 64)
      throw new CliError(
        `--workers ${workersText}: 1〜64 の整数か auto です (invalid worker count)`,
        2,
      )
    // Several workers share the port (node:cluster); the primary migrates and seeds once, then only
    // supervises. Each worker has its own connection (SQLite WAL allows concurrent readers) and caches.
    const clustered = workers > 1 || cluster.isWorker
    if (clustered && cluster.isPrimary) return runPrimary(args, ctx, workers)

    const demoMode = args.booleans.has('demo')
    const handle = demoMode ? await openDemoDatabase(args, ctx) : await openDatabase(args, ctx)
    let demo: { token: string } | undefined
    const inheritedToken = ctx.env['WARIKAN_DEMO_SESSION_TOKEN']
    if (demoMode && cluster.isWorker && inheritedToken) {
      demo = { token: inheritedToken }
    } else if (demoMode) {
      demo = { token: (await seedOrRefuse(handle, ctx)).token }
    }
    const running = await startServer({
      db: handle.db,
      dialect: handle.dialect,
      changeToken: handle.changeToken,
      env,
      demo,
      port,
      host,
      log: (line) => ctx.stderr(line + '\n'),
    })
    ctx.stderr(
      `warikan serve: ${running.url}/ (API ${running.url}/api, OpenAPI ${running.url}/doc, reference ${running.url}/reference; ${handle.dialect})\n`,
    )
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
        // Connections still open after 5 s (keep-alive clients) do not keep the process alive.
        setTimeout(() => process.exit(0), 5_000).unref()
        void running.close().then(resolve)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    await handle.close()
    return 0
  },
}

/** The cluster primary: migrations and the demo seed once, then N workers on the same port. */
async function runPrimary(args: ParsedArgs, ctx: CliContext, workers: number): Promise<number> {
  const demoMode = args.booleans.has('demo')
  const handle = demoMode ? await openDemoDatabase(args, ctx) : await openDatabase(args, ctx)
  const env: Record<string, string> = {}
  if (demoMode) env['WARIKAN_DEMO_SESSION_TOKEN'] = (await seedOrRefuse(handle, ctx)).token
  await handle.close()
  for (let i = 0; i < workers; i++) cluster.fork(env)
  ctx.stderr(`warikan serve: ${workers} workers\n`)
  await new Promise<void>((resolve) => {
    let alive = workers
    cluster.on('exit', () => {
      if (--alive === 0) resolve()
    })
    const stop = () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM')
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
  return 0
}

/** Seeds the demo database, or stops with exit 2 when it holds anything that is not demo data. */
async function seedOrRefuse(
  handle: { db: Parameters<typeof seedDemo>[0]; close: () => Promise<void> },
  ctx: CliContext,
): Promise<DemoSeed> {
  try {
    const seed = await seedDemo(handle.db)
    if (seed.imported.length)
      ctx.stderr(`デモデータを取り込みました: シナリオ ${seed.imported.join(', ')}\n`)
    return seed
  } catch (e) {
    if (!(e instanceof DemoRefusedError)) throw e
    await handle.close()
    throw new CliError(`warikan serve --demo: ${e.message}`, 2)
  }
}
