import { describe, expect, it } from 'vitest'
import { COUNTERMEASURES, continuityReport, FAILURE_PATTERNS, parseContinuity } from './continuity'

/**
 * 表2-15「ネットワーク障害パターンと主な対策の対応」as printed in the seed (総務省 自治体クラウド 調査報告 §2.4.2),
 * columns in the table's order: 回線多重化, 代替機, 自庁舎バックアップサーバ, 自庁舎データバックアップ, 非常用発電,
 * SLA上のクラウド冗長化. Transcribed by hand from the table, independently of continuity.ts.
 */
const SEED_TABLE_2_15 = [
  ['(1)単独の通信障害', '○ ○   '],
  ['(2)大規模通信障害', '  ○○  '],
  ['(3)クラウドのハードウェア障害', '  ○  ○'],
  ['(4)クラウドのソフトウェア障害', '  ○  ○'],
  ['(5)自治体の通信機器障害', '○○    '],
  ['(6)自治体の端末障害', ' ○    '],
  ['(7)局所的な停電', '○   ○ '],
  ['(8)大規模災害時の広域障害（停電なし）', '  ○   '],
  ['(9)大規模災害時の広域障害（停電あり）', '  ○ ○ '],
] as const

describe('表2-15 encoded as data', () => {
  it('has the 9 patterns and 6 countermeasures in the seed order', () => {
    expect(FAILURE_PATTERNS).toHaveLength(9)
    expect(COUNTERMEASURES.map((c) => c.name)).toEqual([
      'アクセス回線を多重化',
      '自庁舎内機器の代替機を確保',
      '自庁舎内にバックアップサーバを設置',
      '自庁舎内にデータバックアップを確保',
      '自庁舎に非常用発電装置等を備える',
      'クラウド側の冗長化をSLA等で規定',
    ])
  })
  it.each(SEED_TABLE_2_15.map(([name, marks], i) => [i, name, marks] as const))(
    'row %i %s matches the seed cell by cell',
    (i, name, marks) => {
      const p = FAILURE_PATTERNS[i]!
      expect(`(${p.no})${p.name}`).toBe(name)
      COUNTERMEASURES.forEach((c, col) => {
        expect(p.countermeasures.includes(c.id), `${name} × ${c.name}`).toBe(marks[col] === '○')
      })
    },
  )
})

const file = {
  version: 1,
  consortium: { name: '試験組合', fiscalYear: 2026 },
  consortiumCountermeasures: ['cloud-redundancy-sla'],
  countermeasureCosts: {
    'line-multiplexing': 1_200_000,
    'spare-equipment': 300_000,
    'backup-server': 8_000_000,
    'data-backup': 600_000,
    'emergency-power': 5_000_000,
  },
  members: [
    {
      code: '143014',
      name: '葉山町',
      population: 32096,
      countermeasures: ['line-multiplexing', 'spare-equipment', 'emergency-power'],
    },
    { code: '144029', name: '清川村', population: 3459, countermeasures: [] },
  ],
  shared: [
    {
      id: 'enkaku',
      name: '遠隔地バックアップ',
      amount: 10_000_000,
      rule: { equal: 0.5, population: 0.5 },
    },
  ],
}

describe('coverage per member', () => {
  it('lists uncovered patterns and the cheapest set that closes them', () => {
    const parsed = parseContinuity(file)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const r = continuityReport(parsed.value)
    const [hayama, kiyokawa] = r.members
    // 葉山町: 回線・代替機・発電 + the consortium's SLA redundancy → (2) and (8), (9)? (9) has 発電 → covered.
    expect(hayama!.uncovered).toEqual([2, 8])
    // (2) needs backup-server or data-backup, (8) backup-server only → backup-server, ¥8,000,000
    expect(hayama!.closeGaps).toEqual({ countermeasures: ['backup-server'], cost: 8_000_000 })
    // 清川村 has only the SLA redundancy: (3), (4) covered
    expect(kiyokawa!.covered).toEqual([3, 4])
    // cheapest cover of 1,2,5,6,7,8,9: backup-server (1,2,8,9) + spare-equipment (5,6) + 7 (line or power)
    expect(kiyokawa!.closeGaps).toEqual({
      countermeasures: ['line-multiplexing', 'spare-equipment', 'backup-server'],
      cost: 9_500_000,
    })
  })
  it('splits the shared countermeasure through the allocation engine, to the yen', () => {
    const parsed = parseContinuity(file)
    if (!parsed.ok) throw new Error('invalid')
    const shared = continuityReport(parsed.value).shared!
    // equal half: 2,500,000 each; population half: 5,000,000 × 32096/35555 = 4,513,570.5… and 486,429.4…
    expect(shared.members.map((m) => m.shares['enkaku'])).toEqual([7_013_571, 2_986_429])
    expect(shared.total).toBe(10_000_000)
  })
  it('names the field of a bad countermeasure and a bad code', () => {
    const bad = parseContinuity({
      ...file,
      members: [{ code: '143015', name: 'x', population: 1, countermeasures: ['moat'] }],
    })
    expect(bad.ok).toBe(false)
    if (bad.ok) return
    expect(bad.issues[0]!.path).toBe('members[0].countermeasures[0]')
  })
})
