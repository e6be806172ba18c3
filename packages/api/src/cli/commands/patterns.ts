/** `warikan patterns`: compare the three deployment patterns (表3-6) sized from the members' load. */
import { evaluatePatterns, patternsTable, type Weights } from '@warikan/core/patterns'
import { flag, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readScenarioFile } from '../io'

export const patternsCommand: CommandHandler = {
  usage:
    'warikan patterns <scenario.json> [--format json|table] [--weights cost=0.4,blastRadius=0.3,coupling=0.15,collisions=0.15]',
  run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format', 'weights'] })
    const file = args.positional[0]
    if (!file || args.positional.length > 1) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'table', 'format')
    const { scenario } = readScenarioFile(file)
    const weights = parseWeights(flag(args, 'weights'))
    const result = evaluatePatterns(scenario, weights ? { weights } : {})
    if (!result.ok) throw new InputError(file, result.issues)
    ctx.stdout(
      format === 'json'
        ? JSON.stringify(result.value, null, 2) + '\n'
        : patternsTable(result.value),
    )
    return 0
  },
}

const WEIGHT_KEYS = ['cost', 'blastRadius', 'coupling', 'collisions'] as const

/** `--weights cost=0.5,collisions=0` → planner-adjusted weights (the others keep the scenario's). */
function parseWeights(text: string | undefined): Partial<Weights> | undefined {
  if (text === undefined) return undefined
  const out: Partial<Weights> = {}
  for (const part of text.split(',')) {
    const [key, value] = part.split('=').map((x) => x.trim())
    if (!WEIGHT_KEYS.includes(key as (typeof WEIGHT_KEYS)[number]))
      throw new CliError(`--weights: 不明な項目 "${key}" (use ${WEIGHT_KEYS.join(', ')})`, 2)
    const n = Number(value)
    if (value === undefined || value === '' || !Number.isFinite(n) || n < 0)
      throw new CliError(
        `--weights: ${key} の値 "${value ?? ''}" は0以上の数値ではありません (must be ≥ 0)`,
        2,
      )
    out[key as keyof Weights] = n
  }
  return out
}
