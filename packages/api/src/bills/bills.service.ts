/**
 * Bill uploads: FOCUS files + map → cost items and reconciliation, stored with one audit entry in one
 * transaction. All-or-nothing: the first bad row (file, line, column) stores nothing.
 */
import type { Kysely } from 'kysely'
import {
  formatDecimal,
  parseBillMap,
  parseDecimal,
  type BillProblem,
  type ScaledDecimal,
} from '@warikan/core/bills'
import type { InputIssue } from '@warikan/core'
import { recordAudit, type Actor } from '../audit/audit.service'
import type { Database } from '../db/database'
import { loadScenario } from '../scenario/scenario.service'
import { insertBillImport, selectBillImports, type BillImport } from './bills.repository'
import { readBillTexts } from './read-bill-files'

export type { BillImport } from './bills.repository'

export interface BillUpload {
  map: unknown
  rates?: Record<string, string | number> | undefined
  files: Array<{ name: string; text: string }>
}

export type BillImportOutcome =
  | { ok: true; value: BillImport }
  | { ok: false; reason: 'no-scenario' }
  | { ok: false; reason: 'invalid'; issues: InputIssue[] }
  | { ok: false; reason: 'invalid-row'; problem: BillProblem }

function readRates(raw: BillUpload['rates']): {
  rates: Record<string, ScaledDecimal>
  issues: InputIssue[]
} {
  const rates: Record<string, ScaledDecimal> = {}
  const issues: InputIssue[] = []
  for (const [currency, value] of Object.entries(raw ?? {})) {
    const rate = parseDecimal(String(value))
    if (!/^[A-Z]{3}$/.test(currency) || !rate || rate.m <= 0n)
      issues.push({
        path: `rates.${currency}`,
        message: `正の数のレートが必要です: ${String(value)} (rate must be a positive decimal)`,
      })
    else if (currency !== 'JPY') rates[currency] = rate
  }
  return { rates, issues }
}

export async function importBills(
  db: Kysely<Database>,
  scenarioId: number,
  consortiumId: number,
  upload: BillUpload,
  actor: Actor,
): Promise<BillImportOutcome> {
  const loaded = await loadScenario(db, scenarioId)
  if (!loaded) return { ok: false, reason: 'no-scenario' }
  if (!loaded.ok) return { ok: false, reason: 'invalid', issues: loaded.issues }
  const map = parseBillMap(upload.map)
  const { rates, issues } = readRates(upload.rates)
  if (!map.ok || issues.length)
    return {
      ok: false,
      reason: 'invalid',
      issues: [
        ...(map.ok ? [] : map.issues.map((i) => ({ ...i, path: `map.${i.path}` }))),
        ...issues,
      ],
    }
  const result = readBillTexts(upload.files, map.value, { rates, members: loaded.scenario.members })
  if (!result.ok) return { ok: false, reason: 'invalid-row', problem: result.problem }
  const rec = result.value.reconciliation
  return db.transaction().execute(async (trx) => {
    const stored = await insertBillImport(trx, {
      scenarioId,
      files: upload.files.map((f) => f.name),
      rows: rec.files.reduce((a, f) => a + f.rows, 0),
      total: rec.total,
      direct: rec.direct,
      shared: rec.shared,
      map: map.value as Record<string, unknown>,
      rates: Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, formatDecimal(v)])),
      costs: result.value.costs,
      reconciliation: rec,
    })
    await recordAudit(trx, actor, {
      consortiumId,
      scenarioId,
      action: 'bills.import',
      target: `bill_import:${stored.id}`,
      after: {
        files: stored.files,
        rows: stored.rows,
        total: stored.total,
        direct: stored.direct,
        shared: stored.shared,
        items: result.value.costs.map((c) => ({ id: c.id, amount: c.amount })),
      },
    })
    return { ok: true as const, value: stored }
  })
}

export const listBills = (db: Kysely<Database>, scenarioId: number): Promise<BillImport[]> =>
  selectBillImports(db, scenarioId)
