import { writeFileSync } from 'node:fs'
import {
  allocate,
  formatInteger,
  parseScenario,
  settle,
  settlementMismatch,
  withSettlement,
} from '@warikan/core'
import { costNames, settlementCsv, settlementTable } from '../../settlement/settlement-report'
import { flag, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readScenarioFile } from '../io'

function allocated(file: string) {
  const { scenario } = readScenarioFile(file)
  const result = allocate(scenario)
  if (!result.ok) throw new InputError(file, result.issues)
  return { scenario, output: result.value.output }
}

export const settleCommand: CommandHandler = {
  usage:
    'warikan settle <budget.json> <actual.json> [--format json|table|csv] [--next next.json --out file]',
  run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format', 'next', 'out'] })
    const [budgetFile, actualFile] = args.positional
    if (!budgetFile || !actualFile || args.positional.length > 2)
      throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table', 'csv'] as const, 'table', 'format')
    const nextFile = flag(args, 'next')
    const outFile = flag(args, 'out')
    if ((nextFile === undefined) !== (outFile === undefined))
      throw new CliError('--next と --out は一緒に指定してください (--next needs --out)', 2)

    const budget = allocated(budgetFile)
    const actual = allocated(actualFile)
    const mismatch = settlementMismatch(budget.scenario, actual.scenario)
    if (mismatch.length) throw new InputError(`${budgetFile}, ${actualFile}`, mismatch)
    const result = settle(budget, actual)
    if (!result.ok) throw new InputError(`${budgetFile}, ${actualFile}`, result.issues)
    const settlement = result.value

    let written: string | undefined
    if (nextFile !== undefined && outFile !== undefined) {
      const next = readScenarioFile(nextFile)
      if (typeof next.document !== 'object' || next.document === null)
        throw new InputError(nextFile, [
          { path: '(root)', message: 'オブジェクトではありません (not an object)' },
        ])
      const doc = withSettlement(
        next.document as Record<string, unknown>,
        next.scenario,
        settlement,
      )
      if (!doc.ok) throw new InputError(nextFile, doc.issues)
      const check = parseScenario(doc.value)
      if (!check.ok) throw new InputError(nextFile, check.issues)
      try {
        writeFileSync(outFile, JSON.stringify(doc.value, null, 2) + '\n')
      } catch (e) {
        throw new CliError(`${outFile}: 書き込めません (cannot write): ${(e as Error).message}`, 2)
      }
      written = `${outFile}: 次年度シナリオに精算額 ${formatInteger(settlement.members.filter((m) => m.settlement !== 0).length)} 団体分を追加しました (next year's scenario written)\n`
    }

    const names = costNames(budget.scenario, actual.scenario)
    if (format === 'json') ctx.stdout(JSON.stringify(settlement, null, 2) + '\n')
    else if (format === 'csv') ctx.stdout(settlementCsv(settlement, names))
    else ctx.stdout(settlementTable(actual.scenario.consortium.name, settlement, names))
    if (written) ctx.stderr(written)
    return 0
  },
}
