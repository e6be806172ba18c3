/** 監査ログ use cases: writes are recorded inside the caller's transaction; reads page backwards. */
import type { Kysely, Transaction } from 'kysely'
import type { Principal } from '../auth/roles'
import type { Database } from '../db/database'
import {
  insertAuditEntry,
  selectAuditEntries,
  type AuditEntry,
  type AuditEntryInput,
} from './audit.repository'

export type { AuditEntry } from './audit.repository'

/** Who did it: the token's id and name. The token itself is never passed here. */
export interface Actor {
  tokenId: number | null
  name: string
}

export const actorOf = (p: Principal): Actor => ({ tokenId: p.tokenId, name: p.name })

/** The CLI acting on the server's own machine (e.g. `warikan token create`). */
export const CLI_ACTOR: Actor = { tokenId: null, name: 'cli' }

export function recordAudit(
  trx: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  entry: Omit<AuditEntryInput, 'tokenId' | 'actor'>,
): Promise<void> {
  return insertAuditEntry(trx, { ...entry, tokenId: actor.tokenId, actor: actor.name })
}

export function listAudit(
  db: Kysely<Database>,
  filter: { scenarioId?: number; consortiumId?: number; limit?: number; beforeId?: number },
): Promise<AuditEntry[]> {
  return selectAuditEntries(db, {
    ...filter,
    limit: Math.min(Math.max(filter.limit ?? 100, 1), 1000),
  })
}
