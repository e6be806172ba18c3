import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const PLAN = 'fixtures/plans/kanagawa-2026-2030.json'
const plan = () => JSON.parse(readFileSync(PLAN, 'utf8'))

function writeTemp(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'warikan-plan-'))
  const file = join(dir, name)
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return file
}

interface PlanJson {
  from: number
  to: number
  years: Array<{
    fiscalYear: number
    total: number
    members: Array<{ code: string; total: number }>
    costs: Array<{ id: string; amount: number }>
  }>
  members: Array<{
    code: string
    byYear: Record<string, number>
    total: number
    standaloneTotal?: number
  }>
  total: number
}

describe('warikan plan', () => {
  it('prints the spec JSON for the demo plan: a joiner from 令和9年度, period totals', async () => {
    const r = await cli(['plan', PLAN, '--format', 'json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as PlanJson
    expect(Object.keys(out)).toEqual(['from', 'to', 'years', 'members', 'total'])
    expect(out.years.map((y) => y.fiscalYear)).toEqual([2026, 2027, 2028, 2029, 2030])
    expect(out.years[0]!.members).toHaveLength(13)
    expect(out.years[1]!.members).toHaveLength(14)
    const kiyokawa = out.members.find((m) => m.code === '144029')!
    expect(Object.keys(kiyokawa.byYear)).toEqual(['2027', '2028', '2029', '2030'])
    expect(out.total).toBe(out.years.reduce((a, y) => a + y.total, 0))
    // the amortised 移行経費 sums exactly to ¥150,000,000 over the five years
    const iko = out.years.map((y) => y.costs.find((c) => c.id === 'iko')!.amount)
    expect(iko.reduce((a, b) => a + b, 0)).toBe(150_000_000)
    expect(iko).toEqual([30_000_000, 30_000_000, 30_000_000, 30_000_000, 30_000_000])
    // 410,000.00 USD × 139 = ¥56,990,000 in 令和8年度
    expect(out.years[0]!.costs.find((c) => c.id === 'gcloud')!.amount).toBe(56_990_000)
  })

  it('--rate USD=160 overrides every year’s rate', async () => {
    const base = JSON.parse((await cli(['plan', PLAN, '--format', 'json'])).stdout) as PlanJson
    const r = await cli(['plan', PLAN, '--format', 'json', '--rate', 'USD=160'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as PlanJson
    // 410,000.00 × 1.02 = 418,200 USD in 令和9年度 × 160 = ¥66,912,000 (at ¥152.5: ¥63,775,500)
    expect(base.years[1]!.costs.find((c) => c.id === 'gcloud')!.amount).toBe(63_775_500)
    expect(out.years[1]!.costs.find((c) => c.id === 'gcloud')!.amount).toBe(66_912_000)
    expect(out.years[0]!.costs.find((c) => c.id === 'gcloud')!.amount).toBe(65_600_000)
    const table = (await cli(['plan', PLAN, '--rate', 'USD=160'])).stdout
    expect(table.match(/為替レート/g)).toHaveLength(1)
    expect(table).toContain('1 USD = ¥160（令和8年度〜令和12年度）')
  })

  it('prints the Japanese table: members × years, 前年度比, 削減率, one line per rate', async () => {
    const r = await cli(['plan', PLAN])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('令和8年度')
    expect(r.stdout).toContain('令和12年度')
    expect(r.stdout).toContain('前年度比')
    expect(r.stdout).toContain('削減率')
    expect(r.stdout).toContain('1 USD = ¥139（令和8年度）')
    expect(r.stdout).toContain('1 USD = ¥152.5（令和9年度〜令和12年度）')
  })

  it('writes CSV with a BOM, a row per member and a total row', async () => {
    const r = await cli(['plan', PLAN, '--format', 'csv'])
    expect(r.stdout.startsWith('\uFEFF団体コード,団体名,令和8年度,')).toBe(true)
    expect(r.stdout.split('\r\n')).toHaveLength(1 + 14 + 1 + 1)
  })

  it('--year Y piped to allocate equals year Y of the plan', async () => {
    const out = JSON.parse((await cli(['plan', PLAN, '--format', 'json'])).stdout) as PlanJson
    const y = await cli(['plan', PLAN, '--year', '2028'])
    expect(y.code).toBe(0)
    const scenario = JSON.parse(y.stdout)
    expect(scenario.consortium.fiscalYear).toBe(2028)
    const file = writeTemp('2028.json', y.stdout)
    const a = await cli(['allocate', file, '--format', 'json'])
    expect(a.code).toBe(0)
    const { fiscalYear, ...year } = out.years[2]!
    expect(fiscalYear).toBe(2028)
    expect(JSON.parse(a.stdout)).toEqual(year)
  })

  it('bad input: exit ≠ 0, nothing on stdout, stderr names the file, field path and year', async () => {
    const p = plan()
    p.members[1].population = { '2027': 47000 }
    const file = writeTemp('bad.json', p)
    const r = await cli(['plan', file])
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`${file}: members[1].population: 令和8年度 (2026) の値がありません`)
    const y = await cli(['plan', PLAN, '--year', '2031'])
    expect(y.code).toBe(2)
    expect(y.stdout).toBe('')
    expect(y.stderr).toContain('--year 2031')
    const rate = await cli(['plan', PLAN, '--rate', 'USD:160'])
    expect(rate.code).toBe(2)
    expect(rate.stderr).toContain('--rate USD:160')
  })

  it('refuses adjustments in a plan', async () => {
    const file = writeTemp('adj.json', {
      ...plan(),
      adjustments: [{ code: '143014', amount: -1, reason: '精算' }],
    })
    const r = await cli(['plan', file])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`${file}: adjustments: `)
  })
})

describe('the worked example of docs/plan.md', () => {
  it('gives the hand-worked yen', async () => {
    const r = await cli(['plan', 'fixtures/plans/worked-example.json', '--format', 'json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as PlanJson
    const shares = (
      JSON.parse(r.stdout) as {
        years: Array<{ members: Array<{ shares: Record<string, number> }> }>
      }
    ).years[0]!.members.map((m) => m.shares)
    expect(out.years.map((y) => y.costs.map((c) => c.amount))).toEqual([
      [90_000_000, 13_900_000, 3_333_333],
      [91_800_000, 15_250_000, 3_333_333],
      [93_636_000, 15_250_000, 3_333_334],
    ])
    expect(shares).toEqual([
      { unyo: 36_000_000, gcloud: 5_212_500, iko: 1_666_667 },
      { unyo: 54_000_000, gcloud: 8_687_500, iko: 1_666_666 },
    ])
    expect(out.members.map((m) => m.total)).toEqual([121_777_971, 186_944_001, 21_114_028])
    expect(out.members[0]!.standaloneTotal).toBe(183_624_000)
    expect(out.total).toBe(329_836_000)
    const y2028 = JSON.parse(
      (await cli(['plan', 'fixtures/plans/worked-example.json', '--year', '2028'])).stdout,
    )
    expect(y2028.members.map((m: { population: number }) => m.population)).toEqual([
      29_403, 49_501, 3_000,
    ])
    const at160 = JSON.parse(
      (
        await cli([
          'plan',
          'fixtures/plans/worked-example.json',
          '--format',
          'json',
          '--rate',
          'USD=160',
        ])
      ).stdout,
    ) as PlanJson
    expect(at160.total).toBe(333_436_000)
  })
})

describe('warikan plan --traffic', () => {
  it('gives every year the same traffic; without it a traffic rule is an error naming the year', async () => {
    const p = plan()
    const chukan = p.costs.find((c: { id: string }) => c.id === 'chukan')
    chukan.rule = { traffic: 1 }
    chukan.traffic = { basis: 'provider', unit: 'queries' }
    const file = writeTemp('traffic-plan.json', p)
    const r = await cli([
      'plan',
      file,
      '--format',
      'json',
      '--traffic',
      'fixtures/traffic/kanagawa-2026-sample.csv',
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout) as PlanJson
    for (const y of out.years)
      expect(y.costs.find((c) => c.id === 'chukan')!.amount).toBe(36_000_000)
    const without = await cli(['plan', file])
    expect(without.code).not.toBe(0)
    expect(without.stdout).toBe('')
    expect(without.stderr).toContain('令和8年度 (2026)')
  })
})
