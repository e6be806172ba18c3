import { describe, expect, it } from 'vitest'
import { allocate } from '../allocation/allocate'
import { parseScenario, type Scenario } from '../scenario'
import { compareAllocations, joinEffect, membersJoined } from './compare'
import { applyOperation } from './operations'

function base(): Scenario {
  const r = parseScenario({
    version: 1,
    consortium: { name: 'テスト組合', fiscalYear: 2026 },
    members: [
      { code: '143014', name: '葉山町', population: 30000 },
      { code: '143219', name: '寒川町', population: 50000 },
    ],
    costs: [
      { id: 'eq', name: '均等割', amount: 1200, rule: { equal: 1 } },
      { id: 'fx', name: '固定', amount: 1000, rule: { fixed: { '143014': 0.25, '143219': 0.75 } } },
      { id: 'own', name: '個別', amount: 300, members: ['143014'], rule: { equal: 1 } },
    ],
  })
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}
const out = (s: Scenario) => {
  const a = allocate(s)
  if (!a.ok) throw new Error(JSON.stringify(a.issues))
  return a.value.output
}

describe('what-if operations', () => {
  it('a member joins: 均等割 1200 / 2 → / 3, each existing member saves 200 (割り勘効果)', () => {
    const s = base()
    const joined = applyOperation(s, {
      op: 'addMember',
      member: { code: '143413', name: '大磯町', population: 31550 },
    })
    expect(joined.ok).toBe(true)
    if (!joined.ok) return
    // fixed shares name only the two; the joiner is a participant of fx with no share → its rule stays valid
    const effect = joinEffect(out(s), out(joined.value))
    expect(effect.map((e) => e.saving)).toEqual([200, 200])
    // before: 葉山 600 + 250 + 300 = 1150, 寒川 600 + 750 = 1350
    expect(effect.map((e) => e.before)).toEqual([1150, 1350])
    // a join only when B keeps every member of A and adds one; not the other way round, not a swap
    expect(membersJoined(out(s), out(joined.value))).toBe(true)
    expect(membersJoined(out(joined.value), out(s))).toBe(false)
    expect(membersJoined(out(s), out(s))).toBe(false)
    const left = applyOperation(joined.value, { op: 'removeMember', code: '143014' })
    if (!left.ok) throw new Error('bad')
    expect(membersJoined(out(s), out(left.value))).toBe(false) // 大磯 in, 葉山 out: same size
  })

  it('a member leaves: fixed shares renormalised exactly, its own items dropped', () => {
    const r = applyOperation(base(), { op: 'removeMember', code: '143014' })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.costs.map((c) => c.id)).toEqual(['eq', 'fx'])
    expect(r.value.costs[1]!.rule?.fixed).toEqual({ '143219': '1' })
    expect(out(r.value).members[0]!.total).toBe(2200)
  })

  it('compare: per member diff in yen and %', () => {
    const s = base()
    const changed = applyOperation(s, { op: 'setRule', costId: 'eq', rule: { population: 1 } })
    if (!changed.ok) throw new Error('bad')
    // eq by population 3:5 → 450 / 750: 葉山 1150 → 1000 (−150, −13.04…%), 寒川 1350 → 1500 (+150)
    const cmp = compareAllocations(out(s), out(changed.value))
    expect(cmp.rows.map((r) => r.diff)).toEqual([-150, 150])
    expect(cmp.rows[0]!.percent).toBeCloseTo(-150 / 1150, 12)
    expect(cmp.totalDiff).toBe(0)
  })

  it('bad operations name the path', () => {
    const s = base()
    const bad = applyOperation(s, { op: 'setPopulation', code: '143014', population: -5 })
    expect(bad.ok ? [] : bad.issues.map((i) => i.path)).toEqual(['members[0].population'])
    const unknown = applyOperation(s, { op: 'removeMember', code: '999999' })
    expect(unknown.ok).toBe(false)
    const rule = applyOperation(s, { op: 'setRule', costId: 'eq', rule: { equal: 0.5 } })
    expect(rule.ok ? [] : rule.issues.map((i) => i.path)).toEqual(['costs[0].rule'])
  })
})
