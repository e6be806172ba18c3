/**
 * Sizing of the three patterns' server groups from the hourly × monthly load (one pass over the units).
 * Each group is sized to its own peak: servers = max(ceil(peak / capacity), minServers).
 */
import { batchCollisions, type BatchCollision, type BatchDefinition } from './batch'
import { MICRO, SLOTS, serversForPeak, serviceBase, slotHour, slotMonth } from './load'
import type { PatternModel } from './schema'
import { groupOf, scheduleOf, type GroupKey, type GroupKind, type PatternNumber } from './scope'

/** 影響範囲: what stops when this group fails. */
export interface BlastRadius {
  members: number
  services: number
  /** member × 業務 pairs */
  units: number
  /** residents of the affected members */
  population: number
}

export interface ServerGroup {
  id: string
  kind: GroupKind
  label: string
  /** member codes, scenario order */
  members: string[]
  /** service ids, scenario order */
  services: string[]
  servers: number
  /** peak demand in servers (micro-server precision) */
  peakDemand: number
  /** 1–12 */
  peakMonth: number
  /** 0–23 */
  peakHour: number
  /** peakDemand / servers */
  peakUtilisation: number
  /** mean over the 288 hour × month slots of demand / servers */
  meanUtilisation: number
  annualCost: number
  batchCollisions: number
  collisions: BatchCollision[]
  blastRadius: BlastRadius
  /** 運用結合度: distinct operation schedules sharing the group */
  coupling: number
  /** member code → its demand summed over the grid (micro-server-hours), the 従量 basis */
  memberLoad: Record<string, number>
}

export interface PatternSizing {
  pattern: PatternNumber
  groups: ServerGroup[]
}

interface Accumulator {
  key: GroupKey
  load: Float64Array
  memberLoad: Map<number, number>
  /** service index → member indices in this group (ascending, as units arrive member by member) */
  serviceMembers: Map<number, number[]>
  units: number
  schedules: Set<string>
  total: number
}

const newAccumulator = (key: GroupKey): Accumulator => ({
  key,
  load: new Float64Array(SLOTS),
  memberLoad: new Map(),
  serviceMembers: new Map(),
  units: 0,
  schedules: new Set(),
  total: 0,
})

function book(acc: Accumulator, si: number, mi: number, total: number, schedule: string) {
  acc.total += total
  acc.memberLoad.set(mi, (acc.memberLoad.get(mi) ?? 0) + total)
  const list = acc.serviceMembers.get(si)
  if (list) list.push(mi)
  else acc.serviceMembers.set(si, [mi])
  acc.units++
  acc.schedules.add(schedule)
}

/**
 * Size every group of the three patterns. One pass over the units: each unit's demand is computed once
 * and added to its pattern-1 and pattern-2 group; pattern 3's single group is the sum of the pattern-2
 * groups (exact: all values are integers).
 */
export function sizePatterns(model: PatternModel): PatternSizing[] {
  const p1 = new Map<string, Accumulator>()
  const p2 = new Map<string, Accumulator>()
  const p3 = newAccumulator(groupOf(3, model.services[0]!, 0, ''))
  const get = (map: Map<string, Accumulator>, key: GroupKey) => {
    let acc = map.get(key.id)
    if (!acc) map.set(key.id, (acc = newAccumulator(key)))
    return acc
  }
  for (const service of model.services) {
    const base = serviceBase(service)
    for (const mi of service.memberIndices) {
      const member = model.members[mi]!
      const a1 = get(p1, groupOf(1, service, mi, member.code))
      const a2 = get(p2, groupOf(2, service, mi, member.code))
      const l1 = a1.load
      const l2 = a2.load
      const population = member.population
      let total = 0
      for (let t = 0; t < SLOTS; t++) {
        const v = Math.round(population * base[t]!)
        l1[t]! += v
        l2[t]! += v
        total += v
      }
      const schedule = scheduleOf(service, mi, member.code)
      book(a1, service.index, mi, total, schedule)
      book(a2, service.index, mi, total, schedule)
      book(p3, service.index, mi, total, schedule)
    }
  }
  for (const acc of p2.values()) for (let t = 0; t < SLOTS; t++) p3.load[t]! += acc.load[t]!
  const finish = (pattern: PatternNumber, accs: Accumulator[]): PatternSizing => ({
    pattern,
    groups: accs
      .sort((a, b) => compareOrder(a.key.order, b.key.order))
      .map((acc) => finishGroup(model, acc)),
  })
  return [finish(1, [...p1.values()]), finish(2, [...p2.values()]), finish(3, [p3])]
}

const compareOrder = (a: number[], b: number[]): number =>
  a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!

function finishGroup(model: PatternModel, acc: Accumulator): ServerGroup {
  let peak = -1
  let peakSlot = 0
  for (let t = 0; t < SLOTS; t++) {
    const v = acc.load[t]!
    if (v > peak) {
      peak = v
      peakSlot = t
    }
  }
  const servers = Math.max(serversForPeak(peak), model.settings.server.minServers)
  const memberIndices = [...acc.memberLoad.keys()].sort((a, b) => a - b)
  const serviceIndices = [...acc.serviceMembers.keys()].sort((a, b) => a - b)
  const defs: BatchDefinition[] = []
  for (const si of serviceIndices) {
    const service = model.services[si]!
    const members = acc.serviceMembers.get(si)!
    service.batches.forEach((window, batchIndex) =>
      defs.push({ service, batchIndex, window, members }),
    )
  }
  const collisions = batchCollisions(defs)
  const memberLoad: Record<string, number> = {}
  for (const mi of memberIndices) memberLoad[model.members[mi]!.code] = acc.memberLoad.get(mi)!
  return {
    id: acc.key.id,
    kind: acc.key.kind,
    label: groupLabel(model, acc.key.kind, memberIndices, serviceIndices),
    members: memberIndices.map((i) => model.members[i]!.code),
    services: serviceIndices.map((i) => model.services[i]!.id),
    servers,
    peakDemand: peak / MICRO,
    peakMonth: slotMonth(peakSlot),
    peakHour: slotHour(peakSlot),
    peakUtilisation: peak / (servers * MICRO),
    meanUtilisation: acc.total / (SLOTS * servers * MICRO),
    annualCost: servers * model.settings.server.costPerServer,
    batchCollisions: collisions.total,
    collisions: collisions.collisions,
    blastRadius: {
      members: memberIndices.length,
      services: serviceIndices.length,
      units: acc.units,
      population: memberIndices.reduce((a, i) => a + model.members[i]!.population, 0),
    },
    coupling: acc.schedules.size,
    memberLoad,
  }
}

function groupLabel(
  model: PatternModel,
  kind: GroupKind,
  members: number[],
  services: number[],
): string {
  const service = model.services[services[0]!]!.name
  const member = model.members[members[0]!]!.name
  switch (kind) {
    case 'service':
      return `${service}（共同）`
    case 'dedicated':
      return `${service}・${member}（単独・独自システム）`
    case 'member':
      return `${member}（団体内統合）`
    case 'saas':
      return `${service}（SaaS共同）`
    case 'all':
      return '全団体・全業務（統合）'
  }
}
