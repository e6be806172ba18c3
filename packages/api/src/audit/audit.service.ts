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

/** What a traffic import records (action `traffic.import`, or `traffic.replace` with --force / ?force). */
export interface TrafficImportAudit {
  consortiumId: number
  scenarioId: number
  importId: number
  file: string
  rows: number
  sha256: string
  replaced: boolean
}

/** The audit entry of a traffic import: for the importer to write inside the import's own transaction. */
export function trafficImportEntry(
  t: TrafficImportAudit,
): Omit<AuditEntryInput, 'tokenId' | 'actor'> {
  return {
    consortiumId: t.consortiumId,
    scenarioId: t.scenarioId,
    action: t.replaced ? 'traffic.replace' : 'traffic.import',
    target: `traffic_import:${t.importId}`,
    after: {
      file: t.file,
      rows: t.rows,
      importId: t.importId,
      sha256: t.sha256,
      replaced: t.replaced,
    },
  }
}

/**
 * The same audit row as one SQLite statement, for a writer on its own better-sqlite3 connection (the
 * traffic importer's) to run before its COMMIT: `db.prepare(sql).run(...values)`.
 */
export function auditInsertStatement(
  actor: Actor,
  entry: Omit<AuditEntryInput, 'tokenId' | 'actor'>,
): { sql: string; values: Array<string | number | null> } {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v))
  return {
    sql: 'INSERT INTO audit_log (token_id, actor, consortium_id, scenario_id, action, target, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    values: [
      actor.tokenId,
      actor.name,
      entry.consortiumId,
      entry.scenarioId,
      entry.action,
      entry.target,
      json(entry.before),
      json(entry.after),
    ],
  }
}
