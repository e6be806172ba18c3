import { renderTopologySvg } from '@warikan/core/network'
import { networkTable } from '../../network/network-report'
import { checkNetworkDocument, findingsJson } from '../../network/network.service'
import { flag, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readJsonFile } from '../io'

export const networkCommand: CommandHandler = {
  usage: 'warikan network <topology.json> [--format json|table|svg] [--explain]',
  run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format'], booleans: ['explain'] })
    const file = args.positional[0]
    if (!file || args.positional.length > 1) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table', 'svg'] as const, 'table', 'format')
    const checked = checkNetworkDocument(readJsonFile(file))
    if (!checked.ok) throw new InputError(file, checked.issues)
    const { topology, result } = checked
    // --explain adds explanation, source and fix to the JSON (table and svg always show them)
    if (format === 'json')
      ctx.stdout(JSON.stringify(findingsJson(result, args.booleans.has('explain')), null, 2) + '\n')
    else if (format === 'svg') ctx.stdout(renderTopologySvg(topology, result.findings))
    else ctx.stdout(networkTable(topology, result))
    return 0
  },
}
