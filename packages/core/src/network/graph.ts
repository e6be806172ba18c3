/**
 * The segment graph: segments are vertices, links undirected edges (a link joins two segments; traffic
 * policy is not direction-aware here). Stored as compressed adjacency arrays so a breadth-first search
 * over 2,000 segments and 10,000 links costs a few hundred microseconds.
 */
import type { DeviceKind, Topology } from './schema'

/** Code-unit order of ids — the one order used for neighbours, tie-breaks and sorting findings. */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Element-wise path order: the first differing id decides; a proper prefix comes first. */
export function comparePaths(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const c = compareIds(a[i]!, b[i]!)
    if (c !== 0) return c
  }
  return a.length - b.length
}

/** What a link passes through: 0 = direct, otherwise 1 + index in DEVICE_CODE order. */
const DEVICE_CODE: Record<DeviceKind, number> = { firewall: 1, router: 2, gateway: 3 }
export const deviceCode = (kind: DeviceKind): number => DEVICE_CODE[kind]

export interface SegmentGraph {
  /** segment ids in ascending order; a segment's index is its rank */
  ids: string[]
  index: Map<string, number>
  /** neighbours of i are adjTo[adjStart[i] .. adjStart[i+1]), ascending by index */
  adjStart: Int32Array
  adjTo: Int32Array
  /** device code of each half-edge (0 direct) */
  adjVia: Uint8Array
}

/** Build the graph of a validated topology (every link end and device is declared). */
export function buildGraph(t: Topology): SegmentGraph {
  const ids = t.segments.map((s) => s.id).sort(compareIds)
  const index = new Map(ids.map((id, i) => [id, i]))
  const deviceKind = new Map(t.devices.map((d) => [d.id, d.kind]))
  const n = ids.length
  const m = t.links.length
  const from = new Int32Array(2 * m)
  const to = new Int32Array(2 * m)
  const via = new Uint8Array(2 * m)
  const degree = new Int32Array(n + 1)
  t.links.forEach((l, k) => {
    const a = index.get(l.from)!
    const b = index.get(l.to)!
    const kind = l.via === undefined ? undefined : deviceKind.get(l.via)
    const code = kind === undefined ? 0 : DEVICE_CODE[kind]
    from[2 * k] = a
    to[2 * k] = b
    from[2 * k + 1] = b
    to[2 * k + 1] = a
    via[2 * k] = via[2 * k + 1] = code
    degree[a]!++
    degree[b]!++
  })
  const adjStart = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) adjStart[i + 1] = adjStart[i]! + degree[i]!
  // Counting sort by target, then a stable counting sort by source: neighbours end up ascending.
  const byTo = new Int32Array(2 * m)
  const toStart = new Int32Array(n + 1)
  for (let e = 0; e < 2 * m; e++) toStart[to[e]! + 1]!++
  for (let i = 0; i < n; i++) toStart[i + 1]! += toStart[i]!
  for (let e = 0; e < 2 * m; e++) byTo[toStart[to[e]!]!++] = e
  const fill = adjStart.slice(0, n)
  const adjTo = new Int32Array(2 * m)
  const adjVia = new Uint8Array(2 * m)
  for (let k = 0; k < 2 * m; k++) {
    const e = byTo[k]!
    const slot = fill[from[e]!]!++
    adjTo[slot] = to[e]!
    adjVia[slot] = via[e]!
  }
  return { ids, index, adjStart, adjTo, adjVia }
}

/**
 * Breadth-first search from `source` over the links that do not pass through a device of code
 * `excluded`, visiting neighbours in ascending id order. The parent pointers it leaves give, for every
 * reached segment, the lexicographically smallest among its shortest paths (by induction on the
 * distance: each level is dequeued in the order of those paths, and a segment keeps the first
 * parent that discovers it). Stops early once `wanted` marked targets have been reached.
 */
export class Bfs {
  /** parent pointer of each reached segment (after `run`), or its distance from the start (after `distances`) */
  readonly parent: Int32Array
  private readonly seen: Uint32Array
  private readonly queue: Int32Array
  private stamp = 0

  constructor(private readonly g: SegmentGraph) {
    const n = g.ids.length
    this.parent = new Int32Array(n)
    this.seen = new Uint32Array(n)
    this.queue = new Int32Array(n)
  }

  reached(i: number): boolean {
    return this.seen[i] === this.stamp
  }

  run(source: number, excluded: number, isTarget?: Uint8Array, wanted = Infinity): void {
    const { adjStart, adjTo, adjVia } = this.g
    const { parent, seen, queue } = this
    const stamp = ++this.stamp
    let head = 0
    let tail = 0
    queue[tail++] = source
    seen[source] = stamp
    parent[source] = -1
    let found = isTarget?.[source] ? 1 : 0
    while (head < tail && found < wanted) {
      const u = queue[head++]!
      const end = adjStart[u + 1]!
      for (let k = adjStart[u]!; k < end; k++) {
        if (adjVia[k] === excluded) continue
        const v = adjTo[k]!
        if (seen[v] === stamp) continue
        seen[v] = stamp
        parent[v] = u
        queue[tail++] = v
        if (isTarget?.[v]) found++
      }
    }
  }

  /**
   * Distances from `target` over the links not through `excluded`, stored in `parent`; stops once
   * `wanted` marked segments are reached (all of them are then at their final distance).
   */
  distances(target: number, excluded: number, isWanted: Uint8Array, wanted: number): void {
    const { adjStart, adjTo, adjVia } = this.g
    const { parent: dist, seen, queue } = this
    const stamp = ++this.stamp
    let head = 0
    let tail = 0
    queue[tail++] = target
    seen[target] = stamp
    dist[target] = 0
    let found = isWanted[target] ? 1 : 0
    while (head < tail && found < wanted) {
      const u = queue[head++]!
      const end = adjStart[u + 1]!
      for (let k = adjStart[u]!; k < end; k++) {
        if (adjVia[k] === excluded) continue
        const v = adjTo[k]!
        if (seen[v] === stamp) continue
        seen[v] = stamp
        dist[v] = dist[u]! + 1
        queue[tail++] = v
        if (isWanted[v]) found++
      }
    }
  }

  /**
   * After `distances(target, …)`: the lexicographically smallest shortest path from a reached
   * `source` to that target, walking greedily to the smallest-id neighbour one step closer (every
   * such neighbour still completes a shortest path, so the first choice that can be made smallest is).
   */
  greedyPathFrom(source: number, excluded: number): string[] {
    const { adjStart, adjTo, adjVia, ids } = this.g
    const { parent: dist, seen, stamp } = this
    const path = [ids[source]!]
    let u = source
    while (dist[u] !== 0) {
      const end = adjStart[u + 1]!
      for (let k = adjStart[u]!; k < end; k++) {
        const v = adjTo[k]!
        if (adjVia[k] !== excluded && seen[v] === stamp && dist[v] === dist[u]! - 1) {
          u = v
          break
        }
      }
      path.push(ids[u]!)
    }
    return path
  }

  /** The path source → target as segment ids (call after `run`, for a reached target). */
  pathTo(target: number): string[] {
    const path: string[] = []
    for (let v = target; v !== -1; v = this.parent[v]!) path.push(this.g.ids[v]!)
    return path.reverse()
  }
}

/**
 * Connected components of the graph without the links through `excluded` (union–find); lets the
 * checks skip a search whose source cannot reach any target and stop a search once all are found.
 */
export function components(g: SegmentGraph, excluded: number): Int32Array {
  const n = g.ids.length
  const up = new Int32Array(n)
  for (let i = 0; i < n; i++) up[i] = i
  const find = (x: number): number => {
    while (up[x] !== x) {
      up[x] = up[up[x]!]!
      x = up[x]!
    }
    return x
  }
  for (let u = 0; u < n; u++) {
    for (let k = g.adjStart[u]!; k < g.adjStart[u + 1]!; k++) {
      if (g.adjVia[k] === excluded) continue
      const a = find(u)
      const b = find(g.adjTo[k]!)
      if (a !== b) up[a < b ? b : a] = a < b ? a : b
    }
  }
  for (let i = 0; i < n; i++) up[i] = find(i)
  return up
}
