import type { Generated } from 'kysely'

export interface ApiTokenTable {
  id: Generated<number>
  name: string
  /** sha256 of the token, hex; the token itself is never stored */
  token_hash: string
  created_at: Generated<string | Date>
  revoked_at: string | Date | null
  /** the token stops working after this instant; null = never (tokens issued before expiry existed) */
  expires_at: string | Date | null
  /** 1 = issued by `serve --demo`: accepted only while the server runs with --demo */
  demo: Generated<number>
}

/** The demo token itself (public by design), so `serve --demo` reuses it across restarts. */
export interface DemoSessionTable {
  token_id: number
  token: string
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
  demo_session: DemoSessionTable
}
