/**
 * Benchmark: the network checks (NET-001…006) on 2,000 segments and 10,000 links.
 * Run: pnpm exec tsx bench/network.bench.ts
 *
 * Peer: a straightforward implementation — for every (source, target) pair of every reach rule, a
 * fresh breadth-first search over a string-keyed adjacency map, sorting neighbours as it goes, with
 * the links through the excluded device kind skipped. It computes the same paths (same tie-break),
 * which the benchmark checks. Ours: one search per distinct source over compressed integer adjacency,
 * skipped when a union–find says no target is in the source's component, stopped when all are found.
 *
 * Two topologies: "planner" (a large consortium: few middle-server / interface / internet segments)
 * where the peer runs in full, and "stress" (a quarter of the segments kikan, a quarter joho: ~70,000
 * findings) where the peer runs on a random sample of pairs and its full time is extrapolated.
 */
import { availableParallelism, loadavg } from 'node:os'
import { seededRandom as rng } from '../packages/core/src/random'
import { checkTopology, parseTopology, type Topology } from '../packages/core/src/network/index'

type Kind = Topology['segments'][number]['kind']

function makeTopology(seed: number, mix: Array<[Kind, number]>, segments = 2000, links = 10000) {
  const r = rng(seed)
  const kinds: Kind[] = []
  for (const [kind, count] of mix) for (let i = 0; i < count; i++) kinds.push(kind)
  while (kinds.length < segments) kinds.push('other')
  const segs = kinds.map((kind, i) => ({ id: `s${String(i).padStart(4, '0')}`, kind }))
  type NodeOut = { id: string; kind: 'middle-server' | 'existing-system'; segment: string }
  const nodes = segs.flatMap((s, i): NodeOut[] =>
    s.kind === 'chukan'
      ? [{ id: `ms${i}`, kind: 'middle-server' as const, segment: s.id }]
      : s.kind === 'kikan'
        ? [{ id: `sys${i}`, kind: 'existing-system' as const, segment: s.id }]
        : [],
  )
  // a few middle servers share a segment with an existing system (NET-002)
  segs
    .filter((s) => s.kind === 'kikan')
    .slice(0, 5)
    .forEach((s, i) => nodes.push({ id: `ms-k${i}`, kind: 'middle-server', segment: s.id }))
  const devices = [
    ...Array.from({ length: 400 }, (_, i) => ({ id: `fw${i}`, kind: 'firewall' as const })),
    ...Array.from({ length: 300 }, (_, i) => ({ id: `rt${i}`, kind: 'router' as const })),
    ...Array.from({ length: 100 }, (_, i) => ({ id: `gw${i}`, kind: 'gateway' as const })),
  ]
  const out: Topology['links'] = []
  while (out.length < links) {
    const a = Math.floor(r() * segments)
    // mostly local links (a ring of neighbourhoods), some long ones
    const b = r() < 0.8 ? (a + 1 + Math.floor(r() * 20)) % segments : Math.floor(r() * segments)
    if (a === b) continue
    const p = r()
    const via =
      p < 0.45
        ? `fw${Math.floor(r() * 400)}`
        : p < 0.7
          ? `rt${Math.floor(r() * 300)}`
          : p < 0.8
            ? `gw${Math.floor(r() * 100)}`
            : undefined
    out.push(
      via ? { from: segs[a]!.id, to: segs[b]!.id, via } : { from: segs[a]!.id, to: segs[b]!.id },
    )
  }
  return { version: 1 as const, segments: segs, nodes, links: out, devices }
}

// ---- the peer --------------------------------------------------------------------------------
function naivePairs(t: Topology) {
  const rules: Array<[string, string[], string[], string]> = []
  const ofKind = (k: string) => t.segments.filter((s) => s.kind === k).map((s) => s.id)
  const middle = [
    ...new Set(t.nodes.filter((n) => n.kind === 'middle-server').map((n) => n.segment)),
  ]
  rules.push(['NET-001', middle, ofKind('interface'), 'firewall'])
  rules.push(['NET-003', middle, ofKind('joho'), 'firewall'])
  rules.push(['NET-005', ofKind('kikan'), ofKind('internet'), 'gateway'])
  rules.push(['NET-006', ofKind('joho'), ofKind('internet'), 'gateway'])
  return rules.flatMap(([rule, sources, targets, without]) =>
    sources.flatMap((s) => targets.map((g) => ({ rule, s, g, without }))),
  )
}

function naiveAdjacency(t: Topology) {
  const kind = new Map(t.devices.map((d) => [d.id, d.kind]))
  const adj = new Map<string, Array<{ to: string; kind: string | undefined }>>()
  for (const l of t.links) {
    const k = l.via === undefined ? undefined : kind.get(l.via)
    adj.set(l.from, [...(adj.get(l.from) ?? []), { to: l.to, kind: k }])
    adj.set(l.to, [...(adj.get(l.to) ?? []), { to: l.from, kind: k }])
  }
  return adj
}

function naivePath(
  adj: ReturnType<typeof naiveAdjacency>,
  s: string,
  g: string,
  without: string,
): string[] | undefined {
  const parent = new Map<string, string | null>([[s, null]])
  const queue = [s]
  for (let h = 0; h < queue.length; h++) {
    const u = queue[h]!
    if (u === g) break
    const next = (adj.get(u) ?? [])
      .filter((e) => e.kind !== without)
      .map((e) => e.to)
      .sort()
    for (const v of next)
      if (!parent.has(v)) {
        parent.set(v, u)
        queue.push(v)
      }
  }
  if (!parent.has(g)) return undefined
  const path: string[] = []
  for (let v: string | null = g; v !== null; v = parent.get(v)!) path.push(v)
  return path.reverse()
}

// ---- timing ---------------------------------------------------------------------------------
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
/** median wall time and median CPU time (user + system, all threads: includes GC) of `runs` calls */
function time<T>(runs: number, f: () => T): { ms: number; cpuMs: number; value: T } {
  let value!: T
  const xs: number[] = []
  const cs: number[] = []
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    value = f()
    xs.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cs.push((c.user + c.system) / 1000)
  }
  return { ms: median(xs), cpuMs: median(cs), value }
}

function bench(name: string, raw: ReturnType<typeof makeTopology>, sample?: number) {
  const parsed = time(3, () => parseTopology(JSON.parse(JSON.stringify(raw))))
  if (!parsed.value.ok) throw new Error(JSON.stringify(parsed.value.issues.slice(0, 3)))
  const topology = parsed.value.value
  const ours = time(5, () => checkTopology(topology))
  const findings = ours.value.findings
  const reach = findings.filter((f) => !['NET-002', 'NET-004'].includes(f.rule))
  const byKey = new Map(
    reach.map((f) => [`${f.rule} ${f.path[0]} ${f.path.at(-1)}`, f.path.join('>')]),
  )

  let pairs = naivePairs(topology)
  const allPairs = pairs.length
  if (sample && sample < pairs.length) {
    const r = rng(7)
    pairs = Array.from({ length: sample }, () => pairs[Math.floor(r() * allPairs)]!)
  }
  const t0 = performance.now()
  const adj = naiveAdjacency(topology)
  let agree = 0
  let reached = 0
  for (const p of pairs) {
    const path = naivePath(adj, p.s, p.g, p.without)
    const mine = byKey.get(`${p.rule} ${p.s} ${p.g}`)
    if (path) reached++
    if ((path?.join('>') ?? undefined) === mine) agree++
  }
  const peerMs = ((performance.now() - t0) * allPairs) / pairs.length
  if (agree !== pairs.length)
    throw new Error(`${name}: peer and checker disagree on ${pairs.length - agree} pairs`)

  const counts = new Map<string, number>()
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1)
  console.log(
    `\n${name}: ${topology.segments.length} segments, ${topology.links.length} links, ${topology.devices.length} devices`,
  )
  console.log(
    `  findings: ${findings.length} (${[...counts].map(([r, n]) => `${r} ${n}`).join(', ')})`,
  )
  console.log(`  parse + validate (zod):      ${parsed.ms.toFixed(1)} ms`)
  console.log(
    `  check (ours, median of 5):   ${ours.ms.toFixed(1)} ms wall, ${ours.cpuMs.toFixed(1)} ms CPU`,
  )
  console.log(
    `  parse + check:               ${(parsed.ms + ours.ms).toFixed(1)} ms  ${parsed.ms + ours.ms < 1000 ? '< 1 s ✓' : '≥ 1 s ✗'}`,
  )
  console.log(
    `  peer (per-pair BFS):         ${peerMs.toFixed(1)} ms${pairs.length < allPairs ? ` (extrapolated from ${pairs.length} of ${allPairs} pairs)` : ` (${allPairs} pairs)`}; paths agree on all ${pairs.length} checked pairs (${reached} reachable)`,
  )
  console.log(`  ratio peer / ours:           ${(peerMs / ours.ms).toFixed(1)}×`)
}

bench(
  'planner',
  makeTopology(1, [
    ['kikan', 60],
    ['joho', 60],
    ['chukan', 10],
    ['interface', 5],
    ['internet', 5],
    ['lgwan', 20],
  ]),
)
bench(
  'stress',
  makeTopology(2, [
    ['kikan', 500],
    ['joho', 500],
    ['chukan', 100],
    ['interface', 40],
    ['internet', 20],
    ['lgwan', 60],
  ]),
  1000,
)
console.log(
  `\nload average while measuring: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`,
)
