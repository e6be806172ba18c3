import type { Generated, Selectable } from 'kysely'

/** 中期計画: the plan file as given (JSON), one row per plan, versioned. */
export interface PlanTable {
  id: Generated<number>
  consortium_id: number
  title: string
  from_year: number
  to_year: number
  document_json: string
  version: Generated<number>
  created_at: Generated<string | Date>
  updated_at: Generated<string | Date>
}

export interface PlanTables {
  plan: PlanTable
}

export type PlanRow = Selectable<PlanTable>
