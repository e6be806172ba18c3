/** `warikan sla check|report` and `warikan continuity` end to end on the fixtures, and bad input. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const dir = join(import.meta.dirname, '../../fixtures/sla')
const slaFile = join(dir, 'kanagawa-2026-sla.json')
const incidents = join(dir, 'kanagawa-2026-08-incidents.csv')
const tmp = () => mkdtempSync(join(tmpdir(), 'warikan-sla-'))

describe('warikan sla check', () => {
  it('compares every item of 表2-12 with 表2-13 and exits 1 when some fall short', async () => {
    const run = await cli(['sla', 'check', slaFile, '--format', 'json'])
    expect(run.code).toBe(1)
    const { findings } = JSON.parse(run.stdout) as {
      findings: Array<{ item: string; status: string }>
    }
    expect(findings).toHaveLength(10)
    expect(Object.fromEntries(findings.map((f) => [f.item, f.status]))).toMatchObject({
      サービス時間: 'ok',
      サービス稼働率: 'ok',
      ディザスタリカバリ方法: 'below',
      サービス提供状況の確認方法: 'below',
      同時接続利用者数: 'missing',
      バックアップデータの保管期間: 'below',
    })
  })
  it('prints a Japanese table', async () => {
    const run = await cli(['sla', 'check', slaFile])
    expect(run.stdout).toContain('推奨に届かない項目: 4 / 10')
    expect(run.stdout).toContain('月〜金 07:30-19:15')
  })
})

describe('warikan sla report (令和8年8月)', () => {
  it('counts each incident as the rules say, to the minute', async () => {
    const run = await cli([
      'sla',
      'report',
      slaFile,
      incidents,
      '--month',
      '2026-08',
      '--format',
      'json',
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const report = JSON.parse(run.stdout) as {
      services: Array<Record<string, unknown> & { incidents: Array<{ status: string }> }>
    }
    const [kikan, dc, portal] = report.services
    // 20 open weekdays (8/11 山の日 closed) × 07:30–19:15 (705 min)
    expect(kikan).toMatchObject({ serviceMinutes: 14_100, downtimeMinutes: 218 + 110, met: false })
    expect(kikan!.incidents.map((i) => i.status)).toEqual([
      'counted',
      'outsideHours',
      'belowMinimum',
      'excluded',
      'counted',
    ])
    // 25 % of ¥51,666,666, floored to the yen
    expect(kikan!['credit']).toMatchObject({ rate: 0.25, amount: 12_916_666 })
    // 24 h service: 31 days; only the August part (23:20–24:00) of the month-end outage
    expect(dc).toMatchObject({ serviceMinutes: 44_640, downtimeMinutes: 40, met: true })
    expect(dc!['allowedDowntimeMinutes']).toBe(223.2)
    expect(portal).toMatchObject({ downtimeMinutes: 0, met: true })
  })

  it('reads the same log in Shift_JIS', async () => {
    // the same incidents, Japanese header, CRLF, CP932 (fixtures/sla/README.md)
    const sjis = join(dir, 'kanagawa-2026-08-incidents-sjis.csv')
    expect(readFileSync(sjis).includes(Buffer.from('開始', 'utf8'))).toBe(false)
    const a = await cli([
      'sla',
      'report',
      slaFile,
      incidents,
      '--month',
      '2026-08',
      '--format',
      'json',
    ])
    const b = await cli(['sla', 'report', slaFile, sjis, '--month', '2026-08', '--format', 'json'])
    expect(b.code).toBe(0)
    expect(JSON.parse(b.stdout)).toEqual(JSON.parse(a.stdout))
  })

  it('writes the credit into a scenario as a deduction of the matching cost item', async () => {
    const d = tmp()
    const out = join(d, 'next.json')
    const scenario = join(import.meta.dirname, '../../fixtures/demo/kanagawa-2026.json')
    const run = await cli([
      'sla',
      'report',
      slaFile,
      incidents,
      '--month',
      '2026-08',
      '--into',
      scenario,
      '--out',
      out,
    ])
    expect(run.code).toBe(0)
    const written = JSON.parse(readFileSync(out, 'utf8')) as {
      costs: Array<{ id: string; deductions?: Array<{ name: string; amount: number }> }>
    }
    const kikan = written.costs.find((c) => c.id === 'kikan')!
    expect(kikan.deductions).toEqual([
      { name: expect.stringContaining('SLA減額 2026年8月'), amount: 12_916_666 },
    ])
    expect(run.stderr).toContain(out)
    // the written scenario allocates the net amount, and the explanation shows the deduction
    const demo = JSON.parse(readFileSync(scenario, 'utf8')) as {
      costs: Array<{ id: string; amount: number }>
    }
    const gross = demo.costs.find((c) => c.id === 'kikan')!.amount
    const allocated = await cli(['allocate', out, '--format', 'json'])
    expect(allocated.code).toBe(0)
    const result = JSON.parse(allocated.stdout) as {
      costs: Array<{ id: string; amount: number; deductions?: number; allocated: number }>
      members: Array<{ shares: Record<string, number> }>
    }
    expect(result.costs.find((c) => c.id === 'kikan')).toEqual({
      id: 'kikan',
      amount: gross,
      deductions: 12_916_666,
      allocated: gross - 12_916_666,
    })
    expect(result.members.reduce((s, m) => s + m.shares['kikan']!, 0)).toBe(gross - 12_916_666)
    const explained = await cli(['allocate', out, '--explain', '143014'])
    expect(explained.stdout).toContain('SLA減額')
  })

  it.each([
    [
      'end before start',
      '2026-08-04 10:00,2026-08-04 09:00,kikan,hw,false,',
      'line 2, end',
      'end before start',
    ],
    [
      'unknown service',
      '2026-08-04 10:00,2026-08-04 11:00,mail,hw,false,',
      'line 2, service',
      'unknown service',
    ],
    ['bad date', '2026-08-32 10:00,2026-08-04 11:00,kikan,hw,false,', 'line 2, start', 'bad date'],
    [
      'bad flag',
      '2026-08-04 10:00,2026-08-04 11:00,kikan,hw,maybe,',
      'line 2, excluded',
      'true/false',
    ],
  ])('refuses %s with the file and line, nothing on stdout', async (_, row, where, what) => {
    const d = tmp()
    const f = join(d, 'bad.csv')
    writeFileSync(f, `start,end,service,cause,excluded,reason\n${row}\n`)
    const run = await cli(['sla', 'report', slaFile, f, '--month', '2026-08'])
    expect(run.code).not.toBe(0)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`${f}: ${where}`)
    expect(run.stderr).toContain(what)
  })

  it('refuses a bad month and a bad SLA field', async () => {
    const m = await cli(['sla', 'report', slaFile, incidents, '--month', '2026-13'])
    expect(m.code).not.toBe(0)
    expect(m.stderr).toContain('YYYY-MM')
    const d = tmp()
    const f = join(d, 'sla.json')
    const raw = JSON.parse(readFileSync(slaFile, 'utf8')) as Record<string, unknown>
    writeFileSync(f, JSON.stringify({ ...raw, credits: [{ below: '99.5%', rate: '150%' }] }))
    const run = await cli(['sla', 'check', f])
    expect(run.code).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toContain(`${f}: credits[0].rate`)
  })
})

describe('warikan continuity', () => {
  it('shows the 9 × 6 matrix, the gaps per member and the shared split', async () => {
    const run = await cli([
      'continuity',
      join(dir, 'kanagawa-2026-continuity.json'),
      '--format',
      'json',
    ])
    expect(run.code).toBe(0)
    const r = JSON.parse(run.stdout) as {
      matrix: unknown[]
      members: Array<{ name: string; uncovered: number[] }>
      shared: { total: number; members: Array<{ total: number }> }
    }
    expect(r.matrix).toHaveLength(9)
    expect(r.members.find((m) => m.name === '葉山町')!.uncovered).toEqual([8])
    expect(r.shared.total).toBe(18_000_000)
    expect(r.shared.members.reduce((s, m) => s + m.total, 0)).toBe(18_000_000)
    const table = await cli(['continuity', join(dir, 'kanagawa-2026-continuity.json')])
    expect(table.stdout).toContain('(9) 大規模災害時の広域障害（停電あり）')
  })
})
