import { describe, expect, it } from 'vitest'
import { CHECK_ITEMS } from './check-items'
import { ledgerRecord, LEDGER_COLUMNS, parseLedger } from './ledger'
import { transition } from './lifecycle'
import { checkEntry, impactBand, impactScore, upcomingRenewals } from './rules'
import { serviceEntrySchema, type ServiceEntryInput } from './schema'

const allConfirmed = Object.fromEntries(
  CHECK_ITEMS.map((c) => [c.id, { status: 'confirmed' as const }]),
)

function entry(over: Partial<ServiceEntryInput> = {}) {
  return serviceEntrySchema.parse({
    name: '住民記録システム（標準準拠）',
    provider: '株式会社例示システムズ',
    purpose: '住民基本台帳事務',
    period: { from: '2026-04-01', to: '2031-03-31' },
    applicant: { department: '住民課', name: '山田 太郎' },
    userScope: '構成団体の住民記録担当課に限る',
    administrator: { department: '情報政策課', title: '課長' },
    classification: { confidentiality: 3, residentImpact: 3, distress: 2, economicLoss: 3 },
    ismap: { registered: true, number: 'C23-0001-1', date: '2023-05-01' },
    dataLocation: 'domestic',
    checks: allConfirmed,
    ...over,
  })
}
const TODAY = '2026-12-01'

describe('行政運営影響度 (図5–図7)', () => {
  it('is the product of the four levels: 3×3×2×3 = 54 → 大', () => {
    const e = entry()
    expect(impactScore(e)).toBe(54)
    expect(impactBand(54)).toBe('大')
  })
  it.each([
    ['基幹系サービス', [3, 3, 3, 3], 81, '大'],
    ['申請系サービス', [3, 3, 1, 1], 9, '中'],
    ['内部情報系サービス', [2, 2, 1, 3], 12, '中'],
    ['ソーシャルメディアサービス', [1, 1, 1, 1], 1, '少'],
  ] as const)("%s of 図6 gives 図7's %s", (_, [c, r, d, e], score, band) => {
    const s = impactScore({
      classification: { confidentiality: c, residentImpact: r, distress: d, economicLoss: e },
    })
    expect(s).toBe(score)
    expect(impactBand(s)).toBe(band)
  })
})

describe('checks at approval', () => {
  it('a 機密性2以上 cloud service without ISMAP is refused, and approved with an override reason', () => {
    const e = entry({ ismap: { registered: false } })
    const blocked = transition(e, 'applied', 'approve', {}, TODAY)
    expect(blocked).toMatchObject({ ok: false, reason: 'blocked' })
    if (blocked.ok || blocked.reason !== 'blocked') return
    expect(blocked.findings.map((f) => f.rule)).toEqual(['ismap'])
    const overridden = transition(
      e,
      'applied',
      'approve',
      { overrides: [{ rule: 'ismap', reason: 'ISO/IEC 27017 認証と SOC2 報告書で確認した' }] },
      TODAY,
    )
    expect(overridden).toMatchObject({
      ok: true,
      status: 'approved',
      overridden: [{ rule: 'ismap' }],
    })
  })
  it('a service below 機密性2 needs no ISMAP or check items', () => {
    const e = entry({
      classification: { confidentiality: 1, residentImpact: 1, distress: 1, economicLoss: 1 },
      ismap: { registered: false },
      checks: {},
      dataLocation: 'overseas',
    })
    expect(checkEntry(e, TODAY)).toEqual([])
  })
  it('names the unconfirmed check items, data overseas and an ended period', () => {
    const e = entry({
      checks: { '1a': { status: 'confirmed' } },
      dataLocation: 'overseas',
      period: { from: '2021-04-01', to: '2026-03-31' },
    })
    const f = checkEntry(e, TODAY)
    expect(f.map((x) => x.rule)).toEqual(['checks', 'location', 'period'])
    expect(f[0]!.message).toContain('11 件')
    expect(f.every((x) => x.blocking)).toBe(true)
  })
  it('an empty override reason does not count', () => {
    const e = entry({ ismap: { registered: false } })
    const r = transition(
      e,
      'applied',
      'approve',
      { overrides: [{ rule: 'ismap', reason: ' ' }] },
      TODAY,
    )
    expect(r.ok).toBe(false)
  })
})

describe('lifecycle (利用基準 §5)', () => {
  it('refuses an end of use without its report, and ends with one', () => {
    const e = entry()
    expect(transition(e, 'inUse', 'end', {}, TODAY)).toMatchObject({ ok: false, reason: 'invalid' })
    const ok = transition(
      e,
      'inUse',
      'end',
      {
        report: {
          date: '2026-12-01',
          plan: '終了計画書（令和8年11月）',
          dataDisposal: '消去証明書を受領',
          accountsRemoved: true,
        },
      },
      TODAY,
    )
    expect(ok).toMatchObject({ ok: true, status: 'ended' })
  })
  it('refuses steps out of order and a refusal without a reason', () => {
    const e = entry()
    expect(transition(e, 'applied', 'start', {}, TODAY)).toMatchObject({
      ok: false,
      reason: 'state',
    })
    expect(transition(e, 'ended', 'approve', {}, TODAY)).toMatchObject({
      ok: false,
      reason: 'state',
    })
    expect(transition(e, 'applied', 'refuse', {}, TODAY)).toMatchObject({
      ok: false,
      reason: 'invalid',
    })
    expect(transition(e, 'applied', 'refuse', { reason: '要件を満たさない' }, TODAY)).toMatchObject(
      { ok: true, status: 'refused' },
    )
  })
})

describe('the 台帳 table', () => {
  it('exports the eight fields in the seed order and reads them back', () => {
    const rows = [{ entry: entry(), status: 'inUse' as const }]
    const records = [Array.from(LEDGER_COLUMNS), ...rows.map(ledgerRecord)]
    expect(records[1]!.slice(0, 8)).toEqual([
      '住民記録システム（標準準拠）',
      '株式会社例示システムズ',
      '住民基本台帳事務',
      '機密性2以上',
      '2026-04-01〜2031-03-31',
      '住民課・山田 太郎',
      '構成団体の住民記録担当課に限る',
      '情報政策課・課長',
    ])
    expect(records[1]![12]).toBe('54（大）')
    const back = parseLedger(records, [1, 2])
    expect(back.ok).toBe(true)
    if (!back.ok) return
    expect(back.value[0]!.status).toBe('inUse')
    expect(back.value[0]!.entry.classification).toEqual(entry().classification)
  })
  it('names the line and column of every bad cell, and refuses the file', () => {
    const good = ledgerRecord({ entry: entry(), status: 'applied' })
    const bad = [...good]
    bad[8] = '4'
    bad[4] = '2026-04-01〜2026-02-30'
    const r = parseLedger([Array.from(LEDGER_COLUMNS), good, bad], [1, 2, 3])
    expect(r.ok).toBe(false)
    if (r.ok) return
    const paths = r.issues.map((i) => i.path)
    expect(paths).toContain('line 3, 機密性')
    expect(paths).toContain('line 3, 利用期間')
    expect(paths.every((p) => p.startsWith('line 3'))).toBe(true)
  })
  it('refuses a file without the required columns', () => {
    const r = parseLedger([['名称', '提供者']], [1])
    expect(r.ok).toBe(false)
  })
})

describe('renewals', () => {
  it('lists those due within 90 days, soonest first', () => {
    const list = [
      { id: 1, entry: entry({ renewalDate: '2027-02-01' }) },
      { id: 2, entry: entry({ renewalDate: '2026-12-15' }) },
      { id: 3, entry: entry({ renewalDate: '2027-06-01' }) },
    ]
    expect(upcomingRenewals(list, TODAY).map((s) => [s.id, s.daysLeft])).toEqual([
      [2, 14],
      [1, 62],
    ])
  })
})
