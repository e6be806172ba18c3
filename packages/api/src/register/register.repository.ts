/** All Kysely code for the external-service register. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type {
  EndReport,
  Override,
  RegisterFinding,
  ServiceEntry,
  ServiceStatus,
} from '@warikan/core/register'
import type { Database } from '../db/database'
import { isoTimestamp } from '../scenario/scenario-edit.repository'
import type { ExternalServiceRow } from './register.table'

type Executor = Kysely<Database> | Transaction<Database>

/** The 許可権限者's decision on an application, as stored with it. */
export interface ServiceDecision {
  action: 'approve' | 'refuse'
  by: string
  on: string
  findings: RegisterFinding[]
  overrides: Override[]
  reason?: string
}

export interface StoredService {
  id: number
  consortiumId: number
  status: ServiceStatus
  entry: ServiceEntry
  decision: ServiceDecision | null
  endReport: EndReport | null
  version: number
  createdAt: string
  updatedAt: string
}

export const rowToStoredService = (r: ExternalServiceRow): StoredService => ({
  id: r.id,
  consortiumId: r.consortium_id,
  status: r.status,
  entry: JSON.parse(r.entry_json) as ServiceEntry,
  decision: r.decision_json === null ? null : (JSON.parse(r.decision_json) as ServiceDecision),
  endReport: r.end_report_json === null ? null : (JSON.parse(r.end_report_json) as EndReport),
  version: r.version,
  createdAt: isoTimestamp(r.created_at),
  updatedAt: isoTimestamp(r.updated_at),
})

export async function selectService(db: Executor, id: number): Promise<StoredService | undefined> {
  const r = await db
    .selectFrom('external_service')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return r ? rowToStoredService(r) : undefined
}

export async function selectServices(db: Executor, consortiumId: number): Promise<StoredService[]> {
  const rows = await db
    .selectFrom('external_service')
    .selectAll()
    .where('consortium_id', '=', consortiumId)
    .orderBy('id')
    .execute()
  return rows.map(rowToStoredService)
}

export async function insertService(
  db: Executor,
  consortiumId: number,
  entry: ServiceEntry,
  status: ServiceStatus,
): Promise<number> {
  const r = await db
    .insertInto('external_service')
    .values({
      consortium_id: consortiumId,
      member_code: entry.memberCode ?? null,
      name: entry.name,
      status,
      entry_json: JSON.stringify(entry),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return r.id
}

/** Writes when the stored version is `version`; the new version, or undefined when stale. */
export async function updateServiceRow(
  db: Executor,
  id: number,
  version: number,
  change: {
    entry?: ServiceEntry
    status?: ServiceStatus
    decision?: ServiceDecision
    endReport?: EndReport
  },
): Promise<number | undefined> {
  const r = await db
    .updateTable('external_service')
    .set({
      ...(change.entry
        ? {
            entry_json: JSON.stringify(change.entry),
            name: change.entry.name,
            member_code: change.entry.memberCode ?? null,
          }
        : {}),
      ...(change.status ? { status: change.status } : {}),
      ...(change.decision !== undefined ? { decision_json: JSON.stringify(change.decision) } : {}),
      ...(change.endReport !== undefined
        ? { end_report_json: JSON.stringify(change.endReport) }
        : {}),
      version: sql<number>`version + 1`,
      updated_at: sql`CURRENT_TIMESTAMP`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst()
  return r?.version
}

export async function selectConsortiumIdByName(
  db: Executor,
  name: string,
): Promise<number | undefined> {
  const r = await db
    .selectFrom('consortium')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst()
  return r?.id
}
