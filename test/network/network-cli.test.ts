/** `warikan network` end to end: the figure fixtures, the output shapes, and bad input. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const dir = join(import.meta.dirname, '../../fixtures/network')
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .sort()

describe('warikan network on the fixtures', () => {
  it('has the four figures, the 三層分離 examples and the spec example', () => {
    expect(fixtures).toEqual([
      'fig-3-5-same-segment.json',
      'fig-3-6-separate-segment.json',
      'fig-3-7-joho-direct.json',
      'fig-3-8-joho-not-direct.json',
      'sanso-bunri-eltax.json',
      'sanso-bunri-misconfigured.json',
      'spec-example.json',
    ])
  })

  it.each(fixtures)('%s gives the findings in its .expected.json', async (name) => {
    const expected = JSON.parse(
      readFileSync(join(dir, name.replace(/\.json$/, '.expected.json')), 'utf8'),
    ) as { findings: Array<{ rule: string; severity: string; path: string[] }> }
    const run = await cli(['network', join(dir, name), '--format', 'json'])
    expect(run.code).toBe(0)
    expect(run.stderr).toBe('')
    const out = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>> }
    expect(Object.keys(out)).toEqual(['findings'])
    expect(out.findings.map(({ rule, severity, path }) => ({ rule, severity, path }))).toEqual(
      expected.findings,
    )
    // exactly the spec's keys (docs/formats/topology.md), in its order
    for (const f of out.findings) {
      expect(Object.keys(f)).toEqual(['rule', 'severity', 'message', 'path'])
      expect(typeof f.message).toBe('string')
    }
  })

  it('--explain adds explanation, source and fix to the JSON', async () => {
    const plain = await cli(['network', join(dir, 'fig-3-7-joho-direct.json'), '--format', 'json'])
    const run = await cli([
      'network',
      join(dir, 'fig-3-7-joho-direct.json'),
      '--format',
      'json',
      '--explain',
    ])
    expect(run.code).toBe(0)
    const out = JSON.parse(run.stdout) as { findings: Array<Record<string, unknown>> }
    const base = JSON.parse(plain.stdout) as { findings: Array<Record<string, unknown>> }
    expect(out.findings).toHaveLength(2)
    out.findings.forEach((f, i) => {
      expect(Object.keys(f)).toEqual([
        'rule',
        'severity',
        'message',
        'path',
        'explanation',
        'source',
        'fix',
      ])
      expect({ rule: f.rule, severity: f.severity, message: f.message, path: f.path }).toEqual(
        base.findings[i],
      )
      expect(f.explanation).toBeTruthy()
      expect(f.source).toMatch(/総務省/)
      expect(f.fix).toBeTruthy()
    })
  })

  it('exits 0 with findings, and prints a table with explanation, source and fix', async () => {
    const run = await cli(['network', join(dir, 'fig-3-7-joho-direct.json')])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('指摘事項 2 件')
    expect(run.stdout).toContain('NET-003')
    expect(run.stdout).toContain('dc-chukan → town-joho')
    expect(run.stdout).toContain(
      '根拠: 総務省「自治体クラウドの情報セキュリティ対策等に関する調査研究 報告書」',
    )
    expect(run.stdout).toContain('対策: ')
  })

  it('says so when there is nothing to report', async () => {
    const run = await cli(['network', join(dir, 'fig-3-6-separate-segment.json'), '--format=table'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('指摘事項はありません')
    const json = await cli([
      'network',
      join(dir, 'fig-3-6-separate-segment.json'),
      '--format',
      'json',
    ])
    expect(JSON.parse(json.stdout)).toEqual({ findings: [] })
  })

  it('draws an SVG', async () => {
    const run = await cli([
      'network',
      join(dir, 'sanso-bunri-misconfigured.json'),
      '--format',
      'svg',
    ])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^<svg /)
    expect(run.stdout).toContain('NET-005［エラー］ myna → eltax → inet')
  })
})

describe('warikan network on bad input', () => {
  const base = JSON.parse(readFileSync(join(dir, 'spec-example.json'), 'utf8')) as {
    segments: Array<Record<string, unknown>>
    nodes: Array<Record<string, unknown>>
    links: Array<Record<string, unknown>>
    devices: Array<Record<string, unknown>>
  }
  const tmp = mkdtempSync(join(tmpdir(), 'warikan-network-'))
  const write = (name: string, change: (d: typeof base) => void) => {
    const d = structuredClone(base)
    change(d)
    const file = join(tmp, name)
    writeFileSync(file, JSON.stringify(d))
    return file
  }

  it.each<[string, (d: typeof base) => void, string]>([
    ['unknown segment in a link', (d) => void (d.links[2]!.to = 'town-x'), 'links[2].to'],
    ['undeclared device', (d) => void (d.links[2]!.via = 'rt9'), 'links[2].via'],
    [
      'duplicate segment id',
      (d) => void d.segments.push({ id: 'jlis', kind: 'other' }),
      'segments[5].id',
    ],
    [
      'duplicate device id',
      (d) => void d.devices.push({ id: 'fw1', kind: 'router' }),
      'devices[3].id',
    ],
    [
      'duplicate node id',
      (d) => void d.nodes.push({ id: 'ms1', kind: 'terminal', segment: 'jlis' }),
      'nodes[3].id',
    ],
    ['unknown kind', (d) => void (d.segments[0]!.kind = 'dmz'), 'segments[0].kind'],
    ['a link to itself', (d) => void (d.links[0]!.to = 'dc-kikan'), 'links[0].to'],
  ])(
    '%s → exit ≠ 0, file and field path on stderr, nothing on stdout',
    async (name, change, path) => {
      const file = write(`${name.replace(/\W+/g, '-')}.json`, change)
      for (const format of ['json', 'table', 'svg']) {
        const run = await cli(['network', file, '--format', format])
        expect(run.code).not.toBe(0)
        expect(run.stdout).toBe('')
        expect(run.stderr).toContain(`${file}: ${path}: `)
      }
    },
  )

  it('malformed JSON, a missing file, and a bad --format are errors too', async () => {
    const bad = join(tmp, 'bad.json')
    writeFileSync(bad, '{ "segments": [ }')
    const a = await cli(['network', bad])
    expect(a.code).not.toBe(0)
    expect(a.stdout).toBe('')
    expect(a.stderr).toContain(bad)
    const b = await cli(['network', join(tmp, 'missing.json')])
    expect(b.code).not.toBe(0)
    expect(b.stdout).toBe('')
    const c = await cli(['network', join(dir, 'spec-example.json'), '--format', 'csv'])
    expect(c.code).not.toBe(0)
    expect(c.stdout).toBe('')
  })
})
