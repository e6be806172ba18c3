/**
 * Plan (中期計画) use cases: validate with the core, own the transaction and its audit entry, optimistic
 * concurrency on `version`; expansions and allocations are computed from the stored plan on read.
 */
import {
  allocateCompiledPlan,
  formatFiscalYear,
  parseRateOverrides,
  planYearScenario,
  validatePlan,
  type CompiledPlan,
  type InputIssue,
  type PlanAllocation,
  type PlanDecimal,
  type Result,
} from '@warikan/core'
import type { Kysely } from 'kysely'
import { recordAudit, type Actor } from '../audit/audit.service'
import { findConsortiumById } from '../auth/auth.repository'
import type { Database } from '../db/database'
import { createScenario, type WriteResult } from '../scenario/scenario-edit.service'
import {
  deletePlanRow,
  insertPlan,
  selectPlan,
  selectPlans,
  updatePlanRow,
  type PlanMeta,
  type StoredPlan,
} from './plan.repository'

export type { PlanMeta, StoredPlan } from './plan.repository'

export const listPlans = (db: Kysely<Database>, consortiumId: number): Promise<PlanMeta[]> =>
  selectPlans(db, consortiumId)

export const getPlan = (db: Kysely<Database>, id: number): Promise<StoredPlan | undefined> =>
  selectPlan(db, id)

/** `USD=160` or `USD=160,EUR=170` (the API's ?rate=). */
export const parseRates = (text: string | undefined): Result<Record<string, PlanDecimal>> =>
  parseRateOverrides(text === undefined ? [] : [text])

/** The plan belongs to the URL's consortium: its `consortium.name` is that consortium's name. */
function normalise(document: unknown, consortiumName: string): Record<string, unknown> {
  const doc = structuredClone(document) as Record<string, unknown>
  const consortium = (doc.consortium ?? {}) as Record<string, unknown>
  return { ...doc, consortium: { ...consortium, name: consortiumName } }
}

const titleOf = (doc: Record<string, unknown>, given: string | undefined): string =>
  given ?? (doc.plan as { title?: string } | undefined)?.title ?? '中期計画'

type Invalid = { ok: false; reason: 'invalid'; issues: InputIssue[] }

function checked(document: unknown): { ok: true; plan: CompiledPlan } | Invalid {
  const r = validatePlan(document)
  return r.ok ? { ok: true, plan: r.value } : { ok: false, reason: 'invalid', issues: r.issues }
}

export async function createPlan(
  db: Kysely<Database>,
  consortiumId: number,
  document: unknown,
  title: string | undefined,
  actor: Actor,
): Promise<WriteResult<{ id: number; version: number }>> {
  const plan = checked(document)
  if (!plan.ok) return plan
  return db.transaction().execute(async (trx) => {
    const consortium = await findConsortiumById(trx, consortiumId)
    if (!consortium) return { ok: false, reason: 'not_found' } as const
    const doc = normalise(document, consortium.name)
    const stored = titleOf(doc, title)
    const id = await insertPlan(trx, consortiumId, {
      title: stored,
      from: plan.plan.from,
      to: plan.plan.to,
      document: doc,
    })
    await recordAudit(trx, actor, {
      consortiumId,
      scenarioId: null,
      action: 'plan.create',
      target: `plan:${id}`,
      after: { title: stored, version: 1, document: doc },
    })
    return { ok: true, value: { id, version: 1 } } as const
  })
}

export async function updatePlan(
  db: Kysely<Database>,
  id: number,
  expectedVersion: number,
  document: unknown,
  title: string | undefined,
  actor: Actor,
): Promise<WriteResult<{ id: number; version: number }>> {
  const plan = checked(document)
  if (!plan.ok) return plan
  return db.transaction().execute(async (trx) => {
    const before = await selectPlan(trx, id)
    if (!before) return { ok: false, reason: 'not_found' } as const
    if (before.version !== expectedVersion)
      return { ok: false, reason: 'conflict', currentVersion: before.version } as const
    const consortium = await findConsortiumById(trx, before.consortiumId)
    const doc = normalise(document, consortium?.name ?? '')
    const stored = title ?? before.title
    // The guarded UPDATE serialises two editors: only one matches the old version.
    const written = await updatePlanRow(trx, id, expectedVersion, {
      title: stored,
      from: plan.plan.from,
      to: plan.plan.to,
      document: doc,
    })
    if (!written) {
      const now = await selectPlan(trx, id)
      return {
        ok: false,
        reason: 'conflict',
        currentVersion: now?.version ?? expectedVersion,
      } as const
    }
    await recordAudit(trx, actor, {
      consortiumId: before.consortiumId,
      scenarioId: null,
      action: 'plan.update',
      target: `plan:${id}`,
      before: { title: before.title, version: before.version, document: before.document },
      after: { title: stored, version: before.version + 1, document: doc },
    })
    return { ok: true, value: { id, version: before.version + 1 } } as const
  })
}

export async function deletePlan(
  db: Kysely<Database>,
  id: number,
  actor: Actor,
): Promise<WriteResult<{ id: number }>> {
  return db.transaction().execute(async (trx) => {
    const before = await selectPlan(trx, id)
    if (!before) return { ok: false, reason: 'not_found' } as const
    await recordAudit(trx, actor, {
      consortiumId: before.consortiumId,
      scenarioId: null,
      action: 'plan.delete',
      target: `plan:${id}`,
      before: { title: before.title, version: before.version, document: before.document },
    })
    await deletePlanRow(trx, id)
    return { ok: true, value: { id } } as const
  })
}

/** The stored plan compiled at the given rates (the database is not trusted blindly: validated again). */
function compileStored(
  stored: StoredPlan,
  rates: Record<string, PlanDecimal>,
): Result<CompiledPlan> {
  return validatePlan(stored.document, { rates })
}

/** Every year allocated and the period summary (stored plans carry no traffic). */
export function allocateStoredPlan(
  stored: StoredPlan,
  rates: Record<string, PlanDecimal> = {},
): Result<PlanAllocation> {
  const compiled = compileStored(stored, rates)
  return compiled.ok ? allocateCompiledPlan(compiled.value) : compiled
}

/** Year y of a stored plan as a scenario file. */
export function storedPlanYear(
  stored: StoredPlan,
  year: number,
  rates: Record<string, PlanDecimal> = {},
): Result<Record<string, unknown>> | undefined {
  if (year < stored.from || year > stored.to) return undefined
  const compiled = compileStored(stored, rates)
  if (!compiled.ok) return compiled
  const r = planYearScenario(compiled.value, year)
  return r.ok ? { ok: true, value: r.value.year.document } : r
}

/**
 * Saves year y of a plan as a stored scenario (that year's 予算) through the one scenario write path
 * (createScenario: validated, one transaction, audited).
 */
export async function savePlanYear(
  db: Kysely<Database>,
  stored: StoredPlan,
  year: number,
  title: string | undefined,
  rates: Record<string, PlanDecimal>,
  actor: Actor,
): Promise<WriteResult<{ id: number; version: number }> | undefined> {
  const doc = storedPlanYear(stored, year, rates)
  if (!doc) return undefined
  if (!doc.ok) return { ok: false, reason: 'invalid', issues: doc.issues }
  const name = title ?? `${stored.title} ${formatFiscalYear(year)} 予算`
  return createScenario(db, stored.consortiumId, doc.value, name, actor)
}
