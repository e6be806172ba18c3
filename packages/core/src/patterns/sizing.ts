/**
 * Sizing of the three patterns' server groups from the hourly × monthly load (one pass over the units).
 * Each group is sized to its own peak: servers = max(ceil(peak / capacity), minServers).
 */
import { batchCollisions, type BatchCollision, type BatchDefinition } from './batch'
import { MICRO, SLOTS, serversForPeak, serviceBase, slotHour, slotMonth, unitDemand } from './load'
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
  services: Set<number>
  units: number
  schedules: Set<string>
  batches: Map<string, BatchDefinition>
  total: number
}

const PATTERNS: PatternNumber[] = [1, 2, 3]

/** Size every group of the three patterns. */
export function sizePatterns(model: PatternModel): PatternSizing[] {
  const accs: Array<Map<string, Accumulator>> = PATTERNS.map(() => new Map())
  const demand = new Float64Array(SLOTS)
  for (const service of model.services) {
    const base = serviceBase(service)
    for (const mi of service.memberIndices) {
      const member = model.members[mi]!
      const total = unitDemand(base, member.population, demand)
      const schedule = scheduleOf(service, mi, member.code)
      for (let p = 0; p < 3; p++) {
        const key = groupOf(PATTERNS[p]!, service, mi, member.code)
        let acc = accs[p]!.get(key.id)
        if (!acc) {
          acc = {
            key,
            load: new Float64Array(SLOTS),
            memberLoad: new Map(),
            services: new Set(),
            units: 0,
            schedules: new Set(),
            batches: new Map(),
            total: 0,
          }
          accs[p]!.set(key.id, acc)
        }
        const load = acc.load
        for (let t = 0; t < SLOTS; t++) load[t]! += demand[t]!
        acc.total += total
        acc.memberLoad.set(mi, (acc.memberLoad.get(mi) ?? 0) + total)
        acc.services.add(service.index)
        acc.units++
        acc.schedules.add(schedule)
        service.batches.forEach((window, bi) => {
          const id = `${service.index}#${bi}`
          let def = acc.batches.get(id)
          if (!def) {
            def = { service, batchIndex: bi, window, members: [] }
            acc.batches.set(id, def)
          }
          def.members.push(mi)
        })
      }
    }
  }
  return PATTERNS.map((pattern, p) => ({
    pattern,
    groups: [...accs[p]!.values()]
      .sort((a, b) => compareOrder(a.key.order, b.key.order))
      .map((acc) => finishGroup(model, acc)),
  }))
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
  const serviceIndices = [...acc.services].sort((a, b) => a - b)
  for (const def of acc.batches.values()) def.members.sort((a, b) => a - b)
  const defs = [...acc.batches.values()].sort(
    (a, b) => a.service.index - b.service.index || a.batchIndex - b.batchIndex,
  )
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
