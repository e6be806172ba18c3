import {
  allocateCompiledPlan,
  compilePlan,
  parseRateOverrides,
  planYearScenario,
  type CompiledPlan,
  type PlanDecimal,
} from '@warikan/core'
import { planCsv, planTable } from '../../plan/plan-report'
import { readTrafficFiles } from '../../traffic/read-traffic-files'
import { flag, flagList, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readJsonFile } from '../io'

/** `--rate USD=160` (repeatable) → { USD: "160" } */
export function parseRateFlags(values: string[]): Record<string, PlanDecimal> {
  const all = parseRateOverrides(values)
  if (!all.ok) throw new CliError(`--rate ${all.issues[0]!.message}`, 2)
  return all.value
}

export const planCommand: CommandHandler = {
  usage:
    'warikan plan <plan.json> [--traffic log.csv ...] [--rate USD=160] [--format json|table|csv] [--year Y]',
  async run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format', 'traffic', 'rate', 'year', 'encoding'] })
    const file = args.positional[0]
    if (!file || args.positional.length > 1) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table', 'csv'] as const, 'table', 'format')
    const rates = parseRateFlags(flagList(args, 'rate'))
    const compiled = compilePlan(readJsonFile(file), { rates })
    if (!compiled.ok) throw new InputError(file, compiled.issues)
    const plan = compiled.value

    const yearFlag = flag(args, 'year')
    if (yearFlag !== undefined) {
      ctx.stdout(JSON.stringify(yearDocument(file, plan, yearFlag), null, 2) + '\n')
      return 0
    }
    const trafficFiles = flagList(args, 'traffic')
    const traffic = trafficFiles.length
      ? await readTrafficFiles(trafficFiles, flag(args, 'encoding'))
      : undefined
    const result = allocateCompiledPlan(plan, traffic ? { traffic } : {})
    if (!result.ok) throw new InputError(file, result.issues)
    if (format === 'json') ctx.stdout(JSON.stringify(result.value.output, null, 2) + '\n')
    else if (format === 'csv') ctx.stdout(planCsv(result.value))
    else {
      const minSavingsRate = (plan.plan.target as { minSavingsRate?: number } | undefined)
        ?.minSavingsRate
      ctx.stdout(
        planTable(result.value, {
          ...(plan.plan.plan.title ? { title: plan.plan.plan.title } : {}),
          consortium: plan.plan.consortium.name,
          ...(typeof minSavingsRate === 'number' ? { minSavingsRate } : {}),
        }),
      )
    }
    return 0
  },
}

/** `--year Y`: the year's scenario (validated as a scenario file). */
function yearDocument(file: string, plan: CompiledPlan, value: string): Record<string, unknown> {
  const year = Number(value)
  if (!/^\d{4}$/.test(value) || year < plan.from || year > plan.to)
    throw new CliError(
      `--year ${value}: 計画の年度 ${plan.from}〜${plan.to} のいずれかです (not a fiscal year of the plan)`,
      2,
    )
  const r = planYearScenario(plan, year)
  if (!r.ok) throw new InputError(file, r.issues)
  return r.value.year.document
}
