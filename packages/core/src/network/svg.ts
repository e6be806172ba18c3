/**
 * The topology as an SVG diagram (a pure string function). Layout: one column per segment kind, read
 * left to right from the outside in — インターネット, その他, LGWAN, 情報系, 基幹系, 中間サーバ,
 * インターフェイスシステム — so a 三層分離 drawing and the report's 図3-5…3-8 read the same way.
 * Within a column, segments are ordered by the mean position of their neighbours (two sweeps, ties by
 * id), which keeps links short and mostly uncrossed for ~30 segments. Each link is a line (a curve
 * when both ends share a column) with its device drawn at the middle: FW = firewall (square),
 * R = router (circle), GW = gateway (diamond). Segments and links on a finding's path are outlined in
 * the finding's severity colour, and the findings are listed under the drawing.
 */
import { compareIds } from './graph'
import type { Finding } from './check'
import { SEVERITY_JA, type Severity } from './rules'
import type { DeviceKind, SegmentKind, Topology } from './schema'

const COLUMN_ORDER: SegmentKind[] = [
  'internet',
  'other',
  'lgwan',
  'joho',
  'kikan',
  'chukan',
  'interface',
]
const KIND_JA: Record<SegmentKind, string> = {
  internet: 'インターネット',
  other: 'その他',
  lgwan: 'LGWAN',
  joho: '情報系',
  kikan: '基幹系',
  chukan: '中間サーバ',
  interface: 'インターフェイス',
}
const KIND_FILL: Record<SegmentKind, string> = {
  internet: '#eceff1',
  other: '#f5f5f5',
  lgwan: '#e0f2f1',
  joho: '#e3f2fd',
  kikan: '#fff8e1',
  chukan: '#f3e5f5',
  interface: '#e8f5e9',
}
const SEVERITY_COLOUR: Record<Severity, string> = {
  error: '#c62828',
  warning: '#ef6c00',
  info: '#1565c0',
}
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 }

const BOX_W = 200
const COL_GAP = 130
const ROW_GAP = 34
const MARGIN = 30
const HEADER = 70
const LINE = 15
const MAX_NODES = 5
/** vertical distance between the lanes of column-skipping links */
const LANE = 26

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  )
}

/** Cut a label to about `max` display columns (full-width counts 2). */
function clip(text: string, max: number): string {
  let width = 0
  let out = ''
  for (const ch of text) {
    width += ch.codePointAt(0)! <= 0xff ? 1 : 2
    if (width > max) return out + '…'
    out += ch
  }
  return out
}

const fmt = (n: number) => String(Math.round(n * 10) / 10)

/** Which links of a finding's path step carry its highlight (those the rule walked along). */
function linkCarries(rule: string, via: DeviceKind | undefined): boolean {
  if (rule === 'NET-001' || rule === 'NET-003') return via !== 'firewall'
  if (rule === 'NET-005' || rule === 'NET-006') return via !== 'gateway'
  if (rule === 'NET-004') return via === 'router'
  return false
}

interface Box {
  id: string
  x: number
  y: number
  h: number
  col: number
}

export function renderTopologySvg(
  t: Topology,
  findings: ReadonlyArray<Pick<Finding, 'rule' | 'severity' | 'message' | 'path'>> = [],
): string {
  const deviceKind = new Map(t.devices.map((d) => [d.id, d.kind]))
  const nodesIn = new Map<string, string[]>()
  for (const n of t.nodes) {
    const list = nodesIn.get(n.segment) ?? []
    list.push(`${n.name ?? n.id}〔${n.kind}〕`)
    nodesIn.set(n.segment, list)
  }
  // Highlights: the worst severity touching each segment and each link.
  const segMark = new Map<string, Severity>()
  const linkMark = new Map<number, Severity>()
  const worse = (a: Severity | undefined, b: Severity) =>
    a && SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b
  const linksBetween = new Map<string, number[]>()
  const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`)
  t.links.forEach((l, i) => {
    const k = pairKey(l.from, l.to)
    const list = linksBetween.get(k) ?? []
    list.push(i)
    linksBetween.set(k, list)
  })
  for (const f of findings) {
    for (const s of f.path) segMark.set(s, worse(segMark.get(s), f.severity))
    for (let i = 0; i + 1 < f.path.length; i++) {
      for (const li of linksBetween.get(pairKey(f.path[i]!, f.path[i + 1]!)) ?? []) {
        const via = t.links[li]!.via
        if (linkCarries(f.rule, via === undefined ? undefined : deviceKind.get(via)))
          linkMark.set(li, worse(linkMark.get(li), f.severity))
      }
    }
  }

  // Columns and the order inside them.
  const columns = COLUMN_ORDER.map((kind) =>
    t.segments
      .filter((s) => s.kind === kind)
      .map((s) => s.id)
      .sort(compareIds),
  ).filter((c) => c.length > 0)
  const colOf = new Map<string, number>()
  columns.forEach((c, ci) => c.forEach((id) => colOf.set(id, ci)))
  const neighbours = new Map<string, string[]>()
  for (const l of t.links) {
    neighbours.set(l.from, [...(neighbours.get(l.from) ?? []), l.to])
    neighbours.set(l.to, [...(neighbours.get(l.to) ?? []), l.from])
  }
  const rank = new Map<string, number>()
  const setRanks = () => columns.forEach((c) => c.forEach((id, i) => rank.set(id, i / c.length)))
  setRanks()
  for (let sweep = 0; sweep < 2; sweep++) {
    for (const c of columns) {
      const key = new Map(
        c.map((id) => {
          const ns = (neighbours.get(id) ?? []).filter((n) => colOf.get(n) !== colOf.get(id))
          return [
            id,
            ns.length ? ns.reduce((s, n) => s + rank.get(n)!, 0) / ns.length : rank.get(id)!,
          ]
        }),
      )
      c.sort((a, b) => key.get(a)! - key.get(b)! || compareIds(a, b))
      c.forEach((id, i) => rank.set(id, i / c.length))
    }
  }

  const boxes = new Map<string, Box>()
  let height = 0 // bottom of the lowest box, then of the lanes
  columns.forEach((c, ci) => {
    let y = HEADER + 24
    for (const id of c) {
      const shown = Math.min((nodesIn.get(id) ?? []).length, MAX_NODES + 1)
      const h = 46 + shown * LINE
      boxes.set(id, { id, x: MARGIN + ci * (BOX_W + COL_GAP), y, h, col: ci })
      y += h + ROW_GAP
    }
    height = Math.max(height, y)
  })
  const width = Math.max(MARGIN * 2 + columns.length * (BOX_W + COL_GAP) - COL_GAP, 640)

  // Links that skip a column are routed around the boxes: out into the gap beside one end, along a
  // lane of their own under every box, and up the gap beside the other end.
  const longLinks = t.links
    .map((l, li) => ({ li, span: Math.abs(boxes.get(l.from)!.col - boxes.get(l.to)!.col) }))
    .filter((x) => x.span > 1)
    .map((x) => x.li)
  const lane = new Map(longLinks.map((li, k) => [li, k]))
  const laneTop = height
  height += longLinks.length ? longLinks.length * LANE + 10 : 0

  const out: string[] = []
  const listTop = height + 10
  const totalHeight = listTop + 30 + findings.length * 18 + MARGIN
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${totalHeight}" viewBox="0 0 ${width} ${totalHeight}" font-family="'Noto Sans JP','Hiragino Sans','Yu Gothic',sans-serif" font-size="12">`,
    `<title>ネットワーク構成図（セグメント・ファイアウォール配置）</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="28" font-size="16" font-weight="bold">ネットワーク構成図（セグメント ${t.segments.length}・リンク ${t.links.length}・指摘 ${findings.length}）</text>`,
    `<g font-size="11"><rect x="${MARGIN}" y="40" width="14" height="14" fill="#b71c1c"/><text x="${MARGIN + 18}" y="51">FW ファイアウォール</text>` +
      `<circle cx="${MARGIN + 157}" cy="47" r="7" fill="#546e7a"/><text x="${MARGIN + 168}" y="51">R ルータ</text>` +
      `<path d="M ${MARGIN + 247} 40 l 7 7 l -7 7 l -7 -7 Z" fill="#2e7d32"/><text x="${MARGIN + 258}" y="51">GW 片方向転送・無害化ゲートウェイ</text>` +
      (['error', 'warning', 'info'] as Severity[])
        .map(
          (s, i) =>
            `<rect x="${MARGIN + 470 + i * 70}" y="40" width="14" height="14" fill="none" stroke="${SEVERITY_COLOUR[s]}" stroke-width="3"/><text x="${MARGIN + 488 + i * 70}" y="51">${SEVERITY_JA[s]}</text>`,
        )
        .join('') +
      `</g>`,
  )
  columns.forEach((c, ci) => {
    const kind = t.segments.find((s) => s.id === c[0])!.kind
    out.push(
      `<text x="${MARGIN + ci * (BOX_W + COL_GAP) + BOX_W / 2}" y="${HEADER + 12}" text-anchor="middle" font-weight="bold" fill="#455a64">${escapeXml(KIND_JA[kind])}</text>`,
    )
  })

  // Links first (under the boxes), then devices, then boxes.
  const linkSvg: string[] = []
  const deviceSvg: string[] = []
  const parallelIndex = new Map<number, { k: number; of: number }>()
  for (const list of linksBetween.values())
    list.forEach((li, k) => parallelIndex.set(li, { k, of: list.length }))
  t.links.forEach((l, li) => {
    const a = boxes.get(l.from)!
    const b = boxes.get(l.to)!
    const { k, of } = parallelIndex.get(li)!
    const shift = (k - (of - 1) / 2) * 10
    const mark = linkMark.get(li)
    const stroke = mark ? SEVERITY_COLOUR[mark] : '#90a4ae'
    const sw = mark ? 3 : 1.5
    let d: string
    let mx: number
    let my: number
    if (a.col === b.col) {
      const x = a.x + BOX_W
      const y1 = a.y + a.h / 2 + shift
      const y2 = b.y + b.h / 2 + shift
      const bulge = 40 + Math.abs(y2 - y1) / 6 + k * 14
      d = `M ${fmt(x)} ${fmt(y1)} C ${fmt(x + bulge)} ${fmt(y1)} ${fmt(x + bulge)} ${fmt(y2)} ${fmt(x)} ${fmt(y2)}`
      mx = x + bulge * 0.75
      my = (y1 + y2) / 2
    } else if (lane.has(li)) {
      const k = lane.get(li)!
      const [left, right] = a.col < b.col ? [a, b] : [b, a]
      const x1 = left.x + BOX_W
      const y1 = left.y + left.h / 2
      const gx1 = x1 + 14 + (k % 8) * 6
      const x2 = right.x
      const y2 = right.y + right.h / 2
      const gx2 = x2 - 14 - (k % 8) * 6
      const ly = laneTop + k * LANE
      d = `M ${fmt(x1)} ${fmt(y1)} H ${fmt(gx1)} V ${fmt(ly)} H ${fmt(gx2)} V ${fmt(y2)} H ${fmt(x2)}`
      mx = (gx1 + gx2) / 2
      my = ly
    } else {
      const [left, right] = a.col < b.col ? [a, b] : [b, a]
      const x1 = left.x + BOX_W
      const y1 = left.y + left.h / 2 + shift
      const x2 = right.x
      const y2 = right.y + right.h / 2 + shift
      d = `M ${fmt(x1)} ${fmt(y1)} L ${fmt(x2)} ${fmt(y2)}`
      mx = (x1 + x2) / 2
      my = (y1 + y2) / 2
    }
    const via = l.via
    const kind = via === undefined ? undefined : deviceKind.get(via)
    const title = `${l.from} — ${l.to}${via === undefined ? '（直接接続）' : `（${via}: ${kind}）`}`
    linkSvg.push(
      `<path class="link" data-link="${li}" d="${d}" fill="none" stroke="${stroke}" stroke-width="${sw}"><title>${escapeXml(title)}</title></path>`,
    )
    if (via !== undefined && kind !== undefined) deviceSvg.push(deviceMarker(via, kind, mx, my))
  })
  out.push(`<g class="links">`, ...linkSvg, `</g>`, `<g class="devices">`, ...deviceSvg, `</g>`)

  out.push(`<g class="segments">`)
  for (const s of t.segments) {
    const b = boxes.get(s.id)!
    const mark = segMark.get(s.id)
    const nodes = nodesIn.get(s.id) ?? []
    const lines =
      nodes.length > MAX_NODES + 1
        ? [...nodes.slice(0, MAX_NODES), `ほか ${nodes.length - MAX_NODES} 件`]
        : nodes
    out.push(
      `<g class="segment" data-segment="${escapeXml(s.id)}"><title>${escapeXml(`${s.id}${s.name ? ` ${s.name}` : ''}（${KIND_JA[s.kind]}）`)}</title>` +
        `<rect x="${b.x}" y="${b.y}" width="${BOX_W}" height="${b.h}" rx="8" fill="${KIND_FILL[s.kind]}" stroke="${mark ? SEVERITY_COLOUR[mark] : '#78909c'}" stroke-width="${mark ? 3.5 : 1}"/>` +
        `<text x="${b.x + 10}" y="${b.y + 19}" font-weight="bold">${escapeXml(clip(s.name ?? s.id, 30))}</text>` +
        `<text x="${b.x + 10}" y="${b.y + 35}" font-size="10" fill="#546e7a">${escapeXml(clip(`${s.id} · ${KIND_JA[s.kind]}`, 36))}</text>` +
        lines
          .map(
            (line, i) =>
              `<text x="${b.x + 16}" y="${b.y + 51 + i * LINE}" font-size="11">${escapeXml(clip(`・${line}`, 34))}</text>`,
          )
          .join('') +
        `</g>`,
    )
  }
  out.push(`</g>`)

  out.push(
    `<g class="findings"><text x="${MARGIN}" y="${listTop + 16}" font-weight="bold">${findings.length ? `指摘事項 ${findings.length} 件` : '指摘事項はありません（すべての規則を満たしています）'}</text>`,
  )
  findings.forEach((f, i) => {
    out.push(
      `<text x="${MARGIN}" y="${listTop + 36 + i * 18}" fill="${SEVERITY_COLOUR[f.severity]}">${escapeXml(`${f.rule}［${SEVERITY_JA[f.severity]}］ ${f.path.join(' → ')}`)}<title>${escapeXml(f.message)}</title></text>`,
    )
  })
  out.push(`</g>`, `</svg>`)
  return out.join('\n') + '\n'
}

function deviceMarker(id: string, kind: DeviceKind, x: number, y: number): string {
  const label = `<text x="${fmt(x)}" y="${fmt(y + 20)}" text-anchor="middle" font-size="9" fill="#37474f">${escapeXml(clip(id, 16))}</text>`
  const title = `<title>${escapeXml(`${id}（${kind}）`)}</title>`
  if (kind === 'firewall')
    return `<g class="device firewall">${title}<rect x="${fmt(x - 11)}" y="${fmt(y - 9)}" width="22" height="18" fill="#b71c1c"/><text x="${fmt(x)}" y="${fmt(y + 4)}" text-anchor="middle" font-size="9" fill="#fff" font-weight="bold">FW</text>${label}</g>`
  if (kind === 'router')
    return `<g class="device router">${title}<circle cx="${fmt(x)}" cy="${fmt(y)}" r="9" fill="#546e7a"/><text x="${fmt(x)}" y="${fmt(y + 4)}" text-anchor="middle" font-size="9" fill="#fff" font-weight="bold">R</text>${label}</g>`
  return `<g class="device gateway">${title}<path d="M ${fmt(x)} ${fmt(y - 11)} l 11 11 l -11 11 l -11 -11 Z" fill="#2e7d32"/><text x="${fmt(x)}" y="${fmt(y + 4)}" text-anchor="middle" font-size="8" fill="#fff" font-weight="bold">GW</text>${label}</g>`
}
