import { readFileSync, writeFileSync } from 'node:fs'
import {
  checkEntry,
  impactBand,
  impactScore,
  handlesConfidential,
  SERVICE_STATUSES,
  type ServiceStatus,
} from '@warikan/core/register'
import { CLI_ACTOR } from '../../audit/audit.service'
import { findOrCreateConsortium } from '../../scenario/scenario.repository'
import { ledgerCsv, ledgerXlsx, readLedgerFile } from '../../register/register-file'
import { registerTable } from '../../register/register-report'
import { parseLedger } from '@warikan/core/register'
import {
  consortiumIdByName,
  importLedger,
  listServices,
  todayJst,
  type ServiceView,
} from '../../register/register.service'
import { flag, oneOf, parseArgs } from '../args'
import type { CommandHandler } from '../command'
import { withDatabase } from '../database'
import { CliError, InputError } from '../errors'

const usage = [
  'warikan services list --consortium NAME [--status applied|approved|refused|inUse|ended] [--impact 大|中|少] [--format table|json|csv] [--db FILE]',
  'warikan services check <ledger.csv|ledger.xlsx> [--format table|json]',
  'warikan services import <ledger.csv|ledger.xlsx> --consortium NAME [--db FILE]',
  'warikan services export --consortium NAME --out FILE.csv|FILE.xlsx [--db FILE]',
].join('\n       ')

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file)
  } catch (e) {
    throw new CliError(`${file}: 読み込めません (cannot read): ${(e as Error).message}`, 2)
  }
}

export const servicesCommand: CommandHandler = {
  usage,
  async run(argv, ctx) {
    const [sub, ...rest] = argv
    const args = parseArgs(rest, {
      values: ['consortium', 'status', 'impact', 'format', 'out', 'db'],
    })
    const today = todayJst()
    const needConsortium = () => {
      const name = flag(args, 'consortium')
      if (!name)
        throw new CliError('--consortium で組合名を指定します (--consortium is required)', 2)
      return name
    }

    if (sub === 'check') {
      const file = args.positional[0]
      if (!file || args.positional.length > 1) throw new CliError(`usage: ${usage}`, 2)
      const format = oneOf(flag(args, 'format'), ['table', 'json'] as const, 'table', 'format')
      const read = await readLedgerFile(readBytes(file))
      if (!read.ok) throw new InputError(file, read.issues)
      const parsed = parseLedger(read.value.records, read.value.lines)
      if (!parsed.ok) throw new InputError(file, parsed.issues)
      const views: ServiceView[] = parsed.value.map((r, i) => {
        const impact = impactScore(r.entry)
        return {
          id: i + 1,
          consortiumId: 0,
          status: r.status,
          entry: r.entry,
          decision: null,
          endReport: null,
          version: 1,
          createdAt: '',
          updatedAt: '',
          impact,
          impactBand: impactBand(impact),
          confidential: handlesConfidential(r.entry),
          findings:
            r.status === 'ended' || r.status === 'refused' ? [] : checkEntry(r.entry, today),
        }
      })
      ctx.stdout(
        format === 'json'
          ? JSON.stringify(
              views.map((v) => ({
                line: read.value.lines[v.id]!,
                name: v.entry.name,
                status: v.status,
                impact: v.impact,
                impactBand: v.impactBand,
                confidential: v.confidential,
                findings: v.findings,
              })),
              null,
              2,
            ) + '\n'
          : registerTable(`${file} の確認（${today} 時点）`, views),
      )
      return views.some((v) => v.findings.some((f) => f.blocking)) ? 1 : 0
    }

    if (sub === 'import') {
      const file = args.positional[0]
      if (!file || args.positional.length > 1) throw new CliError(`usage: ${usage}`, 2)
      const name = needConsortium()
      const read = await readLedgerFile(readBytes(file))
      if (!read.ok) throw new InputError(file, read.issues)
      return withDatabase(args, ctx, async ({ db }) => {
        const cid = await findOrCreateConsortium(db, name)
        const r = await importLedger(db, cid, read.value.records, read.value.lines, CLI_ACTOR, file)
        if (!r.ok) {
          if (r.reason === 'invalid') throw new InputError(file, r.issues)
          throw new CliError(`取り込めませんでした (${r.reason})`, 1)
        }
        ctx.stderr(`${r.value.imported} 件を取り込みました (imported): ${file}\n`)
        return 0
      })
    }

    if (sub === 'list' || sub === 'export') {
      if (args.positional.length) throw new CliError(`usage: ${usage}`, 2)
      const name = needConsortium()
      return withDatabase(args, ctx, async ({ db }) => {
        const cid = await consortiumIdByName(db, name)
        if (cid === undefined)
          throw new CliError(`組合「${name}」はありません (unknown consortium)`, 2)
        let list = await listServices(db, cid, today)
        if (sub === 'export') {
          const out = flag(args, 'out')
          if (!out) throw new CliError('--out で出力先を指定します (--out is required)', 2)
          const rows = list.map((s) => ({ entry: s.entry, status: s.status }))
          if (out.endsWith('.xlsx'))
            writeFileSync(out, await ledgerXlsx(rows, `${name} 承認済外部サービス台帳（${today}）`))
          else writeFileSync(out, ledgerCsv(rows))
          ctx.stderr(`${rows.length} 件を書き出しました (exported): ${out}\n`)
          return 0
        }
        const status = flag(args, 'status')
        if (status !== undefined) {
          const s = oneOf(status, SERVICE_STATUSES, 'applied', 'status') as ServiceStatus
          list = list.filter((v) => v.status === s)
        }
        const impact = flag(args, 'impact')
        if (impact !== undefined)
          list = list.filter(
            (v) => v.impactBand === oneOf(impact, ['大', '中', '少'] as const, '大', 'impact'),
          )
        const format = oneOf(
          flag(args, 'format'),
          ['table', 'json', 'csv'] as const,
          'table',
          'format',
        )
        if (format === 'json') ctx.stdout(JSON.stringify(list, null, 2) + '\n')
        else if (format === 'csv')
          ctx.stdout(ledgerCsv(list.map((s) => ({ entry: s.entry, status: s.status }))))
        else ctx.stdout(registerTable(`${name} 外部サービス台帳（${today} 時点）`, list))
        return 0
      })
    }
    throw new CliError(`usage: ${usage}`, 2)
  },
}
