/** `warikan compare <a.json> <b.json>`: two allocations (or scenarios) member by member, in yen and %. */
import {
  allocate,
  formatPercent,
  formatYen,
  formatYenDelta,
  parseScenario,
  renderTable,
  type AllocationOutput,
} from '@warikan/core'
import type { AllocationComparison } from '@warikan/core/whatif'
import { compareOutputs } from '../../whatif/compare.service'
import { flag, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readJsonFile } from '../io'

/** A file holding either `warikan allocate --format json` output or a scenario (allocated here). */
export function readAllocationOrScenario(file: string): AllocationOutput {
  const doc = readJsonFile(file) as Record<string, unknown> | null
  if (doc && typeof doc === 'object' && 'version' in doc) {
    const s = parseScenario(doc)
    if (!s.ok) throw new InputError(file, s.issues)
    const a = allocate(s.value)
    if (!a.ok) throw new InputError(file, a.issues)
    return a.value.output
  }
  const members = doc?.members
  if (
    !Array.isArray(members) ||
    members.some(
      (m: { code?: unknown; total?: unknown }) =>
        typeof m?.code !== 'string' || !Number.isSafeInteger(m?.total),
    )
  )
    throw new InputError(file, [
      {
        path: 'members',
        message:
          '按分結果 (allocate --format json) でもシナリオでもありません (expected an allocation or a scenario)',
      },
    ])
  return doc as unknown as AllocationOutput
}

export function comparisonTable(c: AllocationComparison, headers = ['変更前', '変更後']): string {
  return renderTable(
    ['団体コード', '団体', headers[0]!, headers[1]!, '差額', '増減率'],
    [
      ...c.rows.map((r) => [
        r.code,
        r.name,
        r.before === undefined ? '—' : formatYen(r.before),
        r.after === undefined ? '—' : formatYen(r.after),
        formatYenDelta(r.diff),
        r.percent === null ? '—' : formatPercent(r.percent, 2),
      ]),
      [
        '',
        '合計',
        formatYen(c.totalBefore),
        formatYen(c.totalAfter),
        formatYenDelta(c.totalDiff),
        '',
      ],
    ],
    ['left', 'left', 'right', 'right', 'right', 'right'],
  )
}

export const compareCommand: CommandHandler = {
  usage: 'warikan compare <a.json> <b.json> [--format json|table]',
  run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format'] })
    if (args.positional.length !== 2) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'table', 'format')
    const [fa, fb] = args.positional as [string, string]
    const c = compareOutputs(readAllocationOrScenario(fa), readAllocationOrScenario(fb))
    ctx.stdout(format === 'json' ? JSON.stringify(c, null, 2) + '\n' : comparisonTable(c) + '\n')
    return 0
  },
}
