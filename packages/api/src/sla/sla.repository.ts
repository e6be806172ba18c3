/** All Kysely code for stored SLA files, incident logs and continuity files. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/database'
import { isoTimestamp } from '../scenario/scenario-edit.repository'
import type { SlaDocumentKind, SlaDocumentRow } from './sla.table'

type Executor = Kysely<Database> | Transaction<Database>

export interface SlaDocument {
  id: number
  consortiumId: number
  kind: SlaDocumentKind
  title: string
  slaId: number | null
  content: string
  version: number
  updatedAt: string
}

export const rowToSlaDocument = (r: SlaDocumentRow): SlaDocument => ({
  id: r.id,
  consortiumId: r.consortium_id,
  kind: r.kind,
  title: r.title,
  slaId: r.sla_id,
  content: r.content,
  version: r.version,
  updatedAt: isoTimestamp(r.updated_at),
})

export async function selectSlaDocument(
  db: Executor,
  id: number,
): Promise<SlaDocument | undefined> {
  const row = await db
    .selectFrom('sla_document')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? rowToSlaDocument(row) : undefined
}

export async function selectSlaDocuments(
  db: Executor,
  consortiumId: number,
): Promise<SlaDocument[]> {
  const rows = await db
    .selectFrom('sla_document')
    .selectAll()
    .where('consortium_id', '=', consortiumId)
    .orderBy('id')
    .execute()
  return rows.map(rowToSlaDocument)
}

export async function insertSlaDocument(
  db: Executor,
  d: {
    consortiumId: number
    kind: SlaDocumentKind
    title: string
    slaId: number | null
    content: string
  },
): Promise<number> {
  const row = await db
    .insertInto('sla_document')
    .values({
      consortium_id: d.consortiumId,
      kind: d.kind,
      title: d.title,
      sla_id: d.slaId,
      content: d.content,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Updates when the stored version is `version`; returns the new version, or undefined on a stale version. */
export async function updateSlaDocumentRow(
  db: Executor,
  id: number,
  version: number,
  change: { title: string; content: string },
): Promise<number | undefined> {
  const r = await db
    .updateTable('sla_document')
    .set({
      title: change.title,
      content: change.content,
      version: sql<number>`version + 1`,
      updated_at: sql`CURRENT_TIMESTAMP`,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst()
  return r?.version
}

export async function deleteSlaDocumentRow(db: Executor, id: number): Promise<boolean> {
  const r = await db.deleteFrom('sla_document').where('id', '=', id).executeTakeFirst()
  return Number(r.numDeletedRows) > 0
}
