/** All Kysely code for the audit log. Insert and select only: the trail is append-only. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/database'
import { isoTimestamp } from '../scenario/scenario-edit.repository'

type Executor = Kysely<Database> | Transaction<Database>

export interface AuditEntryInput {
  tokenId: number | null
  actor: string
  consortiumId: number | null
  scenarioId: number | null
  action: string
  target: string
  before?: unknown
  after?: unknown
}

export interface AuditEntry {
  id: number
  at: string
  tokenId: number | null
  actor: string
  consortiumId: number | null
  scenarioId: number | null
  action: string
  target: string
  before: unknown
  after: unknown
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v))

export async function insertAuditEntry(db: Executor, e: AuditEntryInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      token_id: e.tokenId,
      actor: e.actor,
      consortium_id: e.consortiumId,
      scenario_id: e.scenarioId,
      action: e.action,
      target: e.target,
      before_json: json(e.before),
      after_json: json(e.after),
    })
    .execute()
}

export async function selectAuditEntries(
  db: Executor,
  filter: { scenarioId?: number; consortiumId?: number; limit: number; beforeId?: number },
): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll()
  if (filter.scenarioId !== undefined) q = q.where('scenario_id', '=', filter.scenarioId)
  if (filter.consortiumId !== undefined) q = q.where('consortium_id', '=', filter.consortiumId)
  if (filter.beforeId !== undefined) q = q.where('id', '<', filter.beforeId)
  const rows = await q.orderBy('id', 'desc').limit(filter.limit).execute()
  return rows.map((r) => ({
    id: r.id,
    at: isoTimestamp(r.at),
    tokenId: r.token_id,
    actor: r.actor,
    consortiumId: r.consortium_id,
    scenarioId: r.scenario_id,
    action: r.action,
    target: r.target,
    before: r.before_json === null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? null : (JSON.parse(r.after_json) as unknown),
  }))
}
