import { formatPath, type InputIssue, type Result } from '../scenario/issues'
import { topologySchema, type Topology } from './schema'

/**
 * Parse and validate a topology (already JSON-decoded). Every problem is reported with its field path
 * (`links[2].via`); nothing is thrown for bad input.
 *
 * Cross-checks: ids unique within segments, within nodes and within devices (the three are separate
 * name spaces: a link's `from`/`to` name segments and its `via` names a device, so they cannot be
 * confused); a node's segment, a link's ends and its device must be declared; a link may not join a
 * segment to itself.
 */
export function parseTopology(raw: unknown): Result<Topology> {
  const parsed = topologySchema.safeParse(raw)
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    }
  }
  const topology = parsed.data
  const issues = crossCheck(topology)
  return issues.length ? { ok: false, issues } : { ok: true, value: topology }
}

function uniqueIds(
  list: ReadonlyArray<{ id: string }>,
  field: string,
  what: string,
  push: (path: string, message: string) => void,
): Set<string> {
  const first = new Map<string, number>()
  list.forEach((item, i) => {
    const at = first.get(item.id)
    if (at !== undefined)
      push(
        `${field}[${i}].id`,
        `${what} ID "${item.id}" が重複しています (duplicate id, first at ${field}[${at}])`,
      )
    else first.set(item.id, i)
  })
  return new Set(first.keys())
}

function crossCheck(t: Topology): InputIssue[] {
  const issues: InputIssue[] = []
  const push = (path: string, message: string) => issues.push({ path, message })

  const segments = uniqueIds(t.segments, 'segments', 'セグメント', push)
  uniqueIds(t.nodes, 'nodes', 'ノード', push)
  const devices = uniqueIds(t.devices, 'devices', '機器', push)

  const unknownSegment = (id: string) =>
    `セグメント "${id}" は segments に宣言されていません (unknown segment)`

  t.nodes.forEach((n, i) => {
    if (!segments.has(n.segment)) push(`nodes[${i}].segment`, unknownSegment(n.segment))
  })
  t.links.forEach((l, i) => {
    if (!segments.has(l.from)) push(`links[${i}].from`, unknownSegment(l.from))
    if (!segments.has(l.to)) push(`links[${i}].to`, unknownSegment(l.to))
    if (l.from === l.to)
      push(
        `links[${i}].to`,
        `リンクが同じセグメント "${l.from}" 同士を結んでいます (a link to itself)`,
      )
    if (l.via !== undefined && !devices.has(l.via))
      push(`links[${i}].via`, `機器 "${l.via}" は devices に宣言されていません (undeclared device)`)
  })
  return issues
}
