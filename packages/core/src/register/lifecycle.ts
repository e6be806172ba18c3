/**
 * The lifecycle of 乙訓福祉施設事務組合 利用基準 §5 as a pure state machine: 申請 (applied) → 承認 (approved) or
 * 却下 (refused) by the 許可権限者 (統括情報セキュリティ責任者, §5.1) → 利用中 (inUse) → 利用終了 (ended) with the
 * report of §5.2(5). Expected outcomes are data; the caller records each step in the audit trail.
 */
import type { InputIssue } from '../scenario/issues'
import { checkEntry, type RegisterFinding } from './rules'
import {
  endReportSchema,
  type EndReport,
  type Override,
  type ServiceEntry,
  type ServiceStatus,
} from './schema'
import { formatPath } from '../scenario/issues'

export type Transition = 'approve' | 'refuse' | 'start' | 'end'

const FROM: Record<Transition, ServiceStatus[]> = {
  approve: ['applied'],
  refuse: ['applied'],
  start: ['approved'],
  end: ['approved', 'inUse'],
}
const TO: Record<Transition, ServiceStatus> = {
  approve: 'approved',
  refuse: 'refused',
  start: 'inUse',
  end: 'ended',
}

export type TransitionResult =
  | {
      ok: true
      status: ServiceStatus
      findings: RegisterFinding[]
      overridden: Override[]
      report?: EndReport
    }
  | { ok: false; reason: 'state'; message: string }
  | { ok: false; reason: 'blocked'; message: string; findings: RegisterFinding[] }
  | { ok: false; reason: 'invalid'; issues: InputIssue[] }

export interface TransitionInput {
  overrides?: Override[]
  /** 却下 needs a reason */
  reason?: string
  /** 利用終了の報告 */
  report?: unknown
}

export function transition(
  entry: ServiceEntry,
  status: ServiceStatus,
  action: Transition,
  input: TransitionInput,
  today: string,
): TransitionResult {
  if (!FROM[action].includes(status))
    return {
      ok: false,
      reason: 'state',
      message: `${STATE_JA[status]}の外部サービスは${ACTION_JA[action]}できません (cannot ${action} from ${status})`,
    }
  if (action === 'refuse' && !input.reason?.trim())
    return {
      ok: false,
      reason: 'invalid',
      issues: [{ path: 'reason', message: '却下の理由がありません (a refusal needs a reason)' }],
    }
  if (action === 'end') {
    if (input.report === undefined)
      return {
        ok: false,
        reason: 'invalid',
        issues: [
          {
            path: 'report',
            message: '利用終了の報告がありません (an end of use needs its report)',
          },
        ],
      }
    const r = endReportSchema.safeParse(input.report)
    if (!r.success)
      return {
        ok: false,
        reason: 'invalid',
        issues: r.error.issues.map((i) => ({
          path: formatPath(['report', ...i.path]),
          message: i.message,
        })),
      }
    if (!r.data.accountsRemoved)
      return {
        ok: false,
        reason: 'invalid',
        issues: [
          {
            path: 'report.accountsRemoved',
            message: 'アカウントの削除が済んでいません (accounts not removed)',
          },
        ],
      }
    return { ok: true, status: TO.end, findings: [], overridden: [], report: r.data }
  }
  if (action === 'approve') {
    const findings = checkEntry(entry, today)
    const overrides = input.overrides ?? []
    const blocking = findings.filter((f) => f.blocking)
    const unresolved = blocking.filter(
      (f) => !overrides.some((o) => o.rule === f.rule && o.reason.trim()),
    )
    if (unresolved.length)
      return {
        ok: false,
        reason: 'blocked',
        message: `承認できません: ${unresolved.map((f) => f.message).join(' / ')}（理由を付けて例外承認できます）`,
        findings: unresolved,
      }
    return {
      ok: true,
      status: TO.approve,
      findings,
      overridden: overrides.filter((o) => blocking.some((f) => f.rule === o.rule)),
    }
  }
  return { ok: true, status: TO[action], findings: [], overridden: [] }
}

const STATE_JA: Record<ServiceStatus, string> = {
  applied: '申請中',
  approved: '承認済',
  refused: '却下済',
  inUse: '利用中',
  ended: '利用終了済',
}
const ACTION_JA: Record<Transition, string> = {
  approve: '承認',
  refuse: '却下',
  start: '利用開始',
  end: '利用終了',
}
