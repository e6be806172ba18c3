/**
 * Route responses → chart rows. The divergence report has a known shape (core `traffic/divergence.ts`);
 * patterns are read leniently. The fairness report has its own module (fairness.ts).
 */
import { formatInteger, formatPercent, formatYen, type Scenario } from '@warikan/core'
import type { DivergenceRow, PatternRow } from './charts'

type Json = Record<string, unknown>
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined

/** The basis the scenario's traffic cost uses (the one the planner will be asked about). */
export function scenarioBasis(scenario: Scenario): 'requester' | 'provider' | 'split' {
  const c = scenario.costs.find((x) => x.rule?.traffic !== undefined)
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

/** `GET /api/scenarios/:id/patterns` (core `PatternsReport`) → one row per deployment pattern. */
export function patternRows(json: unknown): { rows: PatternRow[]; recommendation?: string } {
  const list = Array.isArray(json)
    ? json
    : isObj(json) && Array.isArray(json.patterns)
      ? json.patterns
      : []
  const alloc =
    isObj(json) && isObj(json.allocation) && Array.isArray(json.allocation.members)
      ? json.allocation.members.filter(isObj)
      : []
  const names = new Map<string, string>()
  const rows = list.filter(isObj).map((p) => {
    const facts: Array<[string, string]> = []
    const key = String(p.pattern ?? p.id ?? '')
    const name = String(p.name ?? p.label ?? p.id ?? '—')
    names.set(key, name)
    const blast = isObj(p.blastRadius) ? num(p.blastRadius.members) : num(p.blastRadius)
    const burdens = alloc
      .map((m) => (isObj(m.burden) ? num(m.burden[key]) : undefined))
      .filter((v): v is number => v !== undefined)
    const costPerMember =
      num(p.costPerMember) ??
      (burdens.length ? burdens.reduce((a, b) => a + b, 0) / burdens.length : undefined) ??
      (num(p.annualCost) !== undefined && alloc.length
        ? num(p.annualCost)! / alloc.length
        : undefined)
    const add = (label: string, v: number | undefined, f: (v: number) => string) => {
      if (v !== undefined) facts.push([label, f(v)])
    }
    add('サーバ台数', num(p.servers), formatInteger)
    add('ピーク利用率', num(p.peakUtilisation) ?? num(p.utilisation), (v) => formatPercent(v))
    add('平均利用率', num(p.meanUtilisation), (v) => formatPercent(v))
    add('障害影響範囲（団体数）', blast, formatInteger)
    add('バッチ衝突', num(p.batchCollisions), formatInteger)
    add('年間費用', num(p.annualCost), (v) => formatYen(Math.round(v)))
    add('1団体あたり費用（平均）', costPerMember, (v) => formatYen(Math.round(v)))
    add('順位', num(p.rank), (v) => `${v} 位`)
    return { name, facts, ...(costPerMember === undefined ? {} : { costPerMember }) }
  })
  const rec = isObj(json) ? json.recommendation : undefined
  let recommendation: string | undefined
  if (typeof rec === 'string') recommendation = `推奨: ${rec}`
  else if (isObj(rec)) {
    const which = names.get(String(rec.pattern)) ?? String(rec.pattern ?? rec.name ?? '')
    const why = Array.isArray(rec.rationale)
      ? rec.rationale.filter((x) => typeof x === 'string').join(' ')
      : ''
    recommendation = `推奨: ${which}${why ? ` — ${why}` : ''}`
  }
  return { rows, ...(recommendation ? { recommendation } : {}) }
}
