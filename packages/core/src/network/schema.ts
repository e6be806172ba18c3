/**
 * The network topology file, version 1 (docs/formats/topology.md), as a zod schema.
 * Shape checks live here; cross-references (unknown ids, duplicates, self-links) in parse.ts.
 * Keys the spec does not name (a `name` on a device, a planner's `note`) are accepted and ignored.
 */
import { z } from 'zod'

/** Segment kinds. */
export const SEGMENT_KINDS = [
  /** 基幹系 / マイナンバー利用事務系 */
  'kikan',
  /** 情報系 / LGWAN接続系 */
  'joho',
  /** 中間サーバ */
  'chukan',
  /** インターフェイスシステム (情報提供ネットワークシステム側) */
  'interface',
  'lgwan',
  'internet',
  'other',
] as const
export const NODE_KINDS = [
  'existing-system',
  'middle-server',
  'interface-system',
  'terminal',
  'other',
] as const
/** `gateway` is a 無害化 / one-way transfer gateway. */
export const DEVICE_KINDS = ['firewall', 'router', 'gateway'] as const

export type SegmentKind = (typeof SEGMENT_KINDS)[number]
export type NodeKind = (typeof NODE_KINDS)[number]
export type DeviceKind = (typeof DEVICE_KINDS)[number]

function kindOf<const T extends readonly [string, ...string[]]>(kinds: T, what: string) {
  return z.enum(kinds, {
    error: (issue) =>
      issue.input === undefined
        ? `${what}の種別 kind がありません (missing kind)`
        : `不明な${what}の種別 ${JSON.stringify(issue.input)} です (unknown kind; expected ${kinds.join(' | ')})`,
  })
}

const id = z
  .string({ error: 'ID は文字列です (id must be a string)' })
  .min(1, 'ID が空です (empty id)')
const optionalName = z.string().optional()

export const segmentSchema = z.object({
  id,
  kind: kindOf(SEGMENT_KINDS, 'セグメント'),
  name: optionalName,
})

export const nodeSchema = z.object({
  id,
  kind: kindOf(NODE_KINDS, 'ノード'),
  /** the segment the node sits in */
  segment: id,
  name: optionalName,
})

export const linkSchema = z.object({
  from: id,
  to: id,
  /** the one device the link passes through; absent = a direct connection */
  via: id.optional(),
})

export const deviceSchema = z.object({
  id,
  kind: kindOf(DEVICE_KINDS, '機器'),
  name: optionalName,
})

export const topologySchema = z.object({
  version: z.literal(1, { error: 'version は 1 です (unsupported version)' }).optional(),
  segments: z.array(segmentSchema),
  nodes: z.array(nodeSchema).default([]),
  links: z.array(linkSchema).default([]),
  devices: z.array(deviceSchema).default([]),
})

export type Topology = z.infer<typeof topologySchema>
