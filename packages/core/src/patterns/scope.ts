/**
 * Which server group a 業務 of a member (a "unit") joins under each pattern, limited by its 集約範囲
 * (SaaS / PaaS / IaaS, 表3-7/3-8). The rule table (docs/patterns.md, "Scope rules"):
 *
 * | effective scope | パターン1 同一業務統合型      | パターン2 団体内業務統合型        | パターン3 |
 * |-----------------|-------------------------------|-----------------------------------|-----------|
 * | SaaS            | shared group of the 業務      | stays in the 業務's shared group  | all       |
 * | PaaS            | shared group of the 業務      | the member's group                | all       |
 * | IaaS            | dedicated group (member×業務) | the member's group                | all       |
 *
 * A member listed in `customised` runs its own customised system: its unit's effective scope is IaaS.
 * Every pattern therefore partitions the same set of units; pattern 3 is always one group.
 */
import type { Scope, Service } from './schema'

export type PatternNumber = 1 | 2 | 3

export const PATTERN_NAMES: Record<PatternNumber, string> = {
  1: '同一業務統合型',
  2: '地方公共団体内業務統合型',
  3: '複数地方公共団体・多種業務統合型',
}

export type GroupKind = 'service' | 'dedicated' | 'member' | 'saas' | 'all'

export interface GroupKey {
  /** stable id, e.g. `p1:service:juki`, `p2:member:143014` */
  id: string
  kind: GroupKind
  /** ordering of groups in reports */
  order: [number, number, number]
}

export const effectiveScope = (service: Service, memberIndex: number): Scope =>
  service.customisedIndices.has(memberIndex) ? 'IaaS' : service.scope

/** The group of unit (service, member) under `pattern`. `memberCode` names member groups. */
export function groupOf(
  pattern: PatternNumber,
  service: Service,
  memberIndex: number,
  memberCode: string,
): GroupKey {
  const scope = effectiveScope(service, memberIndex)
  if (pattern === 1) {
    return scope === 'IaaS'
      ? {
          id: `p1:dedicated:${service.id}:${memberCode}`,
          kind: 'dedicated',
          order: [service.index, 1, memberIndex],
        }
      : { id: `p1:service:${service.id}`, kind: 'service', order: [service.index, 0, 0] }
  }
  if (pattern === 2) {
    return scope === 'SaaS'
      ? { id: `p2:saas:${service.id}`, kind: 'saas', order: [1, service.index, 0] }
      : { id: `p2:member:${memberCode}`, kind: 'member', order: [0, memberIndex, 0] }
  }
  return { id: 'p3:all', kind: 'all', order: [0, 0, 0] }
}

/** Operation schedule of a unit: a customised system has its own. */
export const scheduleOf = (service: Service, memberIndex: number, memberCode: string): string =>
  service.customisedIndices.has(memberIndex)
    ? `${service.schedule}@${memberCode}`
    : service.schedule
