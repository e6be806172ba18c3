/**
 * The network plan (the topology format of docs/formats/topology.md) as the core's SVG diagram — the same
 * drawing as `warikan network --format svg` — with the findings of `POST /api/network/check`, their
 * severity in the same words as the CLI (core SEVERITY_JA: エラー / 警告 / 情報).
 */
import { parseTopology, renderTopologySvg, SEVERITY_JA, type Topology } from '@warikan/core/network'
import type { Finding } from '../api-client'
import { dataTable, h, replace } from './dom'
import type { Panel } from './panel'

/** The example of the topology format: the planner edits it or pastes their own. */
export const SAMPLE_TOPOLOGY = {
  version: 1,
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

/** A topology document checked by the core's parser: the topology, or its first problem in Japanese. */
export function readTopology(
  value: unknown,
): { ok: true; topology: Topology } | { ok: false; message: string } {
  const parsed = parseTopology(value)
  if (parsed.ok) return { ok: true, topology: parsed.value }
  const first = parsed.issues[0]
  return { ok: false, message: first ? `${first.path}: ${first.message}` : '構成を読めません' }
}

/** The core's diagram as a DOM node (the SVG text is escaped by the core; parsed as XML, never run). */
function diagram(topology: Topology, findings: readonly Finding[]): Element {
  const doc = new DOMParser().parseFromString(
    renderTopologySvg(topology, findings),
    'image/svg+xml',
  )
  const root = document.importNode(doc.documentElement, true)
  root.setAttribute('class', 'network-svg')
  root.setAttribute('role', 'img')
  root.setAttribute('aria-label', 'ネットワーク構成図（セグメントと接続）')
  return root
}

/** Draw the diagram; segments and links on a finding's path are outlined by severity. */
export function renderNetwork(p: Panel, topology: Topology, findings: Finding[] | undefined): void {
  replace(p.body, h('div', { class: 'network-wrap' }, diagram(topology, findings ?? [])))
  const list = findings
    ? findings.length
      ? dataTable(
          '検査結果（指摘事項）',
          ['規則', '重大度', '内容', '経路'],
          findings.map((f) => [f.rule, SEVERITY_JA[f.severity], f.message, f.path.join(' → ')]),
          { numericFrom: 99, className: 'data wrap' },
        )
      : h('p', { class: 'ok' }, '✓ 指摘事項はありません（すべての規則を満たしています）。')
    : h('p', { class: 'muted' }, '検査結果はまだありません。')
  const deviceKind = new Map(topology.devices.map((d) => [d.id, d.kind]))
  const DEVICE_JA: Record<string, string> = { firewall: 'FW', router: 'ルータ', gateway: 'GW' }
  replace(
    p.alt,
    dataTable(
      '接続一覧',
      ['接続元', '接続先', '経由機器'],
      topology.links.map((l) => [
        l.from,
        l.to,
        l.via ? `${l.via}（${DEVICE_JA[deviceKind.get(l.via) ?? ''] ?? '不明'}）` : '直結',
      ]),
      { numericFrom: 99 },
    ),
  )
  replace(p.note, list)
}
