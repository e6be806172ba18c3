/**
 * Route responses → chart rows. The divergence report has a known shape (core `traffic/divergence.ts`);
 * fairness and patterns are read leniently (per-member arrays with numeric fields) so the panels work as
 * those features land.
 */
import { formatInteger, formatPercent, formatYen, type Scenario } from '@warikan/core'
import type { DivergenceRow, PatternRow, ShapleyRow } from './charts'

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined

/** The basis the scenario's traffic cost uses (the one the planner will be asked about). */
export function scenarioBasis(scenario: Scenario): 'requester' | 'provider' | 'split' {
  const c = scenario.costs.find((x) => x.rule.traffic !== undefined)
  return c?.traffic?.basis ?? 'split'
}

/** `GET /api/scenarios/:id/divergence` → rows of shares (fractions of the compared amount). */
export function divergenceRows(json: unknown, scenario: Scenario): DivergenceRow[] {
  if (!isObj(json) || !Array.isArray(json.members)) return []
  const amount = num(json.amount)
  const basis = scenarioBasis(scenario)
  const order = new Map(scenario.members.map((m, i) => [m.code, i]))
  const rows = json.members.filter(isObj).map((m) => {
    const bases = isObj(m.bases) ? m.bases : {}
    const chosen = isObj(bases[basis]) ? bases[basis] : undefined
    const pop = num(m.populationShare) ?? 0
    const traffic = num(chosen?.share) ?? num(m.trafficShare) ?? 0
    return {
      code: String(m.code),
      name: String(m.name ?? m.code),
      populationShare: amount ? pop / amount : pop,
      trafficShare: amount ? traffic / amount : traffic,
    }
  })
  return rows.sort((a, b) => (order.get(a.code) ?? 1e9) - (order.get(b.code) ?? 1e9))
}

/** Find the first array of per-member objects in a response. */
function memberArray(json: unknown): Json[] {
  if (Array.isArray(json)) return json.filter(isObj)
  if (!isObj(json)) return []
  for (const key of ['members', 'rows', 'shapley', 'values']) {
    const v = json[key]
    if (Array.isArray(v) && v.some((x) => isObj(x) && 'code' in x)) return v.filter(isObj)
  }
  return []
}

const pick = (o: Json, pattern: RegExp): number | undefined => {
  for (const [k, v] of Object.entries(o)) if (pattern.test(k) && num(v) !== undefined) return num(v)
  return undefined
}

/** `GET /api/scenarios/:id/fairness` → Shapley value vs the scenario's split, per member. */
export function shapleyRows(
  json: unknown,
  scenario: Scenario,
  totals: Map<string, number>,
): ShapleyRow[] {
  const names = new Map(scenario.members.map((m) => [m.code, m.name]))
  return memberArray(json)
    .map((m) => {
      const code = String(m.code)
      const shapley = pick(m, /^shapley/i) ?? pick(m, /shapley/i)
      const scen = pick(m, /^(scenario|allocated|total|share)/i) ?? totals.get(code)
      return shapley === undefined || scen === undefined
        ? undefined
        : { code, name: String(m.name ?? names.get(code) ?? code), shapley, scenario: scen }
    })
    .filter((r): r is ShapleyRow => r !== undefined)
}

/** A one-line summary of the fairness report (core check, etc.), when it says one. */
export function fairnessNote(json: unknown): string | undefined {
  if (!isObj(json)) return undefined
  for (const key of ['summary', 'message', 'verdict'])
    if (typeof json[key] === 'string') return json[key] as string
  if (typeof json.inCore === 'boolean')
    return json.inCore
      ? '✓ 分担はコアに入っています（どの団体の組合せも単独より多く払っていません）。'
      : '✗ 分担はコアの外です。'
  return undefined
}

const FACT_LABELS: Array<[RegExp, string, (v: number) => string]> = [
  [/^servers?$|serverCount/i, 'サーバ台数', (v) => formatInteger(v)],
  [/utili[sz]ation/i, '利用率', (v) => (v <= 1 ? formatPercent(v) : `${v}%`)],
  [/blast/i, '障害影響範囲（団体数）', (v) => formatInteger(v)],
  [/costPerMember|perMember/i, '1団体あたり費用', (v) => formatYen(Math.round(v))],
  [/^(total)?cost$|totalCost|annualCost/i, '総費用', (v) => formatYen(Math.round(v))],
]

/** `GET /api/scenarios/:id/patterns` → one row per deployment pattern. */
export function patternRows(json: unknown): { rows: PatternRow[]; recommendation?: string } {
  const list = Array.isArray(json)
    ? json
    : isObj(json) && Array.isArray(json.patterns)
      ? json.patterns
      : []
  const rows = list.filter(isObj).map((p) => {
    const facts: Array<[string, string]> = []
    let costPerMember: number | undefined
    for (const [k, v] of Object.entries(p)) {
      const n = num(v)
      if (n === undefined) continue
      const known = FACT_LABELS.find(([re]) => re.test(k))
      facts.push([known?.[1] ?? k, known ? known[2](n) : formatInteger(n)])
      if (/costPerMember|perMember/i.test(k)) costPerMember = n
    }
    return {
      name: String(p.label ?? p.name ?? p.id ?? '—'),
      facts,
      ...(costPerMember === undefined ? {} : { costPerMember }),
    }
  })
  const rec = isObj(json) ? (json.recommendation ?? json.recommended) : undefined
  const recommendation =
    typeof rec === 'string'
      ? `推奨: ${rec}`
      : isObj(rec)
        ? `推奨: ${String(rec.label ?? rec.name ?? rec.id)}${typeof rec.reason === 'string' ? ` — ${rec.reason}` : ''}`
        : undefined
  return { rows, ...(recommendation ? { recommendation } : {}) }
}
