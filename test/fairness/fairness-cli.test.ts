import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const FIXTURE = 'fixtures/fairness/kanagawa-2026-fairness.json'
const DEMO = 'fixtures/demo/kanagawa-2026.json'
const dir = mkdtempSync(join(tmpdir(), 'warikan-fairness-'))
const withModel = (coalitionModel: unknown) => {
  const doc = JSON.parse(readFileSync(FIXTURE, 'utf8'))
  doc.coalitionModel = coalitionModel
  const file = join(dir, `m${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(file, JSON.stringify(doc))
  return file
}

describe('warikan fairness', () => {
  it('reports targets, α, Shapley (summing to c(N)) and both core checks as JSON', async () => {
    const r = await cli(['fairness', FIXTURE, '--alpha', 'equal,population', '--format', 'json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.targets.missing).toEqual(['143014', '143626', '143669'])
    expect(j.alpha.kind).toBe('none')
    const shapley = j.coalitionModel.members.map((m: { shapley: number }) => m.shapley)
    expect(shapley.reduce((a: number, b: number) => a + b, 0)).toBe(1028796180) // c(N) rounded
    expect(j.coalitionModel.core.shapley.verdict).toBe('inCore')
    expect(j.coalitionModel.core.scenario.verdict).toBe('notInCore')
    expect(j.coalitionModel.core.scenario.effort.coalitionsEvaluated).toBe(2 ** 14 - 2)
    expect(
      j.adjustment.members.reduce((a: number, m: { adjustment: number }) => a + m.adjustment, 0),
    ).toBe(0)
    expect(j.summary).toContain('目標に届かず')
  })

  it('prints a table without a model (targets only)', async () => {
    const r = await cli(['fairness', DEMO])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('削減率目標')
    expect(r.stdout).not.toContain('シャープレイ値と')
  })

  it.each([
    [
      {
        components: [
          { kind: 'airport', id: 'a', levels: [{ need: 1e6, cost: 1 }], needs: { '143014': -3 } },
        ],
      },
      'coalitionModel.components[0].needs["143014"]',
    ],
    [
      { components: [{ kind: 'scaleEconomy', id: 's', k: 1, exponent: 1.2 }] },
      'coalitionModel.components[0].exponent',
    ],
    [
      { components: [{ kind: 'fixed', id: 'f', amount: 1, members: ['143014', '143057'] }] },
      'coalitionModel.components[0].members[1]',
    ],
  ])(
    'bad model → exit ≠ 0, file and field path on stderr, nothing on stdout (%#)',
    async (model, path) => {
      const file = withModel(model)
      const r = await cli(['fairness', file])
      expect(r.code).not.toBe(0)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain(file)
      expect(r.stderr).toContain(path)
    },
  )
})

describe('warikan whatif / compare', () => {
  it('a member joins: every existing member saves (割り勘効果)', async () => {
    const member = JSON.stringify({ code: '143847', name: 'x', population: 1 })
    // 143847 is already a member → duplicate code error naming the field
    const dup = await cli(['whatif', DEMO, '--add-member', member])
    expect(dup.code).not.toBe(0)
    expect(dup.stdout).toBe('')
    expect(dup.stderr).toContain('members[14].code')
    const joiner = JSON.stringify({
      code: '143600',
      name: '新町',
      population: 20000,
      metrics: { terminals: 70 },
    })
    const r = await cli(['whatif', DEMO, '--add-member', joiner, '--format', 'json'])
    expect(r.stderr).toBe('')
    const j = JSON.parse(r.stdout)
    expect(j.joinEffect).toHaveLength(14)
    // 葉山町's own customisation is unchanged, every shared item now has one more payer
    for (const e of j.joinEffect) expect(e.saving).toBeGreaterThan(0)
    expect(j.comparison.rows.at(-1).code).toBe('143600')
  })

  it('set-population and set-rule, compared with compare on files', async () => {
    const r = await cli([
      'whatif',
      DEMO,
      '--set-population',
      '144029=5000',
      '--set-rule',
      'network={"population":1}',
      '--format',
      'json',
    ])
    expect(r.code).toBe(0)
    const rows = JSON.parse(r.stdout).comparison.rows
    // 清川村 3,459 → 5,000 residents: its population-based shares rise
    expect(rows.find((x: { code: string }) => x.code === '144029').diff).toBeGreaterThan(0)
    const out = await cli(['allocate', DEMO, '--format', 'json'])
    const a = join(dir, 'a.json')
    writeFileSync(a, out.stdout)
    const c = await cli(['compare', a, DEMO, '--format', 'json'])
    expect(c.code).toBe(0)
    expect(JSON.parse(c.stdout).rows.every((x: { diff: number }) => x.diff === 0)).toBe(true)
    const bad = await cli(['compare', a, 'package.json'])
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toContain('package.json: members')
  })
})
