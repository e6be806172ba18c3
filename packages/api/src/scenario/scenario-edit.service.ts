/**
 * Scenario writes for the API: create in a given consortium, update with optimistic concurrency
 * (the `version` column), copy as a what-if, delete. Each write and its audit entry share one transaction.
 */
import { parseScenario, type InputIssue, type ScenarioInput } from '@warikan/core'
import type { Kysely, Transaction } from 'kysely'
import { recordAudit, type Actor } from '../audit/audit.service'
import type { Database } from '../db/database'
import { findConsortiumById } from '../auth/auth.repository'
import {
  bumpScenarioVersion,
  deleteScenarioRow,
  selectScenarioMeta,
  type ScenarioMeta,
} from './scenario-edit.repository'
import { insertScenario, loadScenarioDocument, replaceScenarioContent } from './scenario.repository'

export { isoTimestamp, type ScenarioMeta } from './scenario-edit.repository'

export type WriteResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'invalid'; issues: InputIssue[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict'; currentVersion: number }

export const getScenarioMeta = (
  db: Kysely<Database>,
  id: number,
): Promise<ScenarioMeta | undefined> => selectScenarioMeta(db, id)

/**
 * The scenario belongs to the consortium of the URL: the document's `consortium.name` is replaced by that
 * consortium's name (an exported file re-imported elsewhere keeps working; export shows the owner's name).
 */
function normalise(document: unknown, consortiumName: string): ScenarioInput {
  const doc = structuredClone(document) as ScenarioInput
  return { ...doc, consortium: { ...doc.consortium, name: consortiumName } }
}

const defaultTitle = (doc: ScenarioInput) =>
  `${doc.consortium.fiscalYear}年度 ${doc.consortium.name}`

export async function createScenario(
  db: Kysely<Database>,
  consortiumId: number,
  document: unknown,
  title: string | undefined,
  actor: Actor,
): Promise<WriteResult<{ id: number; version: number }>> {
  const parsed = parseScenario(document)
  if (!parsed.ok) return { ok: false, reason: 'invalid', issues: parsed.issues }
  return db
    .transaction()
    .execute((trx) => createScenarioIn(trx, consortiumId, document, title, actor))
}

/** createScenario inside the caller's transaction (the demo seed writes several rows in one). */
export async function createScenarioIn(
  trx: Transaction<Database>,
  consortiumId: number,
  document: unknown,
  title: string | undefined,
  actor: Actor,
): Promise<WriteResult<{ id: number; version: number }>> {
  const parsed = parseScenario(document)
  if (!parsed.ok) return { ok: false, reason: 'invalid', issues: parsed.issues }
  const consortium = await findConsortiumById(trx, consortiumId)
  if (!consortium) return { ok: false, reason: 'not_found' } as const
  const doc = normalise(document, consortium.name)
  const stored = title ?? defaultTitle(doc)
  const id = await insertScenario(trx, consortiumId, doc, stored)
  await recordAudit(trx, actor, {
    consortiumId,
    scenarioId: id,
    action: 'scenario.create',
    target: `scenario:${id}`,
    after: { title: stored, version: 1, document: doc },
  })
  return { ok: true, value: { id, version: 1 } } as const
}

export async function updateScenario(
  db: Kysely<Database>,
  id: number,
  expectedVersion: number,
  document: unknown,
  title: string | undefined,
  actor: Actor,
): Promise<WriteResult<{ id: number; version: number }>> {
  const parsed = parseScenario(document)
  if (!parsed.ok) return { ok: false, reason: 'invalid', issues: parsed.issues }
  return db.transaction().execute(async (trx) => {
    const meta = await selectScenarioMeta(trx, id)
    if (!meta) return { ok: false, reason: 'not_found' } as const
    if (meta.version !== expectedVersion)
      return { ok: false, reason: 'conflict', currentVersion: meta.version } as const
    const before = await loadScenarioDocument(trx, id)
    // The guarded UPDATE is what serialises two concurrent editors: only one matches the old version.
    if (!(await bumpScenarioVersion(trx, id, expectedVersion, title))) {
      const now = await selectScenarioMeta(trx, id)
      return {
        ok: false,
        reason: 'conflict',
        currentVersion: now?.version ?? expectedVersion,
      } as const
    }
    const consortium = await findConsortiumById(trx, meta.consortiumId)
    const doc = normalise(document, consortium?.name ?? '')
    await replaceScenarioContent(trx, id, doc)
    await recordAudit(trx, actor, {
      consortiumId: meta.consortiumId,
      scenarioId: id,
      action: 'scenario.update',
      target: `scenario:${id}`,
      before: { title: meta.title, version: meta.version, document: before },
      after: { title: title ?? meta.title, version: meta.version + 1, document: doc },
    })
    return { ok: true, value: { id, version: meta.version + 1 } } as const
  })
}

export async function copyScenario(
  db: Kysely<Database>,
  id: number,
  title: string | undefined,
  actor: Actor,
): Promise<WriteResult<{ id: number; version: number }>> {
  return db.transaction().execute(async (trx) => {
    const meta = await selectScenarioMeta(trx, id)
    const doc = meta ? await loadScenarioDocument(trx, id) : undefined
    if (!meta || !doc) return { ok: false, reason: 'not_found' } as const
    const newTitle = title ?? `${meta.title}（コピー）`
    const newId = await insertScenario(trx, meta.consortiumId, doc, newTitle)
    await recordAudit(trx, actor, {
      consortiumId: meta.consortiumId,
      scenarioId: newId,
      action: 'scenario.copy',
      target: `scenario:${newId}`,
      after: { from: id, fromVersion: meta.version, title: newTitle, version: 1 },
    })
    return { ok: true, value: { id: newId, version: 1 } } as const
  })
}

export async function deleteScenario(
  db: Kysely<Database>,
  id: number,
  actor: Actor,
): Promise<WriteResult<{ id: number }>> {
  return db.transaction().execute(async (trx) => {
    const meta = await selectScenarioMeta(trx, id)
    const doc = meta ? await loadScenarioDocument(trx, id) : undefined
    if (!meta) return { ok: false, reason: 'not_found' } as const
    await recordAudit(trx, actor, {
      consortiumId: meta.consortiumId,
      scenarioId: id,
      action: 'scenario.delete',
      target: `scenario:${id}`,
      before: { title: meta.title, version: meta.version, document: doc },
    })
    await deleteScenarioRow(trx, id)
    return { ok: true, value: { id } } as const
  })
}
