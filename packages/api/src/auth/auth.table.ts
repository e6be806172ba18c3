import type { Generated } from 'kysely'

export interface ApiTokenTable {
  id: Generated<number>
  name: string
  /** sha256 of the token, hex; the token itself is never stored */
  token_hash: string
  created_at: Generated<string | Date>
  revoked_at: string | Date | null
}

export interface ApiTokenRoleTable {
  token_id: number
  consortium_id: number
  role: string
  /** 団体コード, for the `member` role only */
  member_code: string | null
}

export interface AuthTables {
  api_token: ApiTokenTable
  api_token_role: ApiTokenRoleTable
}
