/** `warikan patterns`: compare the three deployment patterns (表3-6) sized from the members' load. */
import { evaluatePatterns, patternsTable } from '@warikan/core/patterns'
import { flag, oneOf, parseArgs } from '../args'
import type { Command } from '../command'
import { CliError, InputError } from '../errors'
import { readScenarioFile } from '../io'

export const patternsCommand: Command = {
  name: 'patterns',
  summary:
    '共同利用形態（同一業務統合型／団体内業務統合型／複数団体・多種業務統合型）を負荷から比較する (compare deployment patterns)',
  usage: 'warikan patterns <scenario.json> [--format json|table]',
  run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format'] })
    const file = args.positional[0]
    if (!file || args.positional.length > 1) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'table', 'format')
    const { scenario } = readScenarioFile(file)
    const result = evaluatePatterns(scenario)
    if (!result.ok) throw new InputError(file, result.issues)
    ctx.stdout(
      format === 'json'
        ? JSON.stringify(result.value, null, 2) + '\n'
        : patternsTable(result.value),
    )
    return 0
  },
}
