/**
 * warikan settle on the demo 予算 and 決算, the next year's file it writes, and the bad inputs of the
 * ordinance conventions (each: non-zero exit, nothing on stdout, the file and the field path on stderr).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const BUDGET = 'fixtures/settlement/kanagawa-2026-budget.json'
const ACTUAL = 'fixtures/settlement/kanagawa-2026-actual.json'
const NEXT = 'fixtures/settlement/kanagawa-2027-budget.json'
const DEMO = 'fixtures/demo/kanagawa-2026.json'
const load = (file: string) => JSON.parse(readFileSync(file, 'utf8'))

const tempDir = () => mkdtempSync(join(tmpdir(), 'warikan-settle-'))
function writeTemp(name: string, content: unknown): string {
  const file = join(tempDir(), name)
  writeFileSync(file, JSON.stringify(content, null, 2))
  return file
}

interface SettlementJson {
  fiscalYear: number
  members: Array<{
    code: string
    name: string
    budget: number
    actual: number
    settlement: number
    costs: Record<string, { budget: number; actual: number; settlement: number }>
  }>
  total: { budget: number; actual: number; settlement: number }
}

async function settlementJson(): Promise<SettlementJson> {
  const r = await cli(['settle', BUDGET, ACTUAL, '--format', 'json'])
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as SettlementJson
}

describe('warikan settle', () => {
  it('JSON: budget and actual are Σ shares of each file, settlement the difference', async () => {
    const s = await settlementJson()
    const budget = JSON.parse((await cli(['allocate', BUDGET, '--format', 'json'])).stdout)
    const actual = JSON.parse((await cli(['allocate', ACTUAL, '--format', 'json'])).stdout)
    expect(s.fiscalYear).toBe(2026)
    expect(s.members.map((m) => m.code)).toEqual(
      actual.members.map((m: { code: string }) => m.code),
    )
    s.members.forEach((m, i) => {
      expect(m.budget).toBe(budget.members[i].total)
      expect(m.actual).toBe(actual.members[i].total)
      expect(m.settlement).toBe(m.actual - m.budget)
      // every cost id of either file; saigai is only in the actual (budget 0)
      expect(Object.keys(m.costs)).toEqual([...load(ACTUAL).costs.map((c: { id: string }) => c.id)])
      expect(m.costs['saigai']!.budget).toBe(0)
      expect(m.costs['dc']!.budget).toBe(budget.members[i].shares.dc)
    })
    // the spec's example row: 葉山町 pays 106,181,760 and 19,024,119 for dc in the budget
    expect(s.members[0]!.budget).toBe(106181760)
    expect(s.members[0]!.costs['dc']!.budget).toBe(19024119)
    expect(s.total).toEqual({
      budget: 1_037_000_000,
      actual: 1_022_300_000,
      settlement: -14_700_000,
    })
  })

  it('a cost only in the budget counts 0 in the actual', async () => {
    const actual = load(ACTUAL)
    actual.costs = actual.costs.filter((c: { id: string }) => c.id !== 'network')
    const r = await cli(['settle', BUDGET, writeTemp('actual.json', actual), '--format', 'json'])
    const s = JSON.parse(r.stdout) as SettlementJson
    expect(Object.keys(s.members[0]!.costs).at(-1)).toBe('network')
    expect(s.members[0]!.costs['network']!.actual).toBe(0)
    expect(s.members[0]!.costs['network']!.settlement).toBe(-s.members[0]!.costs['network']!.budget)
  })

  it('adjustments are left out on both sides', async () => {
    const actual = load(ACTUAL)
    actual.adjustments = [{ code: '143014', amount: 999, reason: '令和7年度精算額' }]
    const r = await cli(['settle', BUDGET, writeTemp('actual.json', actual), '--format', 'json'])
    expect(JSON.parse(r.stdout)).toEqual(await settlementJson())
  })

  it('prints a Japanese table with ¥ and 令和, and CSV with a BOM', async () => {
    const t = await cli(['settle', BUDGET, ACTUAL])
    expect(t.code).toBe(0)
    expect(t.stdout).toContain('令和8年度 精算')
    expect(t.stdout).toContain('¥106,181,760')
    expect(t.stdout).toContain('−¥14,700,000')
    expect(t.stdout).toContain('精算額')
    const c = await cli(['settle', BUDGET, ACTUAL, '--format', 'csv'])
    expect(c.stdout.startsWith('\uFEFF団体コード,団体名,予算,決算,精算額,')).toBe(true)
    const lines = c.stdout.split('\r\n')
    expect(lines).toHaveLength(14 + 3)
    expect(lines[1]!.startsWith('143014,葉山町,106181760,')).toBe(true)
  })

  it('--next writes next year’s scenario with the 精算額 as adjustments, which it allocates and explains', async () => {
    const out = join(tempDir(), 'next.json')
    const r = await cli([
      'settle',
      BUDGET,
      ACTUAL,
      '--format',
      'json',
      '--next',
      NEXT,
      '--out',
      out,
    ])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(out)
    const s = JSON.parse(r.stdout) as SettlementJson
    const next = load(out)
    const { adjustments: _none, ...rest } = next
    expect(rest).toEqual(load(NEXT))
    expect(next.adjustments).toEqual(
      s.members
        .filter((m) => m.settlement !== 0)
        .map((m) => ({ code: m.code, amount: m.settlement, reason: '令和8年度精算額' })),
    )
    const allocated = JSON.parse((await cli(['allocate', out, '--format', 'json'])).stdout)
    const plain = JSON.parse((await cli(['allocate', NEXT, '--format', 'json'])).stdout)
    allocated.members.forEach((m: { total: number; adjustments: number }, i: number) => {
      expect(m.adjustments).toBe(s.members[i]!.settlement)
      expect(m.total).toBe(plain.members[i].total + s.members[i]!.settlement)
    })
    const table = await cli(['allocate', out])
    expect(table.stdout).toContain('調整額')
    const explain = await cli(['allocate', out, '--explain', '143219'])
    expect(explain.stdout).toContain('令和8年度精算額')
    expect(explain.stdout).toContain(s.members[1]!.settlement < 0 ? '−¥' : '+¥')
    const json = JSON.parse(
      (await cli(['allocate', out, '--explain', '143219', '--format', 'json'])).stdout,
    )
    expect(json.adjustments).toEqual([
      { amount: s.members[1]!.settlement, reason: '令和8年度精算額' },
    ])
  })

  it('--next appends to the adjustments the next year already has', async () => {
    const nextDoc = load(NEXT)
    nextDoc.adjustments = [{ code: '144029', amount: 5000, reason: '加算' }]
    const out = join(tempDir(), 'next.json')
    const r = await cli([
      'settle',
      BUDGET,
      ACTUAL,
      '--next',
      writeTemp('next-in.json', nextDoc),
      '--out',
      out,
    ])
    expect(r.code).toBe(0)
    const written = load(out)
    expect(written.adjustments[0]).toEqual({ code: '144029', amount: 5000, reason: '加算' })
    expect(written.adjustments).toHaveLength(15)
  })
})

describe('bad input: non-zero exit, nothing on stdout, the file and field path on stderr', () => {
  async function expectBad(args: string[], file: string, path: string) {
    const r = await cli(args)
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(file)
    expect(r.stderr).toContain(`${path}:`)
    return r.stderr
  }

  const cases: Array<[string, (d: ReturnType<typeof load>) => void, string, string?]> = [
    [
      'an unknown unit',
      (d) => (d.rounding = { unit: 500 }),
      'rounding.unit',
      '1, 10, 100, 1000, 10000',
    ],
    [
      'an adjuster that is not a participant',
      (d) => (d.costs[6].rounding = { method: 'floor', adjuster: '143219' }),
      'costs[6].rounding.adjuster',
      '143219 はこの費目の参加団体ではありません (not a participant)',
    ],
    [
      'unitPrice on a mixed rule without perPart',
      (d) => (d.costs[0].rounding = { method: 'unitPrice', adjuster: 'largestShare' }),
      'costs[0].rounding.method',
      'unitPrice',
    ],
    [
      'parts weights not summing to 1',
      (d) => {
        delete d.costs[4].rule
        d.costs[4].parts = [
          { weight: 0.9, members: ['143014'], rule: { equal: 1 } },
          { weight: 0.2, rule: { population: 1 } },
        ]
      },
      'costs[4].parts',
      '1',
    ],
    [
      'a part member outside the item',
      (d) => {
        delete d.costs[7].rule
        d.costs[7].parts = [{ weight: 1, members: ['143014'], rule: { equal: 1 } }]
      },
      'costs[7].parts[0].members[0]',
      '143014',
    ],
    [
      'deductions above the amount',
      (d) => (d.costs[1].deductions = [{ name: '国庫補助金', amount: 620000001 }]),
      'costs[1].deductions',
      '控除',
    ],
    [
      'an unknown adjustment code',
      (d) => (d.adjustments = [{ code: '143430', amount: -1, reason: '令和7年度精算額' }]),
      'adjustments[0].code',
      '143430',
    ],
    [
      'an adjuster that would pay less than 0',
      (d) => {
        // ¥70,000 among 14: ¥5,000 each, 万円未満切上げ ¥10,000 → 144029 would pay 70,000 − 130,000
        d.costs[4].amount = 70000
        d.costs[4].rounding = { unit: 10000, method: 'ceil', adjuster: '144029' }
      },
      'costs[4].rounding.adjuster',
      '"network"',
    ],
  ]
  it.each(cases)('allocate: %s', async (_label, mutate, path, text) => {
    const d = load(DEMO)
    mutate(d)
    const file = writeTemp('bad.json', d)
    const stderr = await expectBad(['allocate', file, '--format', 'json'], file, path)
    if (text) expect(stderr).toContain(text)
    // settle reports the same problem with the same file
    await expectBad(['settle', BUDGET, file], file, path)
  })

  it('settle on different consortia', async () => {
    const actual = load(ACTUAL)
    actual.consortium.name = '別の組合'
    const file = writeTemp('actual.json', actual)
    const stderr = await expectBad(['settle', BUDGET, file], file, 'consortium.name')
    expect(stderr).toContain(BUDGET)
    expect(stderr).toContain('別の組合')
  })

  it('settle on different fiscal years', async () => {
    const file = writeTemp('actual.json', load(NEXT))
    const stderr = await expectBad(['settle', BUDGET, file], file, 'consortium.fiscalYear')
    expect(stderr).toContain('令和9年度')
  })

  it('settle on different member codes', async () => {
    const actual = load(ACTUAL)
    actual.members = actual.members.filter((m: { code: string }) => m.code !== '144029')
    const file = writeTemp('actual.json', actual)
    const stderr = await expectBad(['settle', BUDGET, file], file, 'members')
    expect(stderr).toContain('144029 清川村')
  })

  it('--next naming a file without a member that has a settlement; --next without --out', async () => {
    const next = load(NEXT)
    next.members = next.members.filter((m: { code: string }) => m.code !== '144029')
    next.costs = next.costs.map((c: { members?: string[] }) => c)
    const file = writeTemp('next.json', next)
    const out = join(tempDir(), 'out.json')
    await expectBad(['settle', BUDGET, ACTUAL, '--next', file, '--out', out], file, 'members')
    const r = await cli(['settle', BUDGET, ACTUAL, '--next', NEXT])
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
  })
})
