import { formatFiscalYear, renderTable } from '@warikan/core'
import { exportScenario, importScenario, listScenarios } from '../../scenario/scenario.service'
import { flag, oneOf, parseArgs } from '../args'
import type { CliContext, CommandHandler } from '../command'
import { withDatabase } from '../database'
import { CliError, InputError } from '../errors'
import { readJsonFile } from '../io'
import {
  dbAllocateSubcommand,
  importTrafficSubcommand,
  listImportsSubcommand,
  removeImportSubcommand,
} from './traffic'

type Sub = (argv: string[], ctx: CliContext) => Promise<number>

/** Sub-commands of `warikan db`; other features register theirs here (e.g. import-traffic). */
export const dbSubcommands: Record<string, { usage: string; run: Sub }> = {
  'import-traffic': importTrafficSubcommand,
  imports: listImportsSubcommand,
  'remove-import': removeImportSubcommand,
  allocate: dbAllocateSubcommand,
  init: {
    usage: 'warikan db init [--db FILE]',
    run: async (argv, ctx) => {
      const args = parseArgs(argv, { values: ['db'] })
      await withDatabase(args, ctx, async ({ dialect }) => {
        ctx.stderr(`データベースを初期化しました (${dialect}, migrations up to date)\n`)
      })
      return 0
    },
  },
  import: {
    usage: 'warikan db import <scenario.json> [--title TEXT] [--db FILE]',
    run: async (argv, ctx) => {
      const args = parseArgs(argv, { values: ['db', 'title'] })
      const file = args.positional[0]
      if (!file) throw new CliError('usage: warikan db import <scenario.json>', 2)
      const document = readJsonFile(file)
      const title = flag(args, 'title')
      const result = await withDatabase(args, ctx, ({ db }) =>
        importScenario(db, document, title ? { title } : {}),
      )
      if (!result.ok) throw new InputError(file, result.issues)
      ctx.stdout(`${result.value.id}\n`)
      ctx.stderr(`シナリオ ${result.value.id} を取り込みました (imported ${file})\n`)
      return 0
    },
  },
  list: {
    usage: 'warikan db list [--format table|json] [--db FILE]',
    run: async (argv, ctx) => {
      const args = parseArgs(argv, { values: ['db', 'format'] })
      const format = oneOf(flag(args, 'format'), ['table', 'json'] as const, 'table', 'format')
      const rows = await withDatabase(args, ctx, ({ db }) => listScenarios(db))
      if (format === 'json') ctx.stdout(JSON.stringify(rows, null, 2) + '\n')
      else
        ctx.stdout(
          renderTable(
            ['ID', '協議会', '年度', '団体数', '費目数', '版'],
            rows.map((r) => [
              String(r.id),
              r.consortium,
              formatFiscalYear(r.fiscalYear),
              String(r.members),
              String(r.costs),
              String(r.version),
            ]),
            ['right', 'left', 'left', 'right', 'right', 'right'],
          ) + '\n',
        )
      return 0
    },
  },
  export: {
    usage: 'warikan db export <id> [--db FILE]',
    run: async (argv, ctx) => {
      const args = parseArgs(argv, { values: ['db'] })
      const id = Number(args.positional[0])
      if (!Number.isSafeInteger(id) || id <= 0)
        throw new CliError('usage: warikan db export <id>', 2)
      const doc = await withDatabase(args, ctx, ({ db }) => exportScenario(db, id))
      if (!doc) throw new CliError(`シナリオ ${id} はありません (no such scenario)`, 3)
      ctx.stdout(JSON.stringify(doc, null, 2) + '\n')
      return 0
    },
  },
}

export const dbCommand: CommandHandler = {
  get usage() {
    return Object.values(dbSubcommands)
      .map((s) => s.usage)
      .join('\n       ')
  },
  async run(argv, ctx) {
    const [sub, ...rest] = argv
    const entry = sub ? dbSubcommands[sub] : undefined
    if (!entry) throw new CliError(`usage: ${this.usage}`, 2)
    return entry.run(rest, ctx)
  },
}
