/**
 * The core's reports → chart rows: the divergence report (core `traffic/divergence.ts`) and the pattern report
 * (core `patterns/evaluate.ts`), the same types the API's routes return. The fairness report has its own module.
 */
import { formatInteger, formatPercent, formatYen, type Scenario } from '@warikan/core'
import type { PatternsReport } from '@warikan/core/patterns'
import type { DivergenceReport } from '@warikan/core/traffic'
import type { DivergenceRow, PatternRow } from './charts'

/** The basis the scenario's traffic cost uses (the one the planner will be asked about). */
export function scenarioBasis(scenario: Scenario): 'requester' | 'provider' | 'split' {
  const c = scenario.costs.find((x) => x.rule?.traffic !== undefined)
  return c?.traffic?.basis ?? 'split'
}

/** The core's divergence report (as GET /api/scenarios/{id}/divergence gives it) → rows of shares. */
export function divergenceRows(report: DivergenceReport, scenario: Scenario): DivergenceRow[] {
  const amount = report.amount
  const basis = scenarioBasis(scenario)
  const order = new Map(scenario.members.map((m, i) => [m.code, i]))
  const rows = report.members.map((m) => {
    const pop = m.populationShare
    const traffic = m.bases[basis].share
    return {
      code: m.code,
      name: m.name,
      populationShare: amount ? pop / amount : pop,
      trafficShare: amount ? traffic / amount : traffic,
    }
  })
  return rows.sort((a, b) => (order.get(a.code) ?? 1e9) - (order.get(b.code) ?? 1e9))
}

/** The core's pattern report (as GET /api/scenarios/{id}/patterns gives it) → one row per pattern. */
export function patternRows(report: PatternsReport): {
  rows: PatternRow[]
  recommendation?: string
} {
  const alloc = report.allocation.members
  const names = new Map<number, string>()
  const rows = report.patterns.map((p) => {
    const facts: Array<[string, string]> = []
    names.set(p.pattern, p.name)
    const costPerMember = alloc.length
      ? alloc.reduce((t, m) => t + m.burden[p.pattern], 0) / alloc.length
      : undefined
    const add = (label: string, v: number | undefined, f: (v: number) => string) => {
      if (v !== undefined) facts.push([label, f(v)])
    }
    add('サーバ台数', p.servers, formatInteger)
    add('ピーク利用率', p.peakUtilisation, (v) => formatPercent(v))
    add('平均利用率', p.meanUtilisation, (v) => formatPercent(v))
    add('障害影響範囲（団体数）', p.blastRadius.members, formatInteger)
    add('バッチ衝突', p.batchCollisions, formatInteger)
    add('年間費用', p.annualCost, (v) => formatYen(Math.round(v)))
    add('1団体あたり費用（平均）', costPerMember, (v) => formatYen(Math.round(v)))
    add('順位', p.rank, (v) => `${v} 位`)
    return { name: p.name, facts, ...(costPerMember === undefined ? {} : { costPerMember }) }
  })
  const rec = report.recommendation
  const why = rec.rationale.join(' ')
  const recommendation = `推奨: ${names.get(rec.pattern) ?? String(rec.pattern)}${why ? ` — ${why}` : ''}`
  return { rows, recommendation }
}
