/**
 * 推奨: a weighted score per pattern (lower is better) and a short Japanese rationale.
 *
 * Criteria (each normalised by the largest value among the three patterns, so 1 = the worst pattern,
 * 0 = none at all; all-zero criteria contribute 0):
 *   cost        — annual server cost (servers × costPerServer; servers when costPerServer is 0)
 *   blastRadius — units (member × 業務) stopped by the worst single-group failure / all units
 *   coupling    — the largest number of distinct operation schedules in one group
 *   collisions  — colliding batch-window pairs, summed over groups
 * score = Σ weight × normalised value / Σ weight. Ranking: ascending score, ties by pattern number.
 */
import { formatYen } from '../format/ja'
import type { Weights } from './schema'
import { PATTERN_NAMES, type PatternNumber } from './scope'

export type Criterion = keyof Weights

export const CRITERION_LABELS: Record<Criterion, string> = {
  cost: '費用',
  blastRadius: '障害影響範囲',
  coupling: '運用結合度',
  collisions: 'バッチ衝突',
}

export interface PatternFigures {
  pattern: PatternNumber
  servers: number
  annualCost: number
  /** worst single-group failure */
  worstBlast: { members: number; services: number; units: number }
  totalUnits: number
  coupling: number
  batchCollisions: number
}

export interface PatternScore {
  pattern: PatternNumber
  /** raw criterion values */
  values: Record<Criterion, number>
  /** values / max over patterns */
  normalised: Record<Criterion, number>
  score: number
  rank: number
}

export interface Recommendation {
  pattern: PatternNumber
  ranking: PatternNumber[]
  weights: Weights
  scores: PatternScore[]
  rationale: string[]
}

const CRITERIA: Criterion[] = ['cost', 'blastRadius', 'coupling', 'collisions']

export function criterionValues(f: PatternFigures): Record<Criterion, number> {
  return {
    cost: f.annualCost > 0 ? f.annualCost : f.servers,
    blastRadius: f.totalUnits === 0 ? 0 : f.worstBlast.units / f.totalUnits,
    coupling: f.coupling,
    collisions: f.batchCollisions,
  }
}

export function recommend(figures: PatternFigures[], weights: Weights): Recommendation {
  const values = figures.map(criterionValues)
  const max = Object.fromEntries(
    CRITERIA.map((c) => [c, Math.max(0, ...values.map((v) => v[c]))]),
  ) as Record<Criterion, number>
  const weightSum = CRITERIA.reduce((a, c) => a + weights[c], 0)
  const scores: PatternScore[] = figures.map((f, i) => {
    const v = values[i]!
    const normalised = Object.fromEntries(
      CRITERIA.map((c) => [c, max[c] === 0 ? 0 : v[c] / max[c]]),
    ) as Record<Criterion, number>
    const score = CRITERIA.reduce((a, c) => a + weights[c] * normalised[c], 0) / weightSum
    return { pattern: f.pattern, values: v, normalised, score, rank: 0 }
  })
  const ranking = [...scores]
    .sort((a, b) => a.score - b.score || a.pattern - b.pattern)
    .map((s) => s.pattern)
  for (const s of scores) s.rank = ranking.indexOf(s.pattern) + 1
  const best = ranking[0]!
  return {
    pattern: best,
    ranking,
    weights,
    scores,
    rationale: rationale(figures, scores, ranking, weights),
  }
}

const name = (p: PatternNumber) => `パターン${p}（${PATTERN_NAMES[p]}）`

function rationale(
  figures: PatternFigures[],
  scores: PatternScore[],
  ranking: PatternNumber[],
  weights: Weights,
): string[] {
  const byPattern = (p: PatternNumber) => figures.find((f) => f.pattern === p)!
  const scoreOf = (p: PatternNumber) => scores.find((s) => s.pattern === p)!
  const best = byPattern(ranking[0]!)
  const lines: string[] = []
  const weightText = CRITERIA.map((c) => `${CRITERION_LABELS[c]}${weights[c]}`).join('・')
  lines.push(
    `推奨は${name(best.pattern)}です（評価値 ${scoreOf(best.pattern).score.toFixed(3)}、低いほど良い。重み ${weightText}）。`,
  )
  for (const p of ranking) {
    const f = byPattern(p)
    const s = scoreOf(p)
    const strengths: string[] = []
    const weaknesses: string[] = []
    for (const c of CRITERIA) {
      const vals = scores.map((x) => x.values[c])
      const lo = Math.min(...vals)
      const hi = Math.max(...vals)
      if (lo === hi) continue
      if (s.values[c] === lo) strengths.push(`${CRITERION_LABELS[c]}が最も小さい`)
      if (s.values[c] === hi) weaknesses.push(`${CRITERION_LABELS[c]}が最も大きい`)
    }
    const facts =
      `サーバ${f.servers}台・年額${formatYen(f.annualCost)}、` +
      `1グループ停止時の影響は最大${f.worstBlast.members}団体・${f.worstBlast.services}業務（${f.worstBlast.units}単位）、` +
      `運用スケジュール最大${f.coupling}種類が同居、バッチ衝突${f.batchCollisions}組`
    const judgement = [
      strengths.length ? `長所: ${strengths.join('、')}` : '',
      weaknesses.length ? `短所: ${weaknesses.join('、')}` : '',
    ]
      .filter(Boolean)
      .join('。')
    lines.push(`${s.rank}位 ${name(p)}: ${facts}。${judgement ? judgement + '。' : ''}`)
  }
  return lines
}
