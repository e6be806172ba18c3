import { matrixMembers, crossQueryTable } from '../../traffic/traffic-report'
import { summarizeTrafficFiles } from '../../traffic/read-traffic-files'
import { flag, oneOf, parseArgs } from '../args'
import type { Command } from '../command'
import { CliError } from '../errors'
import { readScenarioFile } from '../io'
import { progressReporter } from '../../traffic/progress-bar'

export const trafficCommand: Command = {
  name: 'traffic',
  summary: '照会ログを集計する (aggregate traffic logs: requester × provider)',
  usage:
    'warikan traffic <file.csv>... [--format json|table] [--encoding utf-8|shift_jis] [--scenario scenario.json]',
  async run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format', 'encoding', 'scenario'] })
    if (!args.positional.length) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'json', 'format')
    const scenarioFile = flag(args, 'scenario')
    const scenario = scenarioFile ? readScenarioFile(scenarioFile).scenario : undefined
    const progress = progressReporter(ctx)
    const { aggregate, months } = await summarizeTrafficFiles(
      args.positional,
      flag(args, 'encoding'),
      { onProgress: progress.update },
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
