/** `warikan whatif`: apply scenario operations and show every member's change (割り勘効果 for a joiner). */
import { allocate, formatPercent, formatYen, formatYenDelta, renderTable } from '@warikan/core'
import {
  applyOperations,
  compareAllocations,
  joinEffect,
  type ScenarioOperation,
} from '@warikan/core/whatif'
import { flag, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readScenarioFile } from '../io'
import { comparisonTable } from './compare'

function parseJsonFlag(name: string, text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new CliError(`--${name}: JSON の構文エラー (malformed JSON): ${(e as Error).message}`, 2)
  }
}

export const whatifCommand: CommandHandler = {
  usage:
    "warikan whatif <scenario.json> [--add-member '{json}'] [--remove-member CODE] [--set-population CODE=N] [--set-rule COSTID='{json}'] [--format json|table]",
  run(argv, ctx) {
    const args = parseArgs(argv, {
      values: ['format', 'add-member', 'remove-member', 'set-population', 'set-rule'],
    })
    const file = args.positional[0]
    if (!file || args.positional.length > 1) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'table', 'format')
    const ops: ScenarioOperation[] = []
    // operations in command-line order
    for (let i = 0; i < argv.length; i++) {
      const m = /^--(add-member|remove-member|set-population|set-rule)(?:=([\s\S]*))?$/.exec(
        argv[i]!,
      )
      if (!m) continue
      const name = m[1]!
      const value = m[2] ?? argv[++i]!
      if (name === 'add-member') {
        const member = parseJsonFlag(name, value) as Extract<
          ScenarioOperation,
          { op: 'addMember' }
        >['member']
        ops.push({ op: 'addMember', member })
      } else if (name === 'remove-member') ops.push({ op: 'removeMember', code: value })
      else {
        const at = value.indexOf('=')
        if (at <= 0)
          throw new CliError(
            `--${name} は KEY=VALUE の形で指定してください (expected KEY=VALUE)`,
            2,
          )
        const key = value.slice(0, at)
        const rest = value.slice(at + 1)
        if (name === 'set-population')
          ops.push({ op: 'setPopulation', code: key, population: Number(rest) })
        else ops.push({ op: 'setRule', costId: key, rule: parseJsonFlag(name, rest) })
      }
    }
    if (ops.length === 0)
      throw new CliError(`操作を1つ以上指定してください (no operation)\nusage: ${this.usage}`, 2)
    const { scenario } = readScenarioFile(file)
    const before = allocate(scenario)
    if (!before.ok) throw new InputError(file, before.issues)
    const changed = applyOperations(scenario, ops)
    if (!changed.ok) throw new InputError(`${file} (whatif)`, changed.issues)
    const after = allocate(changed.value)
    if (!after.ok) throw new InputError(`${file} (whatif)`, after.issues)
    const comparison = compareAllocations(before.value.output, after.value.output)
    const joined = ops.some((o) => o.op === 'addMember')
    const effect = joined ? joinEffect(before.value.output, after.value.output) : undefined
    if (format === 'json') {
      ctx.stdout(
        JSON.stringify(
          { operations: ops, comparison, ...(effect ? { joinEffect: effect } : {}) },
          null,
          2,
        ) + '\n',
      )
      return 0
    }
    const out = [comparisonTable(comparison)]
    if (effect) {
      const total = effect.reduce((a, e) => a + e.saving, 0)
      out.push(
        '',
        `■ 割り勘効果（新規加入による既存団体の負担減、合計 ${formatYen(total)}）`,
        renderTable(
          ['団体', '加入前', '加入後', '負担減', '削減率'],
          effect.map((e) => [
            e.name,
            formatYen(e.before),
            formatYen(e.after),
            formatYenDelta(e.saving),
            e.savingRate === null ? '—' : formatPercent(e.savingRate, 2),
          ]),
          ['left', 'right', 'right', 'right', 'right'],
        ),
      )
    }
    ctx.stdout(out.join('\n') + '\n')
    return 0
  },
}
