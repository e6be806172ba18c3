/** The network plan (topology-format.md) as an SVG diagram, with the findings of `POST /api/network/check`. */
import type { Finding } from '../api-client'
import { dataTable, h, replace, svg } from './dom'
import type { Panel } from './panel'

interface Segment {
  id: string
  kind: string
  name?: string
}
interface Link {
  from: string
  to: string
  via?: string
}
interface Device {
  id: string
  kind: string
}
export interface Topology {
  segments: Segment[]
  links: Link[]
  devices?: Device[]
  nodes?: Array<{ id: string; kind: string; segment: string }>
}

/** The example of topology-format.md: the planner edits it or pastes their own. */
export const SAMPLE_TOPOLOGY: Topology = {
  segments: [
    { id: 'dc-kikan', kind: 'kikan', name: '共同DC 基幹系セグメント' },
    { id: 'dc-chukan', kind: 'chukan', name: '中間サーバセグメント' },
    { id: 'jlis', kind: 'interface', name: 'インターフェイスシステム' },
    { id: 'town-joho', kind: 'joho', name: '庁内 情報系LAN' },
    { id: 'inet', kind: 'internet', name: 'インターネット' },
  ],
  nodes: [
    { id: 'juki', kind: 'existing-system', segment: 'dc-kikan' },
    { id: 'ms1', kind: 'middle-server', segment: 'dc-chukan' },
    { id: 'ifs', kind: 'interface-system', segment: 'jlis' },
  ],
  links: [
    { from: 'dc-kikan', to: 'dc-chukan', via: 'fw1' },
    { from: 'dc-chukan', to: 'jlis', via: 'fw2' },
    { from: 'dc-kikan', to: 'town-joho', via: 'rt1' },
  ],
  devices: [
    { id: 'fw1', kind: 'firewall' },
    { id: 'fw2', kind: 'firewall' },
    { id: 'rt1', kind: 'router' },
  ],
}

const KIND_LABEL: Record<string, string> = {
  kikan: '基幹系',
  joho: '情報系',
  chukan: '中間サーバ',
  interface: 'インターフェイス',
  lgwan: 'LGWAN',
  internet: 'インターネット',
  other: 'その他',
}
const DEVICE_LABEL: Record<string, string> = {
  firewall: 'FW',
  router: 'ルータ',
  gateway: 'GW（無害化）',
}
const SEVERITY_LABEL: Record<string, string> = { error: '重大', warning: '警告', info: '情報' }
const COLUMN: Record<string, number> = {
  internet: 0,
  joho: 1,
  lgwan: 1,
  kikan: 2,
  other: 2,
  chukan: 3,
  interface: 4,
}

export function isTopology(value: unknown): value is Topology {
  const t = value as Topology
  return Boolean(t) && Array.isArray(t.segments) && Array.isArray(t.links)
}

/** Draw the diagram; segments on a finding's path are outlined by severity. */
export function renderNetwork(p: Panel, topology: Topology, findings: Finding[] | undefined): void {
  const W = 900
  const boxW = 150
  const boxH = 54
  const cols = new Map<number, Segment[]>()
  for (const s of topology.segments) {
    const c = COLUMN[s.kind] ?? 2
    cols.set(c, [...(cols.get(c) ?? []), s])
  }
  const rowsMax = Math.max(1, ...[...cols.values()].map((v) => v.length))
  const H = 60 + rowsMax * (boxH + 50)
  const pos = new Map<string, { x: number; y: number }>()
  for (const [c, segs] of cols) {
    segs.forEach((s, i) =>
      pos.set(s.id, { x: 20 + c * ((W - boxW - 40) / 4), y: 40 + i * (boxH + 50) }),
    )
  }
  const severityOf = new Map<string, string>()
  const rank = (s: string) => (s === 'error' ? 3 : s === 'warning' ? 2 : 1)
  for (const f of findings ?? [])
    for (const id of f.path) {
      const prev = severityOf.get(id)
      if (!prev || rank(f.severity) > rank(prev)) severityOf.set(id, f.severity)
    }
  const devices = new Map((topology.devices ?? []).map((d) => [d.id, d]))
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    role: 'img',
    'aria-label': 'ネットワーク構成図（セグメントと接続）',
    class: 'network-svg',
  })
  for (const link of topology.links) {
    const a = pos.get(link.from)
    const b = pos.get(link.to)
    if (!a || !b) continue
    const x1 = a.x + boxW / 2
    const y1 = a.y + boxH / 2
    const x2 = b.x + boxW / 2
    const y2 = b.y + boxH / 2
    const dev = link.via ? devices.get(link.via) : undefined
    root.append(
      svg('line', {
        x1,
        y1,
        x2,
        y2,
        stroke: dev?.kind === 'firewall' ? '#2a9d5b' : '#666',
        'stroke-width': 3,
        'stroke-dasharray': dev ? '' : '6 4',
      }),
    )
    const label = dev ? `${DEVICE_LABEL[dev.kind] ?? dev.kind} ${dev.id}` : '直結'
    const mx = (x1 + x2) / 2
    const my = (y1 + y2) / 2
    root.append(
      svg('rect', {
        x: mx - 48,
        y: my - 12,
        width: 96,
        height: 22,
        rx: 4,
        fill: '#fff',
        stroke: '#999',
      }),
    )
    root.append(svg('text', { x: mx, y: my + 4, 'text-anchor': 'middle', 'font-size': 12 }, label))
  }
  for (const s of topology.segments) {
    const at = pos.get(s.id)!
    const sev = severityOf.get(s.id)
    const stroke =
      sev === 'error' ? '#c23b3b' : sev === 'warning' ? '#e07b00' : sev ? '#1f5aa6' : '#444'
    root.append(
      svg('rect', {
        x: at.x,
        y: at.y,
        width: boxW,
        height: boxH,
        rx: 6,
        fill: sev ? '#fff3f0' : '#f4f7fb',
        stroke,
        'stroke-width': sev ? 4 : 1.5,
      }),
    )
    root.append(
      svg(
        'text',
        {
          x: at.x + boxW / 2,
          y: at.y + 20,
          'text-anchor': 'middle',
          'font-size': 12,
          'font-weight': 'bold',
        },
        KIND_LABEL[s.kind] ?? s.kind,
      ),
    )
    root.append(
      svg(
        'text',
        { x: at.x + boxW / 2, y: at.y + 40, 'text-anchor': 'middle', 'font-size': 11 },
        (s.name ?? s.id).slice(0, 14),
      ),
    )
  }
  replace(p.body, h('div', { class: 'network-wrap' }, root))
  const list = findings
    ? findings.length
      ? dataTable(
          '検査結果（指摘事項）',
          ['規則', '重要度', '内容', '経路'],
          findings.map((f) => [
            f.rule,
            SEVERITY_LABEL[f.severity] ?? f.severity,
            f.message,
            f.path.join(' → '),
          ]),
          { numericFrom: 99, className: 'data wrap' },
        )
      : h('p', { class: 'ok' }, '✓ 指摘事項はありません（すべての規則を満たしています）。')
    : h('p', { class: 'muted' }, '検査結果はまだありません。')
  replace(
    p.alt,
    dataTable(
      '接続一覧',
      ['接続元', '接続先', '経由機器'],
      topology.links.map((l) => [
        l.from,
        l.to,
        l.via ? `${l.via}（${DEVICE_LABEL[devices.get(l.via)?.kind ?? ''] ?? '不明'}）` : '直結',
      ]),
      { numericFrom: 99 },
    ),
  )
  replace(p.note, list)
}
