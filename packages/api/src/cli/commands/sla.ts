import { readFileSync, writeFileSync } from 'node:fs'
import { applyCredits, readIncidents, slaCheck, slaReport } from '../../sla/sla.service'
import { availabilityTable, gradeTable } from '../../sla/sla-report'
import { flag, flagList, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { CliError, InputError } from '../errors'
import { readJsonFile } from '../io'

const usage = [
  'warikan sla check <sla.json> [--format json|table]',
  'warikan sla report <sla.json> <incidents.csv> [--month YYYY-MM ...] [--format json|table] [--into scenario.json --out file]',
].join('\n       ')

export const slaCommand: CommandHandler = {
  usage,
  run(argv, ctx) {
    const [sub, ...rest] = argv
    const args = parseArgs(rest, { values: ['format', 'month', 'into', 'out'] })
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'table', 'format')
    if (sub === 'check') {
      const file = args.positional[0]
      if (!file || args.positional.length > 1) throw new CliError(`usage: ${usage}`, 2)
      const checked = slaCheck(readJsonFile(file))
      if (!checked.ok) throw new InputError(file, checked.issues)
      ctx.stdout(
        format === 'json'
          ? JSON.stringify({ findings: checked.value.findings }, null, 2) + '\n'
          : gradeTable(checked.value.sla, checked.value.findings),
      )
      return checked.value.findings.some((f) => f.status !== 'ok') ? 1 : 0
    }
    if (sub === 'report') {
      const [slaFile, incidentsFile] = args.positional
      if (!slaFile || !incidentsFile || args.positional.length > 2)
        throw new CliError(`usage: ${usage}`, 2)
      const checked = slaCheck(readJsonFile(slaFile))
      if (!checked.ok) throw new InputError(slaFile, checked.issues)
      const sla = checked.value.sla
      let bytes: Uint8Array
      try {
        bytes = readFileSync(incidentsFile)
      } catch (e) {
        throw new CliError(
          `${incidentsFile}: 読み込めません (cannot read): ${(e as Error).message}`,
          2,
        )
      }
      const incidents = readIncidents(sla, bytes)
      if (!incidents.ok) throw new InputError(incidentsFile, incidents.issues)
      const report = slaReport(sla, incidents.value, flagList(args, 'month'))
      if (!report.ok) throw new InputError('--month', report.issues)
      const into = flag(args, 'into')
      const out = flag(args, 'out')
      if (into !== undefined || out !== undefined) {
        if (!into || !out)
          throw new CliError('--into と --out は一緒に指定します (--into needs --out)', 2)
        const doc = readJsonFile(into)
        if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
          throw new InputError(into, [
            { path: '(root)', message: 'シナリオではありません (not a scenario)' },
          ])
        const merged = applyCredits(sla, report.value, doc as Record<string, unknown>)
        if (!merged.ok) throw new InputError(slaFile, merged.issues)
        writeFileSync(out, JSON.stringify(merged.value.scenario, null, 2) + '\n')
        ctx.stderr(
          merged.value.applied.length
            ? merged.value.applied
                .map((a) => `${a.costId}: ${a.name} −¥${a.amount.toLocaleString('ja-JP')}`)
                .join('\n') + `\n→ ${out}\n`
            : `減額はありません。${out} はシナリオのままです (no credits)\n`,
        )
      }
      ctx.stdout(
        format === 'json'
          ? JSON.stringify(report.value, null, 2) + '\n'
          : availabilityTable(report.value),
      )
      return 0
    }
    throw new CliError(`usage: ${usage}`, 2)
  },
}
