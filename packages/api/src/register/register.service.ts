/**
 * 外部サービス台帳 use cases: apply, edit, approve / refuse (checked by the core's rules), start, end with its
 * report, import a 台帳 (all-or-nothing), export. Every write and its audit entry share one transaction.
 */
import {
  checkEntry,
  handlesConfidential,
  impactBand,
  impactScore,
  parseLedger,
  serviceEntrySchema,
  transition,
  type RegisterFinding,
  type ServiceEntry,
  type ServiceStatus,
  type Transition,
  type TransitionInput,
} from '@warikan/core/register'
import { formatPath, japanTimeIso, type InputIssue } from '@warikan/core'
import type { Kysely } from 'kysely'
import { recordAudit, type Actor } from '../audit/audit.service'
import { findConsortiumById } from '../auth/auth.repository'
import type { Database } from '../db/database'
import {
  insertService,
  selectService,
  selectServices,
  updateServiceRow,
  type StoredService,
} from './register.repository'

export type RegisterResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'invalid'; issues: InputIssue[] }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict'; currentVersion: number }
  | { ok: false; reason: 'state'; message: string }
  | { ok: false; reason: 'blocked'; message: string; findings: RegisterFinding[] }

export interface ServiceView extends StoredService {
  impact: number
  impactBand: '大' | '中' | '少'
  confidential: boolean
  findings: RegisterFinding[]
}

/** Today in Japan (YYYY-MM-DD): the register's dates are local dates. */
export const todayJst = (now = Date.now()): string => japanTimeIso(now).slice(0, 10)

export const viewOf = (s: StoredService, today: string): ServiceView => {
  const impact = impactScore(s.entry)
  return {
    ...s,
    impact,
    impactBand: impactBand(impact),
    confidential: handlesConfidential(s.entry),
    findings: s.status === 'ended' || s.status === 'refused' ? [] : checkEntry(s.entry, today),
  }
}

function parseEntry(
  raw: unknown,
): { ok: true; entry: ServiceEntry } | { ok: false; issues: InputIssue[] } {
  const p = serviceEntrySchema.safeParse(raw)
  return p.success
    ? { ok: true, entry: p.data }
    : {
        ok: false,
        issues: p.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
      }
}

export async function listServices(
  db: Kysely<Database>,
  consortiumId: number,
  today: string,
): Promise<ServiceView[]> {
  return (await selectServices(db, consortiumId)).map((s) => viewOf(s, today))
}

export async function getService(db: Kysely<Database>, id: number, today: string) {
  const s = await selectService(db, id)
  return s ? viewOf(s, today) : undefined
}

/** 利用申請 (利用基準 §5.2(1)). */
export async function applyService(
  db: Kysely<Database>,
  consortiumId: number,
  raw: unknown,
  actor: Actor,
): Promise<RegisterResult<{ id: number; version: number }>> {
  const p = parseEntry(raw)
  if (!p.ok) return { ok: false, reason: 'invalid', issues: p.issues }
  return db.transaction().execute(async (trx) => {
    if (!(await findConsortiumById(trx, consortiumId)))
      return { ok: false, reason: 'not_found' } as const
    const id = await insertService(trx, consortiumId, p.entry, 'applied')
    await recordAudit(trx, actor, {
      consortiumId,
      scenarioId: null,
      action: 'service.apply',
      target: `external_service:${id}`,
      after: { name: p.entry.name, status: 'applied' },
    })
    return { ok: true, value: { id, version: 1 } } as const
  })
}

export async function editService(
  db: Kysely<Database>,
  id: number,
  version: number,
  raw: unknown,
  actor: Actor,
): Promise<RegisterResult<{ id: number; version: number }>> {
  const p = parseEntry(raw)
  if (!p.ok) return { ok: false, reason: 'invalid', issues: p.issues }
  return db.transaction().execute(async (trx) => {
    const current = await selectService(trx, id)
    if (!current) return { ok: false, reason: 'not_found' } as const
    if (current.status === 'ended' || current.status === 'refused')
      return {
        ok: false,
        reason: 'state',
        message: '利用終了・却下の台帳は変更できません (closed entry)',
      } as const
    const next = await updateServiceRow(trx, id, version, { entry: p.entry })
    if (next === undefined)
      return { ok: false, reason: 'conflict', currentVersion: current.version } as const
    await recordAudit(trx, actor, {
      consortiumId: current.consortiumId,
      scenarioId: null,
      action: 'service.update',
      target: `external_service:${id}`,
      before: current.entry,
      after: p.entry,
    })
    return { ok: true, value: { id, version: next } } as const
  })
}

/** 承認・却下 (§5.2(2)(3)), 利用開始, 利用終了 (§5.2(5)). */
export async function decideService(
  db: Kysely<Database>,
  id: number,
  version: number,
  action: Transition,
  input: TransitionInput,
  actor: Actor,
  today: string,
): Promise<
  RegisterResult<{
    id: number
    version: number
    status: ServiceStatus
    findings: RegisterFinding[]
  }>
> {
  return db.transaction().execute(async (trx) => {
    const current = await selectService(trx, id)
    if (!current) return { ok: false, reason: 'not_found' } as const
    if (current.version !== version)
      return { ok: false, reason: 'conflict', currentVersion: current.version } as const
    const t = transition(current.entry, current.status, action, input, today)
    if (!t.ok) return t
    const decision =
      action === 'approve' || action === 'refuse'
        ? {
            action,
            by: actor.name,
            on: today,
            findings: t.findings,
            overrides: t.overridden,
            ...(input.reason ? { reason: input.reason } : {}),
          }
        : undefined
    const next = await updateServiceRow(trx, id, version, {
      status: t.status,
      ...(decision ? { decision } : {}),
      ...(t.report ? { endReport: t.report } : {}),
    })
    if (next === undefined)
      return { ok: false, reason: 'conflict', currentVersion: current.version } as const
    await recordAudit(trx, actor, {
      consortiumId: current.consortiumId,
      scenarioId: null,
      action: `service.${action}`,
      target: `external_service:${id}`,
      before: { status: current.status },
      after: {
        status: t.status,
        ...(decision ? { findings: t.findings.map((f) => f.rule), overrides: t.overridden } : {}),
        ...(input.reason ? { reason: input.reason } : {}),
        ...(t.report ? { report: t.report } : {}),
      },
    })
    return {
      ok: true,
      value: { id, version: next, status: t.status, findings: t.findings },
    } as const
  })
}

/** An existing 台帳 (records with line numbers): every line valid, or nothing stored. */
export async function importLedger(
  db: Kysely<Database>,
  consortiumId: number,
  records: string[][],
  lines: number[],
  actor: Actor,
  source: string,
): Promise<RegisterResult<{ imported: number; ids: number[] }>> {
  const parsed = parseLedger(records, lines)
  if (!parsed.ok) return { ok: false, reason: 'invalid', issues: parsed.issues }
  return db.transaction().execute(async (trx) => {
    if (!(await findConsortiumById(trx, consortiumId)))
      return { ok: false, reason: 'not_found' } as const
    const ids: number[] = []
    for (const row of parsed.value) {
      const id = await insertService(trx, consortiumId, row.entry, row.status)
      ids.push(id)
      await recordAudit(trx, actor, {
        consortiumId,
        scenarioId: null,
        action: 'service.import',
        target: `external_service:${id}`,
        after: { name: row.entry.name, status: row.status, source },
      })
    }
    return { ok: true, value: { imported: ids.length, ids } } as const
  })
}

export { selectConsortiumIdByName as consortiumIdByName } from './register.repository'
