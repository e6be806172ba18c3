import { describe, expect, it } from 'vitest'
import { parseTopology } from './parse'

const valid = () => ({
  version: 1,
  segments: [
    { id: 'k', kind: 'kikan', name: '基幹系' },
    { id: 'c', kind: 'chukan' },
    { id: 'i', kind: 'interface' },
  ],
  nodes: [{ id: 'ms', kind: 'middle-server', segment: 'c' }],
  links: [
    { from: 'k', to: 'c', via: 'fw1' },
    { from: 'c', to: 'i', via: 'fw2' },
    { from: 'k', to: 'i' },
  ],
  devices: [
    { id: 'fw1', kind: 'firewall' },
    { id: 'fw2', kind: 'firewall', name: '責任分界点FW' },
  ],
})

type Doc = ReturnType<typeof valid>
const issuesOf = (change: (d: Doc) => unknown) => {
  const d = valid()
  const raw = change(d) ?? d
  const r = parseTopology(raw)
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)
}

describe('parseTopology', () => {
  it('accepts the valid document, extra keys, and missing optional lists', () => {
    expect(parseTopology(valid()).ok).toBe(true)
    expect(parseTopology({ ...valid(), source: '図3-6', date: '2013-05' }).ok).toBe(true)
    const r = parseTopology({ segments: [{ id: 'a', kind: 'other' }] })
    expect(r.ok && r.value.links).toEqual([])
  })

  it.each<[string, (d: Doc) => unknown, string]>([
    [
      'unknown segment in a link',
      (d) => void (d.links[2]!.to = 'zz'),
      'links[2].to: セグメント "zz"',
    ],
    ['unknown segment (from)', (d) => void (d.links[0]!.from = 'q'), 'links[0].from:'],
    ['undeclared device', (d) => void (d.links[1]!.via = 'fw9'), 'links[1].via: 機器 "fw9"'],
    ['a link to itself', (d) => void (d.links[2]!.to = 'k'), 'links[2].to: リンクが同じセグメント'],
    [
      'duplicate segment id',
      (d) => void d.segments.push({ id: 'c', kind: 'other' }),
      'segments[3].id:',
    ],
    [
      'duplicate node id',
      (d) => void d.nodes.push({ id: 'ms', kind: 'terminal', segment: 'k' }),
      'nodes[1].id:',
    ],
    [
      'duplicate device id',
      (d) => void d.devices.push({ id: 'fw1', kind: 'router' }),
      'devices[2].id:',
    ],
    [
      'unknown segment kind',
      (d) => void (d.segments[1]!.kind = 'dmz'),
      'segments[1].kind: 不明なセグメントの種別 "dmz"',
    ],
    ['unknown node kind', (d) => void (d.nodes[0]!.kind = 'server'), 'nodes[0].kind:'],
    [
      'unknown device kind',
      (d) => void (d.devices[0]!.kind = 'switch'),
      'devices[0].kind: 不明な機器の種別 "switch"',
    ],
    ['node in an unknown segment', (d) => void (d.nodes[0]!.segment = 'x'), 'nodes[0].segment:'],
    ['missing link end', (d) => void delete (d.links[0] as { to?: string }).to, 'links[0].to:'],
    ['empty id', (d) => void (d.segments[0]!.id = ''), 'segments[0].id: ID が空です'],
    ['wrong version', (d) => void (d.version = 2), 'version:'],
    ['no segments list', () => ({ links: [] }), 'segments:'],
    ['not an object', () => [1, 2], '(root):'],
  ])('%s → an issue naming the field path', (_name, change, expected) => {
    const issues = issuesOf(change)
    expect(
      issues.some((i) => i.startsWith(expected)),
      issues.join('\n'),
    ).toBe(true)
  })

  it('reports every problem, not just the first', () => {
    const issues = issuesOf((d) => {
      d.links[0]!.via = 'nope'
      d.links[1]!.from = 'gone'
    })
    expect(issues.map((i) => i.split(':')[0])).toEqual(['links[0].via', 'links[1].from'])
  })
})
