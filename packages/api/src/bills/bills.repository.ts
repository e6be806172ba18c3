/** All Kysely code for bill imports. */
import type { BillCostItem, BillReconciliation } from '@warikan/core/bills'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/database'
import { isoTimestamp } from '../scenario/scenario-edit.repository'
import type { BillImportRow, BillImportTable } from './bills.table'

type Executor = Kysely<Database> | Transaction<Database>

export interface BillImport {
  id: number
  scenarioId: number
  files: string[]
  rows: number
  total: number
  direct: number
  shared: number
  map: Record<string, unknown>
  rates: Record<string, string>
  costs: BillCostItem[]
  reconciliation: BillReconciliation
  importedAt: string
}

export type NewBillImport = Omit<BillImport, 'id' | 'importedAt'>

export function rowToBillImport(row: BillImportRow): BillImport {
  return {
    id: Number(row.id),
    scenarioId: Number(row.scenario_id),
    files: JSON.parse(row.file_names_json) as string[],
    rows: Number(row.row_count),
    total: Number(row.total_yen),
    direct: Number(row.direct_yen),
    shared: Number(row.shared_yen),
    map: JSON.parse(row.map_json) as Record<string, unknown>,
    rates: JSON.parse(row.rates_json) as Record<string, string>,
    costs: JSON.parse(row.costs_json) as BillCostItem[],
    reconciliation: JSON.parse(row.reconciliation_json) as BillReconciliation,
    importedAt: isoTimestamp(row.imported_at),
  }
}

export async function insertBillImport(db: Executor, bill: NewBillImport): Promise<BillImport> {
  const values: Omit<BillImportTable, 'id' | 'imported_at'> = {
    scenario_id: bill.scenarioId,
    file_names_json: JSON.stringify(bill.files),
    row_count: bill.rows,
    total_yen: bill.total,
    direct_yen: bill.direct,
    shared_yen: bill.shared,
    map_json: JSON.stringify(bill.map),
    rates_json: JSON.stringify(bill.rates),
    costs_json: JSON.stringify(bill.costs),
    reconciliation_json: JSON.stringify(bill.reconciliation),
  }
  const row = await db
    .insertInto('bill_import')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow()
  return rowToBillImport(row)
}

export async function selectBillImports(db: Executor, scenarioId: number): Promise<BillImport[]> {
  const rows = await db
    .selectFrom('bill_import')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .orderBy('id', 'desc')
    .execute()
  return rows.map(rowToBillImport)
}
