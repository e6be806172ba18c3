import { allocate, formatInteger, japanTimeIso, renderTable } from '@warikan/core'
import { allocationCsv, allocationTable } from '../../allocation/allocation-report'
import { progressReporter } from '../../traffic/progress-bar'
import { summarizeTrafficFiles } from '../../traffic/read-traffic-files'
import { normalizeEncoding } from '../../traffic/text-encoding'
import { crossQueryTable, matrixMembers } from '../../traffic/traffic-report'
import { flag, oneOf, parseArgs } from '../args'
import type { CliContext, CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readScenarioFile } from '../io'

export const trafficCommand: CommandHandler = {
  usage:
    'warikan traffic <file.csv>... [--format json|table] [--encoding utf-8|shift_jis] [--scenario scenario.json] [--threads N]',
  async run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format', 'encoding', 'scenario', 'threads'] })
    if (!args.positional.length) throw new CliError(`usage: ${this.usage}`, 2)
    const threads = threadsFlag(args)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'json', 'format')
    const scenarioFile = flag(args, 'scenario')
    const scenario = scenarioFile ? readScenarioFile(scenarioFile).scenario : undefined
    const progress = progressReporter(ctx)
    const { aggregate, months } = await summarizeTrafficFiles(
      args.positional,
      flag(args, 'encoding'),
      { onProgress: progress.update, threads },
    )
    progress.done()
    if (format === 'json') {
      ctx.stdout(JSON.stringify({ rows: aggregate.rows, pairs: aggregate.pairs }, null, 2) + '\n')
    } else {
      ctx.stdout(crossQueryTable(aggregate, matrixMembers(aggregate, scenario?.members), months))
    }
    return 0
  },
}

function threadsFlag(args: ReturnType<typeof parseArgs>): number | undefined {
  const text = flag(args, 'threads')
  const threads = text === undefined ? undefined : Number(text)
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64))
    throw new CliError(`--threads は 1〜64 の整数です (got "${text}")`, 2)
  return threads
}

/**
 * `warikan db import-traffic <scenario-id> <file.csv>... [--force]`: each file staged (read and validated, no
 * lock), then stored in one transaction with its audit entry.
 */
export const importTrafficSubcommand = {
  usage:
    'warikan db import-traffic <scenario-id> <file.csv>... [--force] [--encoding utf-8|shift_jis] [--db FILE] [--threads N]',
  run: async (argv: string[], ctx: CliContext): Promise<number> => {
    const args = parseArgs(argv, { values: ['db', 'encoding', 'threads'], booleans: ['force'] })
    const threads = threadsFlag(args)
    const [idText, ...files] = args.positional
    const id = Number(idText)
    if (!Number.isSafeInteger(id) || id <= 0 || !files.length)
      throw new CliError(`usage: ${importTrafficSubcommand.usage}`, 2)
    const enc = flag(args, 'encoding')
    const encoding = enc === undefined ? undefined : normalizeEncoding(enc)
    const force = args.booleans.has('force')
    // the database and the stored import load only for the db sub-commands, not for `warikan traffic`
    const [{ withDatabase }, { importTrafficFile }] = await Promise.all([
      import('../database'),
      import('../../traffic/traffic.service'),
    ])
    await withDatabase(args, ctx, async ({ db }) => {
      for (const file of files) {
        const progress = progressReporter(ctx, `${file} `)
        let outcome
        try {
          outcome = await importTrafficFile(db, id, file, {
            force,
            encoding,
            threads,
            onProgress: progress.update,
          })
        } catch (e) {
          const err = e as NodeJS.ErrnoException
          if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES')
            throw new CliError(`${file}: 読み込めません (cannot read): ${err.message}`, 2)
          throw e
        } finally {
          progress.done()
        }
        if (!outcome.ok) {
          if (outcome.reason === 'no-scenario')
            throw new CliError(`シナリオ ${id} はありません (no such scenario)`, 3)
          if (outcome.reason === 'duplicate')
            throw new CliError(
              `${file}: 同じ行のログは取り込み済みです (${outcome.existingFile}, 取込 ${outcome.existingId}; sha256 ${outcome.sha256})。置き換えるには --force (already imported)`,
              4,
            )
          const p = outcome.problem
          throw new InputError(file, [
            {
              path: `line ${p.line}, ${p.field}`,
              message: `${p.message} — このファイルからは何も保存していません (nothing stored)`,
            },
          ])
        }
        ctx.stderr(
          `${file}: ${formatInteger(outcome.rows)} 行を取り込みました${outcome.replaced.length ? ` (同じ行の取込 ${outcome.replaced.join(', ')} を置き換え)` : ''} (import ${outcome.importId}; 書き込みロック ${formatInteger(Math.round(outcome.commitMs))} ms)\n`,
        )
        ctx.stdout(`${outcome.importId}\n`)
      }
    })
    return 0
  },
}

/** `warikan db allocate <scenario-id>`: a stored scenario with its stored traffic. */
export const dbAllocateSubcommand = {
  usage: 'warikan db allocate <scenario-id> [--format json|table|csv] [--db FILE]',
  run: async (argv: string[], ctx: CliContext): Promise<number> => {
    const args = parseArgs(argv, { values: ['db', 'format'] })
    const id = Number(args.positional[0])
    if (!Number.isSafeInteger(id) || id <= 0 || args.positional.length !== 1)
      throw new CliError(`usage: ${dbAllocateSubcommand.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table', 'csv'] as const, 'table', 'format')
    const [{ withDatabase }, { loadScenario }, { storedTraffic }] = await Promise.all([
      import('../database'),
      import('../../scenario/scenario.service'),
      import('../../traffic/traffic.service'),
    ])
    const out = await withDatabase(args, ctx, async ({ db }) => {
      const loaded = await loadScenario(db, id)
      if (!loaded) throw new CliError(`シナリオ ${id} はありません (no such scenario)`, 3)
      if (!loaded.ok) throw new InputError(`scenario ${id}`, loaded.issues)
      const traffic = await storedTraffic(db, id)
      const result = allocate(loaded.scenario, traffic ? { traffic } : {})
      if (!result.ok) throw new InputError(`scenario ${id}`, result.issues)
      if (format === 'json') return JSON.stringify(result.value.output, null, 2) + '\n'
      if (format === 'csv') return allocationCsv(loaded.scenario, result.value)
      return allocationTable(loaded.scenario, result.value)
    })
    ctx.stdout(out)
    return 0
  },
}

const positiveId = (text: string | undefined): number | undefined => {
  if (text === undefined || !/^[1-9][0-9]{0,15}$/.test(text)) return undefined
  const n = Number(text)
  return Number.isSafeInteger(n) ? n : undefined
}

/** JST wall-clock `YYYY-MM-DD HH:MM` of an instant. */
const jstMinute = (ms: number | null) =>
  ms === null ? '—' : japanTimeIso(ms).slice(0, 16).replace('T', ' ')

/** `warikan db imports <scenario-id>`: the imported 照会ログ of a scenario. */
export const listImportsSubcommand = {
  usage: 'warikan db imports <scenario-id> [--format table|json] [--db FILE]',
  run: async (argv: string[], ctx: CliContext): Promise<number> => {
    const args = parseArgs(argv, { values: ['db', 'format'] })
    const id = positiveId(args.positional[0])
    if (id === undefined || args.positional.length !== 1)
      throw new CliError(`usage: ${listImportsSubcommand.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['table', 'json'] as const, 'table', 'format')
    const [{ withDatabase }, { listTrafficImports }] = await Promise.all([
      import('../database'),
      import('../../traffic/traffic.service'),
    ])
    const imports = await withDatabase(args, ctx, ({ db }) => listTrafficImports(db, id))
    if (!imports) throw new CliError(`シナリオ ${id} はありません (no such scenario)`, 3)
    if (format === 'json') {
      ctx.stdout(JSON.stringify(imports, null, 2) + '\n')
      return 0
    }
    ctx.stdout(
      renderTable(
        ['取込', 'ファイル', '行数', '期間 (JST)', 'sha256', '取込者', '取込日時'],
        imports.map((i) => [
          String(i.id),
          i.fileName,
          formatInteger(i.rows),
          `${jstMinute(i.firstAt)} 〜 ${jstMinute(i.lastAt)}`,
          i.sha256.slice(0, 12),
          i.importedBy ?? '—',
          String(i.importedAt instanceof Date ? i.importedAt.toISOString() : i.importedAt),
        ]),
        ['right', 'left', 'right', 'left', 'left', 'left', 'left'],
      ) + '\n',
    )
    return 0
  },
}

/** `warikan db remove-import <scenario-id> <import-id>`: one import removed (rows and sums), audited. */
export const removeImportSubcommand = {
  usage: 'warikan db remove-import <scenario-id> <import-id> [--db FILE]',
  run: async (argv: string[], ctx: CliContext): Promise<number> => {
    const args = parseArgs(argv, { values: ['db'] })
    const id = positiveId(args.positional[0])
    const importId = positiveId(args.positional[1])
    if (id === undefined || importId === undefined || args.positional.length !== 2)
      throw new CliError(`usage: ${removeImportSubcommand.usage}`, 2)
    const [{ withDatabase }, { removeTrafficImport }] = await Promise.all([
      import('../database'),
      import('../../traffic/traffic.service'),
    ])
    const r = await withDatabase(args, ctx, ({ db }) => removeTrafficImport(db, id, importId))
    if (!r.ok)
      throw new CliError(
        r.reason === 'no-scenario'
          ? `シナリオ ${id} はありません (no such scenario)`
          : `シナリオ ${id} に取込 ${importId} はありません (no such import)`,
        3,
      )
    ctx.stderr(
      `取込 ${importId} (${r.removed.fileName}, ${formatInteger(r.removed.rows)} 行) を取り消しました (removed)\n`,
    )
    return 0
  },
}
