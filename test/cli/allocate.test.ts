import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const DEMO = 'fixtures/demo/kanagawa-2026.json'
const demo = () => JSON.parse(readFileSync(DEMO, 'utf8'))

function writeTemp(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'warikan-cli-'))
  const file = join(dir, name)
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return file
}

describe('warikan allocate', () => {
  it('prints the spec output for the demo; every cost is allocated in full', async () => {
    const r = await cli(['allocate', DEMO, '--format', 'json'])
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    const out = JSON.parse(r.stdout)
    expect(Object.keys(out)).toEqual(['total', 'members', 'costs'])
    expect(out.members).toHaveLength(14)
    expect(out.members[0].code).toBe('143014')
    for (const c of out.costs) expect(c.allocated).toBe(c.amount)
    expect(out.total).toBe(
      demo().costs.reduce((a: number, c: { amount: number }) => a + c.amount, 0),
    )
    // every cost id present in shares, non-participants 0
    expect(Object.keys(out.members[1].shares)).toEqual(
      demo().costs.map((c: { id: string }) => c.id),
    )
    expect(out.members[1].shares['custom-hayama']).toBe(0)
    expect(out.members[0]).toHaveProperty('meetsTarget')
  })

  it('prints a Japanese table with ¥, 令和 and ✓/✗', async () => {
    const r = await cli(['allocate', DEMO])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('令和8年度')
    expect(r.stdout).toContain('¥1,037,000,000')
    expect(r.stdout).toMatch(/✗/)
    expect(r.stdout).toContain('削減率')
  })

  it('writes CSV with a BOM for Excel', async () => {
    const r = await cli(['allocate', DEMO, '--format', 'csv'])
    expect(r.stdout.startsWith('\uFEFF団体コード,団体名,')).toBe(true)
    expect(r.stdout.split('\r\n')).toHaveLength(14 + 3)
  })

  it('explains a member’s share with the rule, drivers and rounding step', async () => {
    const r = await cli(['allocate', DEMO, '--explain', '144029'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('清川村 (144029)')
    expect(r.stdout).toContain('均等割 10%')
    expect(r.stdout).toContain('最大剰余法')
    const j = JSON.parse(
      (await cli(['allocate', DEMO, '--explain', '144029', '--format', 'json'])).stdout,
    )
    expect(j.explanations).toHaveLength(9)
    const sum = j.explanations.reduce((a: number, e: { share: number }) => a + e.share, 0)
    const out = JSON.parse((await cli(['allocate', DEMO, '--format', 'json'])).stdout)
    expect(sum).toBe(out.members.find((m: { code: string }) => m.code === '144029').total)
  })
})

describe('bad input: non-zero exit, nothing on stdout, the file and field path on stderr', () => {
  const cases: Array<[string, (d: ReturnType<typeof demo>) => void, string]> = [
    [
      'weights not summing to 1',
      (d) => (d.costs[0].rule = { equal: 0.1, population: 0.8 }),
      'costs[0].rule',
    ],
    ['a bad check digit', (d) => (d.members[2].code = '143414'), 'members[2].code'],
    ['a duplicate code', (d) => (d.members[3].code = d.members[0].code), 'members[3].code'],
    [
      'an unknown participant',
      (d) => (d.costs[6].members = ['143014', '999999']),
      'costs[6].members[1]',
    ],
    ['a negative amount', (d) => (d.costs[1].amount = -5), 'costs[1].amount'],
    ['a fractional amount', (d) => (d.costs[1].amount = 100.5), 'costs[1].amount'],
    ['a missing metric', (d) => delete d.members[4].metrics, 'members[4].metrics.terminals'],
    ['a duplicate cost id', (d) => (d.costs[2].id = 'dc'), 'costs[2].id'],
    [
      'fixed shares not summing to 1',
      (d) => (d.costs[7].rule.fixed['143669'] = 0.2),
      'costs[7].rule.fixed',
    ],
    ['an unknown field', (d) => (d.members[0].populaton = 1), 'members[0]'],
  ]
  it.each(cases)('%s', async (_label, mutate, path) => {
    const d = demo()
    mutate(d)
    const file = writeTemp('bad.json', d)
    const r = await cli(['allocate', file, '--format', 'json'])
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(file)
    expect(r.stderr).toContain(`${path}:`)
  })

  it('malformed JSON names the line', async () => {
    const file = writeTemp('broken.json', '{\n  "version": 1,\n  "members": [\n}')
    const r = await cli(['allocate', file])
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(file)
    expect(r.stderr).toMatch(/line 4/)
  })

  it('a missing file and an unknown format are clear errors', async () => {
    const missing = await cli(['allocate', 'no/such/file.json'])
    expect(missing.code).not.toBe(0)
    expect(missing.stderr).toContain('no/such/file.json')
    const fmt = await cli(['allocate', DEMO, '--format', 'xml'])
    expect(fmt.code).not.toBe(0)
    expect(fmt.stdout).toBe('')
  })
})
