import type { Generated, Selectable } from 'kysely'

export interface ExternalServiceTable {
  id: Generated<number>
  consortium_id: number
  /** a member using the service alone; null: the consortium's own */
  member_code: string | null
  name: string
  status: 'applied' | 'approved' | 'refused' | 'inUse' | 'ended'
  entry_json: string
  /** the approval or refusal: who, when, findings, overrides, reason */
  decision_json: string | null
  end_report_json: string | null
  version: Generated<number>
  created_at: Generated<string | Date>
  updated_at: Generated<string | Date>
}

export type ExternalServiceRow = Selectable<ExternalServiceTable>

export interface RegisterTables {
  external_service: ExternalServiceTable
}
