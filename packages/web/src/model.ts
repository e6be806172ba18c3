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
import type { ApiClient, Consortium, Id, ScenarioSummary, StoredScenario } from './api-client'

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
  /** the document differs from the stored version (edits not saved yet) */
  dirty: boolean
  /** the documents before each edit, newest last (元に戻す pops one) */
  undo: Array<{ label: string; doc: ScenarioInput }>
}

/**
 * Why listeners are called: 'load' a scenario was (re)read; 'edit' a value changed (same fields);
 * 'structure' members or cost items were added, removed or renamed, or an edit was undone (views rebuild).
 */
export type ChangeReason = 'load' | 'edit' | 'structure'
type Listener = (reason: ChangeReason) => void

const UNDO_LIMIT = 100

export class AppState {
  consortia: Consortium[] = []
  consortium?: Consortium
  scenarios: ScenarioSummary[] = []
  current?: Current
  private listeners = new Set<Listener>()
  /** the field being typed in: keystrokes in one field make one undo step */
  private editKey: string | undefined

  constructor(readonly api: ApiClient) {}

  on(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  private emit(reason: ChangeReason) {
    for (const l of this.listeners) l(reason)
  }

  async loadConsortia(): Promise<void> {
    this.consortia = await this.api.consortia()
  }

  async selectConsortium(id: Id): Promise<void> {
    this.consortium = this.consortia.find((c) => String(c.id) === String(id))
    this.scenarios = this.consortium ? await this.api.scenarios(this.consortium.id) : []
  }

  async selectScenario(id: Id): Promise<void> {
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
      undo: [],
    }
    this.editKey = undefined
    this.emit('load')
  }

  /**
   * Call before changing `current.doc`: keeps the document as it was for 元に戻す. Repeated calls with the same
   * key (keystrokes in one field) keep only the first, so undo takes the whole field back.
   */
  beginEdit(key: string, label: string): void {
    const cur = this.current
    if (!cur || this.editKey === key) return
    this.editKey = key
    cur.undo.push({ label, doc: structuredClone(cur.doc) })
    if (cur.undo.length > UNDO_LIMIT) cur.undo.shift()
  }

  /** The field lost focus: the next keystroke there is a new undo step. */
  endEdit(): void {
    const cur = this.current
    const top = cur?.undo.at(-1)
    // a field left as it was is no undo step
    if (this.editKey && cur && top && JSON.stringify(top.doc) === JSON.stringify(cur.doc))
      cur.undo.pop()
    this.editKey = undefined
  }

  /** Re-run validation and allocation after the planner changed `current.doc`. */
  recompute(reason: 'edit' | 'structure' = 'edit'): void {
    if (!this.current) return
    this.current.computed = compute(this.current.doc, this.current.traffic)
    this.current.dirty =
      JSON.stringify(this.current.doc) !== JSON.stringify(this.current.stored.document)
    this.emit(reason)
  }

  /** A whole edit at once (add or remove a member, add a cost item …): one undo step, views rebuild. */
  applyEdit(label: string, change: (doc: ScenarioInput) => void): void {
    if (!this.current) return
    this.editKey = undefined
    this.beginEdit(`apply:${label}:${this.current.undo.length}`, label)
    this.editKey = undefined
    change(this.current.doc)
    this.recompute('structure')
  }

  /** 元に戻す: the document before the last edit; false when there is nothing to undo. */
  undo(): string | undefined {
    const cur = this.current
    const last = cur?.undo.pop()
    if (!cur || !last) return undefined
    this.editKey = undefined
    cur.doc = last.doc
    this.recompute('structure')
    return last.label
  }

  /**
   * Re-read the scenario list and the stored version after a rename, keeping the planner's unsaved edits.
   */
  async refreshStored(): Promise<void> {
    const cur = this.current
    if (!cur || !this.consortium) return
    this.scenarios = await this.api.scenarios(this.consortium.id)
    cur.summary = this.scenarios.find((s) => String(s.id) === String(cur.summary.id)) ?? cur.summary
    cur.stored = await this.api.scenario(cur.summary.id)
    this.recompute('edit')
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
  id: Id,
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
