import { writeFileSync } from 'node:fs'
import { parseScenario, type Scenario } from '@warikan/core'
import { parseBillMap } from '@warikan/core/bills'
import { billTable } from '../../bills/bill-report'
import { mergeBillItems } from '../../bills/merge-bill-items'
import { parseRates, problemText, readBillFiles } from '../../bills/read-bill-files'
import { progressReporter } from '../../traffic/progress-bar'
import { flag, flagList, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readJsonFile, readScenarioFile } from '../io'

export const billCommand: CommandHandler = {
  usage:
    'warikan bill <focus.csv>... --map map.json [--rate USD=150 ...] [--scenario scenario.json] [--format json|table] [--into scenario.json --out file] [--threads N]',
  async run(argv, ctx) {
    const args = parseArgs(argv, {
      values: ['map', 'rate', 'scenario', 'format', 'into', 'out', 'threads'],
    })
    const mapFile = flag(args, 'map')
    if (!args.positional.length || !mapFile) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'json', 'format')
    const into = flag(args, 'into')
    const out = flag(args, 'out')
    if ((into === undefined) !== (out === undefined))
      throw new CliError('--into と --out は一緒に指定します (--into needs --out)', 2)
    const rates = parseRates(flagList(args, 'rate'))
    const threadsText = flag(args, 'threads')
    const threads = threadsText === undefined ? undefined : Number(threadsText)
    if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1 && threads <= 64))
      throw new CliError(`--threads は 1〜64 の整数です (got "${threadsText}")`, 2)
    const parsedMap = parseBillMap(readJsonFile(mapFile))
    if (!parsedMap.ok) throw new InputError(mapFile, parsedMap.issues)
    const scenarioFile = flag(args, 'scenario')
    let scenario: Scenario | undefined = scenarioFile
      ? readScenarioFile(scenarioFile).scenario
      : undefined
    let intoDocument: unknown
    if (into) {
      const read = readScenarioFile(into)
      intoDocument = read.document
      scenario ??= read.scenario
    }

    const progress = progressReporter(ctx)
    let result
    try {
      result = await readBillFiles(args.positional, parsedMap.value, {
        rates,
        ...(threads === undefined ? {} : { threads }),
        ...(scenario ? { members: scenario.members } : {}),
        onProgress: (_file, p) => progress.update(p),
      })
    } finally {
      progress.done()
    }
    if (!result.ok) throw new CliError(problemText(result.problem), 2)

    if (into && out) {
      const merged = mergeBillItems(intoDocument, result.value.costs)
      const check = parseScenario(merged)
      if (!check.ok) throw new InputError(`${out} (${into} + bill)`, check.issues)
      writeFileSync(out, JSON.stringify(merged, null, 2) + '\n')
    }
    const names = new Map((scenario?.members ?? []).map((m) => [m.code, m.name]))
    ctx.stdout(
      format === 'json'
        ? JSON.stringify(result.value, null, 2) + '\n'
        : billTable(result.value, names),
    )
    return 0
  },
}
