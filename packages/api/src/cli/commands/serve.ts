import cluster from 'node:cluster'
import { availableParallelism } from 'node:os'
import { readEnv } from '../../env'
import { seedDemo } from '../../http/demo-seed'
import { startServer } from '../../server'
import { flag, parseArgs, type ParsedArgs } from '../args'
import type { CliContext, CommandHandler } from '../command'
import { openDatabase } from '../database'
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

    const handle = await openDatabase(args, ctx)
    let demo: { token: string } | undefined
    const inheritedToken = ctx.env['WARIKAN_DEMO_SESSION_TOKEN']
    if (cluster.isWorker && inheritedToken) {
      demo = { token: inheritedToken }
    } else if (args.booleans.has('demo')) {
      const seed = await seedDemo(handle.db)
      demo = { token: seed.token }
      if (seed.imported.length)
        ctx.stderr(`デモデータを取り込みました: シナリオ ${seed.imported.join(', ')}\n`)
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
  const handle = await openDatabase(args, ctx)
  const env: Record<string, string> = {}
  if (args.booleans.has('demo')) {
    const seed = await seedDemo(handle.db)
    env['WARIKAN_DEMO_SESSION_TOKEN'] = seed.token
    if (seed.imported.length)
      ctx.stderr(`デモデータを取り込みました: シナリオ ${seed.imported.join(', ')}\n`)
  }
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
