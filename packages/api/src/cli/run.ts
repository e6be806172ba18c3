import { loadCommand, type CliContext } from './command'
import { commands } from './commands/index'
import { CliError } from './errors'

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  return [
    'warikan — 自治体クラウド協議会の費用按分ツール (cost apportionment for municipal consortia)',
    '',
    'usage: warikan <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'warikan <command> --help で各コマンドの使い方を表示します。',
  ].join('\n')
}

/** Runs one CLI invocation; returns the exit status. Errors go to stderr, never stdout. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === 'help' || name === '-h') {
    ctx.stdout(help() + '\n')
    return name ? 0 : 2
  }
  const entry = commands.find((c) => c.name === name)
  if (!entry) {
    ctx.stderr(`warikan: 不明なコマンド "${name}" (unknown command)\n\n${help()}\n`)
    return 2
  }
  try {
    const command = await loadCommand(entry)
    if (rest.includes('--help')) {
      ctx.stdout(`usage: ${command.usage}\n${entry.summary}\n`)
      return 0
    }
    const code = await command.run(rest, ctx)
    return code ?? 0
  } catch (e) {
    if (e instanceof CliError) {
      ctx.stderr(`warikan ${name}: ${e.message}\n`)
      return e.exitCode
    }
    ctx.stderr(
      `warikan ${name}: 予期しないエラー (unexpected error): ${(e as Error).stack ?? String(e)}\n`,
    )
    return 70
  }
}
