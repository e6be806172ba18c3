/**
 * Stored SLA files, incident logs and continuity files: validated by the core before anything is written,
 * each write and its audit entry in one transaction, optimistic concurrency on `version`.
 */
import type { InputIssue } from '@warikan/core'
import type { Kysely } from 'kysely'
import { recordAudit, type Actor } from '../audit/audit.service'
import { findConsortiumById } from '../auth/auth.repository'
import type { Database } from '../db/database'
import {
  deleteSlaDocumentRow,
  insertSlaDocument,
  selectSlaDocument,
  selectSlaDocuments,
  updateSlaDocumentRow,
  type SlaDocument,
} from './sla.repository'
import type { SlaDocumentKind } from './sla.table'
import { continuityCheck, readIncidents, slaCheck } from './sla.service'

export type { SlaDocument } from './sla.repository'

export type SlaWriteResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'invalid'; issues: InputIssue[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict'; currentVersion: number }

/** The stored text of a document, validated for its kind (an incident log against its SLA file). */
async function validated(
  db: Kysely<Database>,
  consortiumId: number,
  kind: SlaDocumentKind,
  content: unknown,
  slaId: number | null,
): Promise<{ ok: true; text: string } | { ok: false; issues: InputIssue[] }> {
  if (kind === 'incidents') {
    if (typeof content !== 'string')
      return {
        ok: false,
        issues: [{ path: 'content', message: 'CSV の文字列です (expected CSV text)' }],
      }
    if (slaId === null)
      return {
        ok: false,
        issues: [{ path: 'slaId', message: '読み合わせる SLA を指定します (slaId is required)' }],
      }
    const sla = await selectSlaDocument(db, slaId)
    if (!sla || sla.kind !== 'sla' || sla.consortiumId !== consortiumId)
      return {
        ok: false,
        issues: [{ path: 'slaId', message: `SLA ${slaId} がありません (no such SLA file)` }],
      }
    const parsed = slaCheck(JSON.parse(sla.content))
    if (!parsed.ok) return { ok: false, issues: parsed.issues }
    const read = readIncidents(parsed.value.sla, new TextEncoder().encode(content))
    return read.ok ? { ok: true, text: content } : { ok: false, issues: read.issues }
  }
  const check = kind === 'sla' ? slaCheck(content) : continuityCheck(content)
  return check.ok
    ? { ok: true, text: JSON.stringify(content) }
    : { ok: false, issues: check.issues }
}

export const listSlaDocuments = (db: Kysely<Database>, consortiumId: number) =>
  selectSlaDocuments(db, consortiumId)
export const getSlaDocument = (db: Kysely<Database>, id: number) => selectSlaDocument(db, id)

export async function createSlaDocument(
  db: Kysely<Database>,
  consortiumId: number,
  input: { kind: SlaDocumentKind; title: string; content: unknown; slaId?: number | undefined },
  actor: Actor,
): Promise<SlaWriteResult<{ id: number; version: number }>> {
  if (!(await findConsortiumById(db, consortiumId))) return { ok: false, reason: 'not_found' }
  const v = await validated(db, consortiumId, input.kind, input.content, input.slaId ?? null)
  if (!v.ok) return { ok: false, reason: 'invalid', issues: v.issues }
  return db.transaction().execute(async (trx) => {
    const id = await insertSlaDocument(trx, {
      consortiumId,
      kind: input.kind,
      title: input.title,
      slaId: input.slaId ?? null,
      content: v.text,
    })
    await recordAudit(trx, actor, {
      consortiumId,
      scenarioId: null,
      action: `${input.kind}.create`,
      target: `sla_document:${id}`,
      after: { kind: input.kind, title: input.title },
    })
    return { ok: true, value: { id, version: 1 } } as const
  })
}

export async function updateSlaDocument(
  db: Kysely<Database>,
  id: number,
  input: { version: number; title?: string | undefined; content: unknown },
  actor: Actor,
): Promise<SlaWriteResult<{ id: number; version: number }>> {
  const current = await selectSlaDocument(db, id)
  if (!current) return { ok: false, reason: 'not_found' }
  const v = await validated(db, current.consortiumId, current.kind, input.content, current.slaId)
  if (!v.ok) return { ok: false, reason: 'invalid', issues: v.issues }
  return db.transaction().execute(async (trx) => {
    const title = input.title ?? current.title
    const version = await updateSlaDocumentRow(trx, id, input.version, { title, content: v.text })
    if (version === undefined) {
      const now = await selectSlaDocument(trx, id)
      return now
        ? ({ ok: false, reason: 'conflict', currentVersion: now.version } as const)
        : ({ ok: false, reason: 'not_found' } as const)
    }
    await recordAudit(trx, actor, {
      consortiumId: current.consortiumId,
      scenarioId: null,
      action: `${current.kind}.update`,
      target: `sla_document:${id}`,
      before: { version: input.version, title: current.title },
      after: { version, title },
    })
    return { ok: true, value: { id, version } } as const
  })
}

export async function deleteSlaDocument(
  db: Kysely<Database>,
  id: number,
  actor: Actor,
): Promise<SlaWriteResult<{ id: number }>> {
  return db.transaction().execute(async (trx) => {
    const current = await selectSlaDocument(trx, id)
    if (!current || !(await deleteSlaDocumentRow(trx, id)))
      return { ok: false, reason: 'not_found' } as const
    await recordAudit(trx, actor, {
      consortiumId: current.consortiumId,
      scenarioId: null,
      action: `${current.kind}.delete`,
      target: `sla_document:${id}`,
      before: { kind: current.kind, title: current.title, version: current.version },
    })
    return { ok: true, value: { id } } as const
  })
}

/** Parsed content of a stored SLA document (validated when written; validated again here). */
export function slaOf(doc: SlaDocument) {
  return slaCheck(JSON.parse(doc.content))
}

export type { SlaDocumentKind }
