/**
 * Fairness reports of stored scenarios, cached next to their allocation: the key is the cached allocation
 * result itself (one object per scenario version and traffic generation in the allocation service), so a new
 * version or a traffic upload gives a new entry and evicted allocations take their reports with them.
 */
import type { AllocationResult } from '../allocation/allocation.service'
import { jsonText, type JsonText } from '../http/json-text'
import { fairness, fairnessJson, type FairnessOptions } from './fairness.service'

type Allocated = Extract<AllocationResult, { ok: true }>

export type CachedFairness =
  | { ok: true; json: string & JsonText<ReturnType<typeof fairnessJson>> }
  | Exclude<ReturnType<typeof fairness>, { ok: true }>

export interface FairnessCache {
  get(
    allocated: Allocated,
    options: Pick<FairnessOptions, 'alpha' | 'seed' | 'bounds'>,
  ): CachedFairness
}

/** At most `perScenario` option combinations (alpha, seed) are kept per allocation. */
export function fairnessCache(perScenario = 8): FairnessCache {
  const byAllocation = new WeakMap<Allocated, Map<string, CachedFairness>>()
  return {
    get(allocated, options) {
      // bounds are the same for every request on one server (its limits); a stopped computation throws and
      // is not cached
      const key = JSON.stringify([options.alpha ?? null, options.seed ?? 1])
      let entries = byAllocation.get(allocated)
      if (!entries) byAllocation.set(allocated, (entries = new Map()))
      const hit = entries.get(key)
      if (hit) return hit
      const r = fairness(allocated.scenario, allocated.allocation, {
        ...options,
        traffic: allocated.traffic,
      })
      const value: CachedFairness = r.ok ? { ok: true, json: jsonText(fairnessJson(r.value)) } : r
      if (entries.size >= perScenario) entries.delete(entries.keys().next().value as string)
      entries.set(key, value)
      return value
    },
  }
}
