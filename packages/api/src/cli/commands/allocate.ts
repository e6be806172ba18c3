import { allocate, explainAdjustments, explainMember } from '@warikan/core'
import { allocationCsv, allocationTable, explanationText } from '../../allocation/allocation-report'
import { allocationFocusCsv } from '../../bills/allocation-focus'
import { readTrafficFiles } from '../../traffic/read-traffic-files'
import { flag, flagList, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readScenarioFile } from '../io'

export const allocateCommand: CommandHandler = {
  usage:
    'warikan allocate <scenario.json> [--traffic log.csv ...] [--format json|table|csv|focus] [--explain CODE]',
  async run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format', 'traffic', 'explain', 'encoding'] })
    const file = args.positional[0]
    if (!file || args.positional.length > 1) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(
      flag(args, 'format'),
      ['json', 'table', 'csv', 'focus'] as const,
      'table',
      'format',
    )
    const { scenario } = readScenarioFile(file)
    const trafficFiles = flagList(args, 'traffic')
    const traffic = trafficFiles.length
      ? await readTrafficFiles(trafficFiles, flag(args, 'encoding'))
      : undefined
    const result = allocate(scenario, traffic ? { traffic } : {})
    if (!result.ok) throw new InputError(file, result.issues)
    const code = flag(args, 'explain')
    if (code !== undefined) {
      if (!scenario.members.some((m) => m.code === code)) {
        throw new CliError(
          `--explain ${code}: この団体コードはシナリオにありません (unknown member)`,
          2,
        )
      }
      const items = explainMember(result.value, code)
      const adjustments = explainAdjustments(result.value, code)
      ctx.stdout(
        format === 'json'
          ? JSON.stringify(
              { code, explanations: items, ...(adjustments.length ? { adjustments } : {}) },
              null,
              2,
            ) + '\n'
          : explanationText(scenario, code, items, adjustments),
      )
      return 0
    }
    if (format === 'json') ctx.stdout(JSON.stringify(result.value.output, null, 2) + '\n')
    else if (format === 'csv') ctx.stdout(allocationCsv(scenario, result.value))
    else if (format === 'focus') ctx.stdout(allocationFocusCsv(scenario, result.value))
    else ctx.stdout(allocationTable(scenario, result.value))
    return 0
  },
}
