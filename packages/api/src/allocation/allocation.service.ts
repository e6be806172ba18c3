/**
 * Allocation of stored scenarios, cached per (scenario, version, traffic key): a scenario's allocation only
 * changes when its document (version) or its stored traffic changes, so repeated reads are served from
 * memory. The caller passes the scenario's current state (scenario-readers.ts), so traffic imported by
 * another worker or by the CLI is used by the next read. Unsaved what-ifs are computed each time.
 */
import {
  allocate,
  explainAdjustments,
  explainMember,
  type AdjustmentExplanation,
  parseScenario,
  type Allocation,
  type AllocationOutput,
  type InputIssue,
  type Scenario,
  type ShareExplanation,
  type TrafficAggregate,
} from '@warikan/core'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { jsonBytes, jsonText, type JsonText } from '../http/json-text'
import { loadScenario } from '../scenario/scenario.service'
import { storedTraffic } from '../traffic/traffic.service'

export type AllocationResult =
  | {
      ok: true
      scenario: Scenario
      allocation: Allocation
      json: string & JsonText<AllocationOutput>
      /** `json` encoded once as UTF-8: the hot read path sends these bytes as they are */
      body: Uint8Array<ArrayBuffer> & JsonText<AllocationOutput>
      /** the stored traffic the allocation used (for analyses that re-evaluate a traffic driver) */
      traffic?: TrafficAggregate
    }
  | { ok: false; reason: 'invalid'; issues: InputIssue[] }
  | { ok: false; reason: 'not_found' }

export interface AllocationService {
  /** the scenario's current state, from the scenario reader */
  forScenario(scenario: {
    id: number
    version: number
    trafficKey: string
  }): Promise<AllocationResult>
}

export function allocationService(db: Kysely<Database>, maxEntries = 256): AllocationService {
  const cache = new Map<string, Promise<AllocationResult>>()
  const compute = async (scenarioId: number): Promise<AllocationResult> => {
    const loaded = await loadScenario(db, scenarioId)
    if (!loaded) return { ok: false, reason: 'not_found' }
    if (!loaded.ok) return { ok: false, reason: 'invalid', issues: loaded.issues }
    const aggregate = await storedTraffic(db, scenarioId)
    const result = allocate(loaded.scenario, aggregate ? { traffic: aggregate } : {})
    if (!result.ok) return { ok: false, reason: 'invalid', issues: result.issues }
    const json = jsonText(result.value.output)
    return {
      ok: true,
      scenario: loaded.scenario,
      allocation: result.value,
      json,
      body: jsonBytes(json),
      ...(aggregate ? { traffic: aggregate } : {}),
    }
  }
  return {
    forScenario({ id, version, trafficKey }) {
      const key = `${id}:${version}:${trafficKey}`
      const hit = cache.get(key)
      if (hit) return hit
      const promise = compute(id)
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string)
      cache.set(key, promise)
      // Failures (e.g. a database error) are not cached.
      promise.then(
        (r) => {
          if (!r.ok && r.reason === 'not_found') cache.delete(key)
        },
        () => cache.delete(key),
      )
      return promise
    },
  }
}

/** An unsaved what-if: validate the document, allocate it (no stored traffic). */
export function allocateDocument(
  document: unknown,
  traffic?: TrafficAggregate,
): { ok: true; scenario: Scenario; allocation: Allocation } | { ok: false; issues: InputIssue[] } {
  const parsed = parseScenario(document)
  if (!parsed.ok) return parsed
  const result = allocate(parsed.value, traffic ? { traffic } : {})
  if (!result.ok) return result
  return { ok: true, scenario: parsed.value, allocation: result.value }
}

/** One member's explanation: every cost item, and its adjustments with their reasons when it has any. */
export function explain(
  allocation: Allocation,
  code: string,
): { code: string; explanations: ShareExplanation[]; adjustments?: AdjustmentExplanation[] } {
  const adjustments = explainAdjustments(allocation, code)
  return {
    code,
    explanations: explainMember(allocation, code),
    ...(adjustments.length ? { adjustments } : {}),
  }
}
