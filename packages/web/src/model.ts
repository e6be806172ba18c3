/**
 * The studio's state: the scenario document being edited, the traffic it is split by, and the
 * allocation recomputed in the browser with the same core code the CLI and API use.
 */
import {
  allocate,
  parseScenario,
  type Allocation,
  type InputIssue,
  type Scenario,
  type ScenarioInput,
  type TrafficAggregate,
} from '@warikan/core'
import type { ApiClient, Consortium, ScenarioSummary, StoredScenario } from './api-client'

export interface Computed {
  scenario?: Scenario
  allocation?: Allocation
  issues: InputIssue[]
}

/** Validate and allocate; every problem comes back as `{path, message}` (never thrown). */
export function compute(doc: unknown, traffic?: TrafficAggregate): Computed {
  const parsed = parseScenario(doc)
  if (!parsed.ok) return { issues: parsed.issues }
  const result = allocate(parsed.value, traffic ? { traffic } : {})
  if (!result.ok) return { scenario: parsed.value, issues: result.issues }
  return { scenario: parsed.value, allocation: result.value, issues: [] }
}

export interface MonthlyPoint {
  month: string
  queries: number
}

export interface Current {
  summary: ScenarioSummary
  stored: StoredScenario
  /** the edited document (a deep copy of stored.document) */
  doc: ScenarioInput
  traffic?: TrafficAggregate
  monthly?: MonthlyPoint[]
  /** why traffic is missing (e.g. the request failed) */
  trafficNote?: string
  computed: Computed
  dirty: boolean
}

type Listener = (reason: 'load' | 'edit') => void

export class AppState {
  consortia: Consortium[] = []
  consortium?: Consortium
  scenarios: ScenarioSummary[] = []
  current?: Current
  private listeners = new Set<Listener>()

  constructor(readonly api: ApiClient) {}

  on(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  private emit(reason: 'load' | 'edit') {
    for (const l of this.listeners) l(reason)
  }

  async loadConsortia(): Promise<void> {
    this.consortia = await this.api.consortia()
  }

  async selectConsortium(id: Consortium['id']): Promise<void> {
    this.consortium = this.consortia.find((c) => String(c.id) === String(id))
    this.scenarios = this.consortium ? await this.api.scenarios(this.consortium.id) : []
  }

  async selectScenario(id: ScenarioSummary['id']): Promise<void> {
    const summary = this.scenarios.find((s) => String(s.id) === String(id))
    if (!summary) return
    const [stored, traffic] = await Promise.all([
      this.api.scenario(summary.id),
      loadTraffic(this.api, summary.id),
    ])
    const doc = structuredClone(stored.document)
    this.current = {
      summary,
      stored,
      doc,
      ...traffic,
      computed: compute(doc, traffic.traffic),
      dirty: false,
    }
    this.emit('load')
  }

  /** Re-run validation and allocation after the planner changed `current.doc`. */
  recompute(): void {
    if (!this.current) return
    this.current.computed = compute(this.current.doc, this.current.traffic)
    this.current.dirty = true
    this.emit('edit')
  }

  async reloadTraffic(): Promise<void> {
    if (!this.current) return
    Object.assign(this.current, await loadTraffic(this.api, this.current.summary.id))
    this.current.computed = compute(this.current.doc, this.current.traffic)
    this.emit('load')
  }
}

export async function loadTraffic(
  api: ApiClient,
  id: ScenarioSummary['id'],
): Promise<{ traffic?: TrafficAggregate; monthly?: MonthlyPoint[]; trafficNote?: string }> {
  try {
    const t = await api.traffic(id)
    return {
      traffic: { rows: t.rows, pairs: t.pairs },
      ...(t.monthly ? { monthly: t.monthly } : {}),
    }
  } catch (e) {
    return { trafficNote: `照会ログを取得できません: ${(e as Error).message ?? String(e)}` }
  }
}
