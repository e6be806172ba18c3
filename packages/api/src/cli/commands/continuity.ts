import { continuityCheck } from '../../sla/sla.service'
import { continuityTable } from '../../sla/sla-report'
import { flag, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readJsonFile } from '../io'

export const continuityCommand: CommandHandler = {
  usage: 'warikan continuity <continuity.json> [--format json|table]',
  run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format'] })
    const file = args.positional[0]
    if (!file || args.positional.length > 1) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'table', 'format')
    const report = continuityCheck(readJsonFile(file))
    if (!report.ok) throw new InputError(file, report.issues)
    ctx.stdout(
      format === 'json'
        ? JSON.stringify(report.value, null, 2) + '\n'
        : continuityTable(report.value),
    )
    return 0
  },
}
