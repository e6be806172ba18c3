import type { Generated } from 'kysely'

/** 監査ログ: one row per write, never updated or deleted (triggers refuse it). */
export interface AuditLogTable {
  id: Generated<number>
  at: Generated<string | Date>
  token_id: number | null
  /** the token's name (never the token) */
  actor: string
  consortium_id: number | null
  scenario_id: number | null
  action: string
  target: string
  before_json: string | null
  after_json: string | null
}

export interface AuditTables {
  audit_log: AuditLogTable
}
