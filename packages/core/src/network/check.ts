/**
 * The placement checks NET-001…006 over a validated topology.
 *
 * "X reaches Y without a device of kind K": some path of links from X to Y none of which passes
 * through a device of kind K (direct links and links through other kinds count). A segment reaches
 * itself by the one-segment path `[X]`, so a middle-server placed in an interface or joho segment is
 * reported with `path: [X]`.
 */
import { Bfs, buildGraph, comparePaths, components, deviceCode, type SegmentGraph } from './graph'
import { RULES, type RuleId, type Severity } from './rules'
import type { DeviceKind, SegmentKind, Topology } from './schema'

export interface Finding {
  rule: RuleId
  severity: Severity
  message: string
  /** one shortest path as segment ids (the lexicographically smallest among the shortest) */
  path: string[]
  /** why the rule exists, in plain Japanese */
  explanation: string
  /** the source section */
  source: string
  /** a suggested fix for this finding */
  fix: string
}

export interface CheckResult {
  findings: Finding[]
}

interface Context {
  t: Topology
  g: SegmentGraph
  kindOf: Map<string, SegmentKind>
  label: (segmentId: string) => string
}

/** Run every rule; findings sorted by rule id, then path element-wise; one finding per (rule, path). */
export function checkTopology(t: Topology): CheckResult {
  const g = buildGraph(t)
  const labels = new Map(t.segments.map((s) => [s.id, s.name ? `${s.id}（${s.name}）` : s.id]))
  const ctx: Context = {
    t,
    g,
    kindOf: new Map(t.segments.map((s) => [s.id, s.kind])),
    label: (id) => labels.get(id) ?? id,
  }
  const findings = [
    ...reachFindings(ctx, 'NET-001'),
    ...sameSegmentFindings(ctx),
    ...reachFindings(ctx, 'NET-003'),
    ...routerFindings(ctx),
    ...reachFindings(ctx, 'NET-005'),
    ...reachFindings(ctx, 'NET-006'),
  ]
  findings.sort((a, b) =>
    a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : comparePaths(a.path, b.path),
  )
  return { findings }
}

function finding(rule: RuleId, path: string[], message: string, fix: string): Finding {
  const info = RULES[rule]
  return {
    rule,
    severity: info.severity,
    message,
    path,
    explanation: info.explanation,
    source: info.source,
    fix,
  }
}

const pathText = (_ctx: Context, path: string[]) => path.join(' → ')

interface ReachRule {
  sources: (ctx: Context) => string[]
  target: SegmentKind
  without: DeviceKind
  message: (ctx: Context, path: string[]) => string
  fix: (ctx: Context, path: string[]) => string
}

const middleServerSegments = (ctx: Context) =>
  ctx.t.nodes.filter((n) => n.kind === 'middle-server').map((n) => n.segment)
const segmentsOfKind = (kind: SegmentKind) => (ctx: Context) =>
  ctx.t.segments.filter((s) => s.kind === kind).map((s) => s.id)

const viaText = (ctx: Context, path: string[], what: string) =>
  path.length === 1
    ? `${what}自体が同じセグメント ${ctx.label(path[0]!)} にあります`
    : `経路 ${pathText(ctx, path)}`

const REACH_RULES: Record<'NET-001' | 'NET-003' | 'NET-005' | 'NET-006', ReachRule> = {
  'NET-001': {
    sources: middleServerSegments,
    target: 'interface',
    without: 'firewall',
    message: (ctx, p) =>
      `中間サーバのセグメント ${ctx.label(p[0]!)} からインターフェイスシステムのセグメント ${ctx.label(p.at(-1)!)} へ、ファイアウォールを通らずに到達できます（${viaText(ctx, p, 'インターフェイスシステム')}）。`,
    fix: (ctx, p) =>
      p.length === 1
        ? `中間サーバをインターフェイスシステムとは別のセグメント（中間サーバ用セグメント）に移し、両者の間にファイアウォールを置いてください。`
        : `${ctx.label(p[0]!)} と ${ctx.label(p.at(-1)!)} の間（責任分界点）にファイアウォールを置き、ファイアウォールを通らないこの経路をなくしてください（経路上のいずれかのリンクをファイアウォール経由にする）。`,
  },
  'NET-003': {
    sources: middleServerSegments,
    target: 'joho',
    without: 'firewall',
    message: (ctx, p) =>
      `中間サーバのセグメント ${ctx.label(p[0]!)} から情報系LAN ${ctx.label(p.at(-1)!)} へ、ファイアウォールを通らずに到達できます（${viaText(ctx, p, '情報系LAN')}）。`,
    fix: (ctx, p) =>
      p.length === 1
        ? `中間サーバを情報系LANから別のセグメントに移し、情報系LANとの間にファイアウォールを置いてください（図3-8 の構成）。`
        : `中間サーバと情報系LAN ${ctx.label(p.at(-1)!)} の間にファイアウォールを置くか、情報系LANに直接接続しない構成（図3-8）にしてください（この経路上のいずれかのリンクをファイアウォール経由にする）。`,
  },
  'NET-005': {
    sources: segmentsOfKind('kikan'),
    target: 'internet',
    without: 'gateway',
    message: (ctx, p) =>
      `基幹系（マイナンバー利用事務系）セグメント ${ctx.label(p[0]!)} からインターネット ${ctx.label(p.at(-1)!)} へ、片方向転送・無害化ゲートウェイを通らずに到達できます（経路 ${pathText(ctx, p)}）。`,
    fix: (ctx, p) =>
      `この経路を遮断し（${ctx.label(p[0]!)} とインターネットの間）、インターネットとのやり取りは eLTAX・ぴったりサービス等との片方向通信に限って片方向転送（無害化）ゲートウェイ経由にしてください。`,
  },
  'NET-006': {
    sources: segmentsOfKind('joho'),
    target: 'internet',
    without: 'gateway',
    message: (ctx, p) =>
      `情報系（LGWAN接続系）セグメント ${ctx.label(p[0]!)} からインターネット ${ctx.label(p.at(-1)!)} へ、無害化ゲートウェイを通らずに到達できます（経路 ${pathText(ctx, p)}）。`,
    fix: (ctx, p) =>
      `情報系 ${ctx.label(p[0]!)} とインターネットの間（この経路上）に無害化通信のゲートウェイを置き、インターネット接続系と分離してください。`,
  },
}

/**
 * One finding per (source segment, target segment) pair that is reachable without the device kind.
 * A union–find over the links not through that kind groups sources and targets by component; within
 * a component, searches start from whichever side is smaller: from each source (parent pointers give
 * the path; stopped once every target of the component is reached), or from each target (distances,
 * then a greedy smallest-id walk from each source). Both yield the lexicographically smallest
 * shortest path, so the choice only changes the cost: min(|sources|, |targets|) searches.
 */
function reachFindings(ctx: Context, rule: keyof typeof REACH_RULES): Finding[] {
  const spec = REACH_RULES[rule]
  const { g } = ctx
  const n = g.ids.length
  const targets = ctx.t.segments
    .filter((s) => s.kind === spec.target)
    .map((s) => g.index.get(s.id)!)
  if (targets.length === 0) return []
  const sources = [...new Set(spec.sources(ctx).map((id) => g.index.get(id)!))]
  if (sources.length === 0) return []

  const excluded = deviceCode(spec.without)
  const comp = components(g, excluded)
  const groups = new Map<number, { sources: number[]; targets: number[] }>()
  const group = (i: number) => {
    let entry = groups.get(comp[i]!)
    if (!entry) groups.set(comp[i]!, (entry = { sources: [], targets: [] }))
    return entry
  }
  for (const t of targets) group(t).targets.push(t)
  for (const s of sources) group(s).sources.push(s)

  const bfs = new Bfs(g)
  const out: Finding[] = []
  const emit = (path: string[]) =>
    out.push(finding(rule, path, spec.message(ctx, path), spec.fix(ctx, path)))
  for (const { sources: ss, targets: ts } of groups.values()) {
    if (ss.length === 0 || ts.length === 0) continue
    if (ss.length <= ts.length) {
      const isTarget = new Uint8Array(n)
      for (const t of ts) isTarget[t] = 1
      for (const s of ss) {
        bfs.run(s, excluded, isTarget, ts.length)
        for (const t of ts) emit(bfs.pathTo(t))
      }
    } else {
      const isSource = new Uint8Array(n)
      for (const s of ss) isSource[s] = 1
      for (const t of ts) {
        bfs.distances(t, excluded, isSource, ss.length)
        for (const s of ss) emit(bfs.greedyPathFrom(s, excluded))
      }
    }
  }
  return out
}

/** NET-002: one finding per segment holding both a middle-server and an existing-system; path `[segment]`. */
function sameSegmentFindings(ctx: Context): Finding[] {
  const middle = new Map<string, string[]>()
  const existing = new Map<string, string[]>()
  for (const node of ctx.t.nodes) {
    const into =
      node.kind === 'middle-server'
        ? middle
        : node.kind === 'existing-system'
          ? existing
          : undefined
    if (!into) continue
    const list = into.get(node.segment) ?? []
    list.push(node.name ? `${node.id}（${node.name}）` : node.id)
    into.set(node.segment, list)
  }
  const out: Finding[] = []
  for (const [segment, servers] of middle) {
    const systems = existing.get(segment)
    if (!systems) continue
    out.push(
      finding(
        'NET-002',
        [segment],
        `中間サーバ ${servers.join('、')} が既存システム ${systems.join('、')} と同じセグメント ${ctx.label(segment)} にあります。`,
        `中間サーバを既存システムとは別のセグメントに置き、既存システムのセグメントとの間にファイアウォールを設置してください（図3-6 の構成）。`,
      ),
    )
  }
  return out
}

/**
 * NET-004: one finding per (kikan segment, joho segment) pair joined directly by a link through a
 * router; path `[kikan, joho]`; the message names every such router.
 */
function routerFindings(ctx: Context): Finding[] {
  const routerIds = new Set(ctx.t.devices.filter((d) => d.kind === 'router').map((d) => d.id))
  const pairs = new Map<string, { path: string[]; routers: Set<string> }>()
  for (const link of ctx.t.links) {
    if (link.via === undefined || !routerIds.has(link.via)) continue
    const a = ctx.kindOf.get(link.from)
    const b = ctx.kindOf.get(link.to)
    const path =
      a === 'kikan' && b === 'joho'
        ? [link.from, link.to]
        : a === 'joho' && b === 'kikan'
          ? [link.to, link.from]
          : undefined
    if (!path) continue
    const key = path.join('\u0000')
    const entry = pairs.get(key) ?? { path, routers: new Set<string>() }
    entry.routers.add(link.via)
    pairs.set(key, entry)
  }
  return [...pairs.values()].map(({ path, routers }) => {
    const names = [...routers].sort().join('、')
    return finding(
      'NET-004',
      path,
      `基幹系LAN ${ctx.label(path[0]!)} と情報系LAN ${ctx.label(path[1]!)} をルータ ${names} がファイアウォールを介さずに接続しています。接続ポリシーの再検討が必要です。`,
      `ルータ ${names} で許可している通信（宛先・ポート）を中間サーバ導入後の業務に必要な最小限に見直し、可能であればファイアウォールに置き換えてください。`,
    )
  })
}
