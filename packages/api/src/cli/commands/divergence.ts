import { divergenceReport } from '@warikan/core/traffic'
import { readTrafficFiles } from '../../traffic/read-traffic-files'
import { divergenceTable } from '../../traffic/traffic-report'
import { flag, flagList, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readScenarioFile } from '../io'

export const divergenceCommand: CommandHandler = {
  usage:
    'warikan divergence <scenario.json> --traffic log.csv ... [--cost ID] [--format json|table] [--encoding E]',
  async run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format', 'traffic', 'encoding', 'cost'] })
    const file = args.positional[0]
    const files = flagList(args, 'traffic')
    if (!file || args.positional.length > 1 || !files.length)
      throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'table', 'format')
    const { scenario } = readScenarioFile(file)
    const traffic = await readTrafficFiles(files, flag(args, 'encoding'))
    const costIds = flagList(args, 'cost')
    const report = divergenceReport(scenario, traffic, costIds.length ? { costIds } : {})
    if (!report.ok) throw new InputError(file, report.issues)
    ctx.stdout(
      format === 'json'
        ? JSON.stringify(report.value, null, 2) + '\n'
        : divergenceTable(report.value),
    )
    return 0
  },
}
