/** `warikan fairness`: savings targets, α interval, adjustment, Shapley value and core (docs/fairness.md). */
import { allocate } from '@warikan/core'
import { fairnessTable } from '../../fairness/fairness-report'
import { fairness, fairnessJson } from '../../fairness/fairness.service'
import { flag, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readScenarioFile } from '../io'

export const fairnessCommand: CommandHandler = {
  usage:
    'warikan fairness <scenario.json> [--alpha equal,population] [--seed N] [--format json|table]',
  run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format', 'alpha', 'seed'] })
    const file = args.positional[0]
    if (!file || args.positional.length > 1) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'table', 'format')
    const seed = Number(flag(args, 'seed') ?? 1)
    if (!Number.isSafeInteger(seed)) throw new CliError('--seed は整数です (integer seed)', 2)
    const alphaFlag = flag(args, 'alpha')
    const drivers = alphaFlag?.split(',').map((s) => s.trim())
    if (drivers && drivers.length !== 2)
      throw new CliError(
        '--alpha は2つの按分方法をカンマ区切りで (e.g. --alpha equal,population)',
        2,
      )
    const { scenario } = readScenarioFile(file)
    const allocation = allocate(scenario)
    if (!allocation.ok) throw new InputError(file, allocation.issues)
    const result = fairness(scenario, allocation.value, {
      alpha: drivers as [string, string] | undefined,
      seed,
    })
    if (!result.ok) {
      if (result.reason === 'model') throw new InputError(file, result.issues)
      throw new CliError(`--alpha: ${result.message}`, 2)
    }
    ctx.stdout(
      format === 'json'
        ? JSON.stringify(fairnessJson(result.value), null, 2) + '\n'
        : fairnessTable(result.value),
    )
    return 0
  },
}
