import { readEnv } from '../../env'
import { seedDemo } from '../../http/demo-seed'
import { startServer } from '../../server'
import { flag, parseArgs } from '../args'
import type { Command } from '../command'
import { openDatabase } from '../database'
import { CliError } from '../errors'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'API と Web 画面を配信する (serve the HTTP API and the web view)',
  usage: 'warikan serve [--demo] [--port 8787] [--host 127.0.0.1] [--db FILE]',
  async run(argv, ctx) {
    const args = parseArgs(argv, { values: ['port', 'host', 'db'], booleans: ['demo'] })
    if (args.positional.length) throw new CliError(`usage: ${this.usage}`, 2)
    const env = readEnv(ctx.env)
    const portText = flag(args, 'port')
    const port = portText === undefined ? env.PORT : Number(portText)
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CliError(`--port ${portText}: 0〜65535 の整数です (invalid port)`, 2)
    const host = flag(args, 'host') ?? env.HOST
    const handle = await openDatabase(args, ctx)
    let demo: { token: string } | undefined
    if (args.booleans.has('demo')) {
      const seed = await seedDemo(handle.db)
      demo = { token: seed.token }
      if (seed.imported.length)
        ctx.stderr(`デモデータを取り込みました: シナリオ ${seed.imported.join(', ')}\n`)
    }
    const running = await startServer({
      db: handle.db,
      dialect: handle.dialect,
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
        void running.close().then(resolve)
      }
      process.on('SIGINT', stop)
      process.on('SIGTERM', stop)
    })
    await handle.close()
    return 0
  },
}
