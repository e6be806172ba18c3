/**
 * The checks against a brute-force oracle on random small topologies: enumerate every simple path
 * between every pair of segments, keep those whose links avoid the device kind, and pick the
 * shortest, ties broken by the smallest ids element-wise. Independent of the BFS and its proof.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkTopology } from './check'
import { comparePaths } from './graph'
import { DEVICE_KINDS, SEGMENT_KINDS, type DeviceKind, type Topology } from './schema'

function bestPath(
  t: Topology,
  from: string,
  to: string,
  without: DeviceKind,
): string[] | undefined {
  const kind = new Map(t.devices.map((d) => [d.id, d.kind]))
  const ok = t.links.filter((l) => l.via === undefined || kind.get(l.via) !== without)
  let best: string[] | undefined
  const walk = (path: string[]) => {
    const last = path.at(-1)!
    if (last === to) {
      if (
        !best ||
        path.length < best.length ||
        (path.length === best.length && comparePaths(path, best) < 0)
      )
        best = [...path]
      return
    }
    for (const l of ok) {
      const next = l.from === last ? l.to : l.to === last ? l.from : undefined
      if (next !== undefined && !path.includes(next)) walk([...path, next])
    }
  }
  walk([from])
  return best
}

function oracle(t: Topology): string[] {
  const out = new Set<string>()
  const segs = t.segments
  const ofKind = (k: string) => segs.filter((s) => s.kind === k).map((s) => s.id)
  const middle = [
    ...new Set(t.nodes.filter((n) => n.kind === 'middle-server').map((n) => n.segment)),
  ]
  const reach = (rule: string, sources: string[], targets: string[], without: DeviceKind) => {
    for (const s of sources)
      for (const g of targets) {
        const p = bestPath(t, s, g, without)
        if (p) out.add(`${rule} ${p.join('>')}`)
      }
  }
  reach('NET-001', middle, ofKind('interface'), 'firewall')
  reach('NET-003', middle, ofKind('joho'), 'firewall')
  reach('NET-005', ofKind('kikan'), ofKind('internet'), 'gateway')
  reach('NET-006', ofKind('joho'), ofKind('internet'), 'gateway')
  for (const n of t.nodes)
    if (
      n.kind === 'middle-server' &&
      t.nodes.some((e) => e.kind === 'existing-system' && e.segment === n.segment)
    )
      out.add(`NET-002 ${n.segment}`)
  const kindOf = new Map(segs.map((s) => [s.id, s.kind]))
  const devKind = new Map(t.devices.map((d) => [d.id, d.kind]))
  for (const l of t.links) {
    if (l.via === undefined || devKind.get(l.via) !== 'router') continue
    const a = kindOf.get(l.from)
    const b = kindOf.get(l.to)
    if (a === 'kikan' && b === 'joho') out.add(`NET-004 ${l.from}>${l.to}`)
    if (a === 'joho' && b === 'kikan') out.add(`NET-004 ${l.to}>${l.from}`)
  }
  return [...out].sort((x, y) => {
    const [rx, px] = x.split(' ')
    const [ry, py] = y.split(' ')
    return rx! < ry! ? -1 : rx! > ry! ? 1 : comparePaths(px!.split('>'), py!.split('>'))
  })
}

const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
const topologyArb = fc
  .record({
    n: fc.integer({ min: 1, max: 7 }),
    kinds: fc.array(fc.constantFrom(...SEGMENT_KINDS), { minLength: 7, maxLength: 7 }),
    nodes: fc.array(
      fc.record({
        seg: fc.nat(6),
        kind: fc.constantFrom('middle-server', 'existing-system', 'terminal') as fc.Arbitrary<
          'middle-server' | 'existing-system' | 'terminal'
        >,
      }),
      { maxLength: 4 },
    ),
    links: fc.array(
      fc.record({ a: fc.nat(6), b: fc.nat(6), via: fc.option(fc.constantFrom(...DEVICE_KINDS)) }),
      { maxLength: 10 },
    ),
  })
  .map(({ n, kinds, nodes, links }): Topology => {
    // shuffle-ish: declare segments in reverse so declaration order differs from id order
    const segments = ids
      .slice(0, n)
      .reverse()
      .map((id, i) => ({ id, kind: kinds[i]! }))
    return {
      version: 1,
      segments,
      nodes: nodes.map((x, i) => ({ id: `n${i}`, kind: x.kind, segment: ids[x.seg % n]! })),
      links: links
        .map((l) => ({ from: ids[l.a % n]!, to: ids[l.b % n]!, via: l.via ?? undefined }))
        .filter((l) => l.from !== l.to)
        .map((l, i) =>
          l.via ? { from: l.from, to: l.to, via: `d${i}` } : { from: l.from, to: l.to },
        ),
      devices: links
        .map((l) => ({ from: ids[l.a % n]!, to: ids[l.b % n]!, via: l.via }))
        .filter((l) => l.from !== l.to)
        .flatMap((l, i) => (l.via ? [{ id: `d${i}`, kind: l.via }] : [])),
    }
  })

describe('checkTopology agrees with a brute-force path enumeration', () => {
  it('same findings, same shortest paths, same order', () => {
    fc.assert(
      fc.property(topologyArb, (t) => {
        const got = checkTopology(t).findings.map((f) => `${f.rule} ${f.path.join('>')}`)
        expect(got).toEqual(oracle(t))
      }),
      { numRuns: 400 },
    )
  })
})
