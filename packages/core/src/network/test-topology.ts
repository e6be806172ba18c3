/**
 * A compact way to write small topologies in tests: segments `'a:kikan b:joho'`, nodes
 * `'ms1@a:middle-server'`, links `'a-b'` (direct) or `'a-b/fw1'`; a device's kind is read from its id
 * prefix (`fw…` firewall, `rt…` router, `gw…` gateway).
 */
import type { DeviceKind, NodeKind, SegmentKind, Topology } from './schema'

const words = (s: string) => s.split(/\s+/).filter(Boolean)

export function topo(segments: string, nodes = '', links = ''): Topology {
  const devices = new Map<string, DeviceKind>()
  const parsedLinks = words(links).map((w) => {
    const [pair, via] = w.split('/')
    const [from, to] = pair!.split('-')
    if (via) {
      const kind: DeviceKind = via.startsWith('fw')
        ? 'firewall'
        : via.startsWith('rt')
          ? 'router'
          : 'gateway'
      devices.set(via, kind)
    }
    return via ? { from: from!, to: to!, via } : { from: from!, to: to! }
  })
  return {
    version: 1,
    segments: words(segments).map((w) => {
      const [id, kind] = w.split(':')
      return { id: id!, kind: kind as SegmentKind }
    }),
    nodes: words(nodes).map((w) => {
      const [id, rest] = w.split('@')
      const [segment, kind] = rest!.split(':')
      return { id: id!, kind: kind as NodeKind, segment: segment! }
    }),
    links: parsedLinks,
    devices: [...devices].map(([id, kind]) => ({ id, kind })),
  }
}
