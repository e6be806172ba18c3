/** `warikan patterns` end to end: the demo consortium, both formats, and bad input. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const DEMO = 'fixtures/patterns/kanagawa-2026-patterns.json'
/** The parts of the demo document the bad-input cases edit. */
interface Doc {
  services: Array<{ hourly: number[]; members?: string[] }>
  patterns?: { server: { capacity: number } }
}

const dir = mkdtempSync(join(tmpdir(), 'warikan-patterns-'))

/** Write a variant of the demo scenario changed by `edit`; returns its path. */
function variant(name: string, edit: (doc: Doc) => void): string {
  const doc = JSON.parse(readFileSync(DEMO, 'utf8'))
  edit(doc)
  const file = join(dir, `${name}.json`)
  writeFileSync(file, JSON.stringify(doc))
  return file
}

describe('warikan patterns', () => {
  it('compares the three patterns for the demo consortium (json)', async () => {
    const r = await cli(['patterns', DEMO, '--format', 'json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.stdout)
    expect(report.extensionVersion).toBe(1)
    expect(report.units).toBe(14 * 6)
    const servers = report.patterns.map((p: { servers: number }) => p.servers)
    expect(servers[2]).toBeLessThanOrEqual(Math.min(servers[0], servers[1]))
    expect(report.patterns.map((p: { name: string }) => p.name)).toEqual([
      '同一業務統合型',
      '地方公共団体内業務統合型',
      '複数地方公共団体・多種業務統合型',
    ])
    // 箱根町's customised 税務 gets its own group under pattern 1
    expect(report.patterns[0].groups.map((g: { id: string }) => g.id)).toContain(
      'p1:dedicated:zeimu:143821',
    )
    // the 中間サーバ (SaaS) stays one shared group under pattern 2
    expect(report.patterns[1].groups.map((g: { id: string }) => g.id)).toContain('p2:saas:chukan')
    // the 負担金 of each pattern add up to its server cost
    for (const p of report.patterns) {
      const sum = report.allocation.members.reduce(
        (a: number, m: { burden: Record<string, number> }) => a + m.burden[p.pattern]!,
        0,
      )
      expect(sum).toBe(p.annualCost)
    }
    expect(report.recommendation.ranking).toHaveLength(3)
    expect(report.recommendation.rationale[0]).toMatch(/^推奨はパターン[123]/)
  })

  it('prints a Japanese table by default', async () => {
    const r = await cli(['patterns', DEMO])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('■ 共同利用形態の比較（表3-6）')
    expect(r.stdout).toContain('税務・箱根町（単独・独自システム）')
    expect(r.stdout).toContain('■ パターン別サーバ費用の負担金')
    expect(r.stdout).toContain('■ 推奨')
    expect(r.stdout).toMatch(/¥\d{1,3}(,\d{3})+/)
  })

  it.each([
    ['23 hourly values', (d: Doc) => d.services[2]!.hourly.pop(), 'services[2].hourly'],
    ['a negative load', (d: Doc) => (d.services[1]!.hourly[10] = -3), 'services[1].hourly[10]'],
    ['capacity 0', (d: Doc) => (d.patterns!.server.capacity = 0), 'patterns.server.capacity'],
    [
      'a 業務 used by an unknown member',
      (d: Doc) => (d.services[0]!.members = ['143014', '143999']),
      'services[0].members[1]',
    ],
    ['a missing patterns object', (d: Doc) => delete d.patterns, 'patterns'],
  ])(
    'bad input (%s): exit ≠ 0, file and field path on stderr, nothing on stdout',
    async (name, edit, path) => {
      const file = variant(name.replace(/\W+/g, '-'), edit)
      const r = await cli(['patterns', file, '--format', 'json'])
      expect(r.code).not.toBe(0)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain(`${file}: ${path}:`)
    },
  )

  it('planner weights from the command line change the ranking', async () => {
    const costOnly = await cli([
      'patterns',
      DEMO,
      '--format',
      'json',
      '--weights',
      'cost=1,blastRadius=0,coupling=0,collisions=0',
    ])
    expect(costOnly.code).toBe(0)
    const report = JSON.parse(costOnly.stdout)
    // cost alone: the fewest servers wins, and pattern 3 never has more than the others
    expect(report.recommendation.pattern).toBe(3)
    expect(report.recommendation.weights).toEqual({
      cost: 1,
      blastRadius: 0,
      coupling: 0,
      collisions: 0,
    })
    const bad = await cli(['patterns', DEMO, '--weights', 'speed=1'])
    expect(bad.code).not.toBe(0)
    expect(bad.stdout).toBe('')
    expect(bad.stderr).toContain('speed')
    const negative = await cli(['patterns', DEMO, '--weights', 'cost=-1'])
    expect(negative.code).not.toBe(0)
    expect(negative.stdout).toBe('')
  })

  it('rejects an unknown format and a missing file', async () => {
    const f = await cli(['patterns', DEMO, '--format', 'csv'])
    expect(f.code).not.toBe(0)
    expect(f.stdout).toBe('')
    const m = await cli(['patterns', join(dir, 'nope.json')])
    expect(m.code).not.toBe(0)
    expect(m.stderr).toContain('nope.json')
    expect(m.stdout).toBe('')
  })
})
