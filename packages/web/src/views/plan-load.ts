/**
 * The consortium's stored 中期計画 for the deck and the xlsx: the first plan of the list (the plan view opens
 * the same one), compiled and allocated in the browser with the core at the plan's own yearly rates.
 */
import {
  allocateCompiledPlan,
  compilePlan,
  type CompiledPlan,
  type PlanAllocation,
} from '@warikan/core'
import type { AppState } from '../model'

export type LoadedPlan =
  | { ok: true; title: string; compiled: CompiledPlan; allocation: PlanAllocation }
  | { ok: false; reason: string }

export async function loadConsortiumPlan(
  state: AppState,
  cid: string | number,
): Promise<LoadedPlan> {
  const plans = await state.api.plans(cid)
  const first = plans[0]
  if (!first) return { ok: false, reason: 'この組合には中期計画がありません。' }
  const stored = await state.api.plan(first.id)
  const compiled = compilePlan(stored.document)
  if (!compiled.ok)
    return { ok: false, reason: '中期計画に誤りがあります。中期計画の画面で確かめてください。' }
  const allocation = allocateCompiledPlan(compiled.value)
  if (!allocation.ok)
    return { ok: false, reason: '中期計画を計算できません。中期計画の画面で確かめてください。' }
  return { ok: true, title: stored.title, compiled: compiled.value, allocation: allocation.value }
}
