import type { Generated, Selectable } from 'kysely'

/** One bill upload (FOCUS files → cost items), with what it produced and its reconciliation. */
export interface BillImportTable {
  id: Generated<number>
  scenario_id: number
  /** JSON array of the uploaded file names */
  file_names_json: string
  row_count: number
  total_yen: number
  direct_yen: number
  shared_yen: number
  map_json: string
  rates_json: string
  /** JSON array of the produced scenario cost items */
  costs_json: string
  reconciliation_json: string
  imported_at: Generated<string | Date>
}

export interface BillTables {
  bill_import: BillImportTable
}

export type BillImportRow = Selectable<BillImportTable>
