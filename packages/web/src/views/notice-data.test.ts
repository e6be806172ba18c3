import { allocate, explainMember, parseScenario } from '@warikan/core'
import { describe, expect, it } from 'vitest'
import { buildNotice, deltaWords, driverWords, noticeSummary } from './notice-data'
import { deckSlides, ordered, type DeckEntry } from './deck-builder'

// ¥100 split 均等割 1/2 + 人口割 1/2 over populations 1, 1, 2 (total 4). Hand-worked:
// 葉山町 = 50/3 + 50·1/4 = 29 1/6, 寒川町 = 29 1/6, 大磯町 = 50/3 + 25 = 41 2/3; floors 29 + 29 + 41 = 99,
// the 1 yen left goes to the largest fractional part (大磯町, 2/3) → 29, 29, 42.
const doc = {
  version: 1,
  consortium: { name: '試験組合', fiscalYear: 2026 },
  members: [
    { code: '143014', name: '葉山町', population: 1, standaloneCost: 40 },
    { code: '143219', name: '寒川町', population: 1 },
    { code: '143413', name: '大磯町', population: 2 },
  ],
  costs: [{ id: 'dc', name: 'データセンター', amount: 100, rule: { equal: 0.5, population: 0.5 } }],
}

function allocation() {
  const parsed = parseScenario(doc)
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
  const r = allocate(parsed.value)
  if (!r.ok) throw new Error(JSON.stringify(r.issues))
  return r.value
}

describe('負担金通知 data', () => {
  it('gives each member its share with the rule, drivers and rounding in words', () => {
    const a = allocation()
    const row = (code: string) => a.output.members.find((m) => m.code === code)!
    const oiso = buildNotice(row('143413'), explainMember(a, '143413'), { population: 2 })
    expect(oiso.total).toBe(42)
    expect(oiso.lines).toHaveLength(1)
    const line = oiso.lines[0]!
    expect([line.floor, line.added, line.share, line.rank, line.participants]).toEqual([
      41, 1, 42, 1, 3,
    ])
    expect(line.drivers).toEqual(['均等割 50%: 1 ／ 3（33.333%）', '人口割 50%: 2 ／ 4（50.000%）'])
    const hayama = buildNotice(row('143014'), explainMember(a, '143014'))
    expect([hayama.lines[0]!.floor, hayama.lines[0]!.added, hayama.total]).toEqual([29, 0, 29])
    expect(noticeSummary(hayama)).toBe(
      '葉山町（団体コード 143014）の負担金は ¥29 です。単独導入費用 ¥40 に比べ ¥11（27.5%）の削減です。',
    )
  })

  it('states the change from a previous scenario, item by item and in total', () => {
    const a = allocation()
    const m = a.output.members.find((x) => x.code === '143219')!
    const before = { ...m, total: 35, shares: { dc: 35 } }
    const n = buildNotice(m, explainMember(a, '143219'), {
      previous: { title: '前年度', member: before },
    })
    expect(n.lines[0]!.previous).toBe(35)
    expect(noticeSummary(n)).toContain('「前年度」の ¥35 から ¥6 の減。')
    const joined = buildNotice(m, explainMember(a, '143219'), { previous: { title: '前年度' } })
    expect(noticeSummary(joined)).toContain('比較する「前年度」には参加していません。')
    expect([deltaWords(0), deltaWords(5), deltaWords(-5)]).toEqual([
      '増減なし',
      '¥5 の増',
      '¥5 の減',
    ])
  })

  it('reads a non-integer driver value as a rounded number, not a raw fraction', () => {
    const e = explainMember(allocation(), '143014')[0]!
    const words = driverWords({
      ...e,
      drivers: [
        {
          key: 'scaledPopulation',
          label: '人口割（逓減）',
          weight: '1',
          value: '8273054385780425/70368744177664',
          total: '300',
          ratio: '2/5',
        },
      ],
    })
    expect(words).toEqual(['人口割（逓減） 100%: 約 118 ／ 300（40.000%）'])
  })
})

describe('deck builder', () => {
  const entries: DeckEntry[] = [
    { key: 'title', title: '表紙', hasData: true },
    { key: 'stack', title: '負担金', hasData: true },
    { key: 'shapley', title: 'シャープレイ値', hasData: false, reason: 'モデルなし' },
    { key: 'savings', title: '削減率', hasData: true },
  ]
  it('leaves out slides without data and those turned off, in the chosen order with the chosen titles', () => {
    const s = {
      order: ['savings', 'title'],
      off: ['stack'],
      titles: { savings: '削減率（案）' },
      meeting: '',
    }
    expect(ordered(entries, s).map((e) => e.key)).toEqual(['savings', 'title', 'stack', 'shapley'])
    expect(deckSlides(entries, s).map((x) => [x.entry.key, x.title])).toEqual([
      ['savings', '削減率（案）'],
      ['title', '表紙'],
    ])
    // a slide without data stays out even when listed and on
    const all = { order: [], off: [], titles: {}, meeting: '' }
    expect(deckSlides(entries, all).map((x) => x.entry.key)).toEqual(['title', 'stack', 'savings'])
  })
})
