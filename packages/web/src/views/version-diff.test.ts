import type { ScenarioInput } from '@warikan/core'
import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../api-client'
import { documentDiff, ruleText, versionsFromAudit } from './version-diff'

const base = (): ScenarioInput => ({
  version: 1,
  consortium: { name: '例示組合', fiscalYear: 2026 },
  populationDate: '2026-01-01',
  members: [
    { code: '143014', name: '葉山町', population: 32096, standaloneCost: 130_917_000 },
    { code: '144029', name: '清川村', population: 3459, metrics: { terminals: 20 } },
  ],
  costs: [
    {
      id: 'dc',
      name: 'データセンター利用料',
      amount: 180_000_000,
      rule: { equal: 0.1, population: 0.9 },
    },
  ],
  target: { minSavingsRate: 0.2 },
})

describe('documentDiff', () => {
  it('no change → no sentence', () => expect(documentDiff(base(), base())).toEqual([]))

  it('names the ordinance fields: parts, rounding, deductions, adjustments', () => {
    const a = base()
    const b = base()
    const dc = b.costs[0]!
    delete dc.rule
    dc.parts = [
      { name: '共通', weight: 0.1, rule: { equal: 1 } },
      { name: '施設所在', weight: 0.9, members: ['143014'], rule: { equal: 1 } },
    ]
    dc.rounding = { unit: 1000, method: 'floor', adjuster: 'largestShare' }
    dc.deductions = [{ name: '国庫補助金', amount: 10_000_000 }]
    b.adjustments = [{ code: '143014', amount: -1_028_380, reason: '令和8年度精算額' }]
    expect(documentDiff(a, b)).toEqual([
      '按分方法: 費目「データセンター利用料」 均等割 10.0% ＋ 人口割 90.0% → 部分ごとの按分（parts）',
      '部分（parts）: 費目「データセンター利用料」 なし → 共通 10.0%・施設所在 90.0%',
      '端数処理: 費目「データセンター利用料」 既定 → 1,000 円単位・切捨て・調整 最大負担団体',
      '特定財源の控除: 費目「データセンター利用料」 なし → 国庫補助金 ¥10,000,000',
      '加算・減算: なし → 葉山町 −¥1,028,380（令和8年度精算額）',
    ])
  })

  it('names every kind of change in the planner’s words', () => {
    const a = base()
    const b = base()
    b.populationDate = '2026-04-01'
    b.members[0]!.population = 35000
    b.members[0]!.standaloneCost = 120_000_000
    b.members[1]!.metrics = { terminals: 25 }
    b.members.push({ code: '141500', name: '相模原市', population: 720000 })
    b.costs[0]!.amount = 200_000_000
    b.costs[0]!.rule = { equal: '1/3', population: '2/3' }
    b.costs[0]!.members = ['143014', '141500']
    b.costs.push({ id: 'item-1', name: '窓口端末', amount: 5_000_000, rule: { equal: 1 } })
    b.target = { minSavingsRate: 0.25 }
    expect(documentDiff(a, b, ['案A', '案B'])).toEqual([
      '題名: 「案A」→「案B」',
      '人口の基準日: 令和8年1月1日 → 令和8年4月1日',
      '構成団体を追加: 相模原市（141500、人口 720,000）',
      '人口: 葉山町 32,096 → 35,000',
      '単独導入費用: 葉山町 ¥130,917,000 → ¥120,000,000',
      '端末数: 清川村 20 → 25',
      '費目を追加: 窓口端末（¥5,000,000、均等割 100.0%）',
      '金額: 費目「データセンター利用料」 ¥180,000,000 → ¥200,000,000',
      '按分方法: 費目「データセンター利用料」 均等割 10.0% ＋ 人口割 90.0% → 均等割 33.3% ＋ 人口割 66.7%',
      '参加団体: 費目「データセンター利用料」 全団体 → 葉山町・相模原市',
      '削減率目標: 20% → 25%',
    ])
  })

  it('removals', () => {
    const b = base()
    b.members.pop()
    b.costs = []
    expect(documentDiff(base(), b)).toEqual([
      '構成団体を削除: 清川村（144029）',
      '費目を削除: データセンター利用料（¥180,000,000）',
    ])
  })

  it('rules in words', () => {
    expect(ruleText({ scaledPopulation: { weight: 1, exponent: 0.585 } })).toBe(
      '人口割（逓減、指数 0.585） 100.0%',
    )
    expect(ruleText({ fixed: { '143014': 0.6, '144029': 0.4 } })).toBe(
      '固定割合（143014 60.0%、144029 40.0%）',
    )
  })
})

describe('versionsFromAudit', () => {
  const entry = (id: number, action: string, before: unknown, after: unknown): AuditEntry => ({
    id,
    consortiumId: 1,
    scenarioId: 1,
    tokenId: null,
    at: `2026-12-01T10:0${id}:00Z`,
    actor: 'editor',
    action,
    target: 'scenario:9',
    before,
    after,
  })

  it('a created scenario: each version with the document it wrote, newest first', () => {
    const v1 = base()
    const v2 = base()
    v2.members[0]!.population = 35000
    const versions = versionsFromAudit(
      [
        entry(
          2,
          'scenario.update',
          { version: 1, title: 'A', document: v1 },
          { version: 2, title: 'B', document: v2 },
        ),
        entry(1, 'scenario.create', null, { version: 1, title: 'A', document: v1 }),
      ],
      v2,
    )
    expect(versions.map((v) => [v.version, v.title, v.action])).toEqual([
      [2, 'B', 'scenario.update'],
      [1, 'A', 'scenario.create'],
    ])
    expect(versions[0]!.document.members[0]!.population).toBe(35000)
    expect(versions[1]!.document.members[0]!.population).toBe(32096)
  })

  it('a copy: its first version is the document the first update replaced', () => {
    const v1 = base()
    v1.members[0]!.population = 1000
    const v2 = base()
    const versions = versionsFromAudit(
      [
        entry(
          2,
          'scenario.update',
          { version: 1, title: 'C', document: v1 },
          { version: 2, title: 'C', document: v2 },
        ),
        entry(1, 'scenario.copy', null, { from: 3, fromVersion: 4, title: 'C', version: 1 }),
      ],
      v2,
    )
    expect(versions.find((v) => v.version === 1)!.document.members[0]!.population).toBe(1000)
  })
})
