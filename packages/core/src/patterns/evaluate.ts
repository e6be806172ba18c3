/**
 * `warikan patterns`: size the three deployment patterns (表3-6) from the members' load, compare them,
 * recommend one, and show each member's share of each pattern's server cost.
 */
import type { Result } from '../scenario/issues'
import type { CostItem, Scenario } from '../scenario/schema'
import { allocatePatterns, type MemberBurden } from './cost-items'
import { recommend, type PatternFigures, type Recommendation } from './recommend'
import { parsePatternModel, type PatternModel, type Weights } from './schema'
import { PATTERN_NAMES, type PatternNumber } from './scope'
import { sizePatterns, type BlastRadius, type PatternSizing, type ServerGroup } from './sizing'

export interface PatternResult {
  pattern: PatternNumber
  name: string
  groups: ServerGroup[]
  groupCount: number
  servers: number
  annualCost: number
  /** Σ group peak demand / Σ servers */
  peakUtilisation: number
  /** Σ demand over the grid / (288 × Σ servers) */
  meanUtilisation: number
  batchCollisions: number
  /** the worst single-group failure (most units, then most residents) */
  blastRadius: BlastRadius & { group: string }
  /** the most distinct operation schedules in one group */
  coupling: number
  score: number
  rank: number
}

export interface PatternsReport {
  extensionVersion: 1
  units: number
  patterns: PatternResult[]
  recommendation: Omit<Recommendation, 'scores'>
  allocation: {
    basis: 'load' | 'population' | 'equal'
    members: MemberBurden[]
    costs: Record<PatternNumber, CostItem[]>
  }
}

export interface EvaluateOptions {
  /** planner-adjusted weights (override the scenario's) */
  weights?: Partial<Weights>
  /** skip the allocation (sizing only) */
  allocation?: boolean
}

export function evaluatePatterns(
  scenario: Scenario,
  options: EvaluateOptions = {},
): Result<PatternsReport> {
  const parsed = parsePatternModel(scenario)
  if (!parsed.ok) return parsed
  return evaluateModel(parsed.value, options)
}

export function evaluateModel(
  model: PatternModel,
  options: EvaluateOptions = {},
): Result<PatternsReport> {
  const sizings = sizePatterns(model)
  const units = model.services.reduce((a, s) => a + s.memberIndices.length, 0)
  const figures = sizings.map((s) => figuresOf(s, units))
  const weights = { ...model.weights, ...options.weights }
  if (weights.cost + weights.blastRadius + weights.coupling + weights.collisions <= 0)
    return {
      ok: false,
      issues: [
        {
          path: 'patterns.weights',
          message: '重みの合計が0です (at least one weight must be > 0)',
        },
      ],
    }
  const rec = recommend(figures, weights)
  const patterns = sizings.map((s, i) => {
    const score = rec.scores[i]!
    return summarise(s, figures[i]!, score.score, score.rank)
  })
  const { scores: _scores, ...recommendation } = rec
  let members: MemberBurden[] = []
  const costs: Record<PatternNumber, CostItem[]> = { 1: [], 2: [], 3: [] }
  if (options.allocation !== false) {
    const allocated = allocatePatterns(model, sizings)
    if (!allocated.ok) return allocated
    members = allocated.value.members
    for (const it of allocated.value.items) costs[it.pattern] = it.costs
  }
  return {
    ok: true,
    value: {
      extensionVersion: 1,
      units,
      patterns,
      recommendation,
      allocation: { basis: model.settings.allocation, members, costs },
    },
  }
}

function worstGroup(groups: ServerGroup[]): ServerGroup {
  let worst = groups[0]!
  for (const g of groups) {
    const a = g.blastRadius
    const b = worst.blastRadius
    if (a.units > b.units || (a.units === b.units && a.population > b.population)) worst = g
  }
  return worst
}

function figuresOf(s: PatternSizing, units: number): PatternFigures {
  const worst = worstGroup(s.groups).blastRadius
  return {
    pattern: s.pattern,
    servers: s.groups.reduce((a, g) => a + g.servers, 0),
    annualCost: s.groups.reduce((a, g) => a + g.annualCost, 0),
    worstBlast: { members: worst.members, services: worst.services, units: worst.units },
    totalUnits: units,
    coupling: Math.max(0, ...s.groups.map((g) => g.coupling)),
    batchCollisions: s.groups.reduce((a, g) => a + g.batchCollisions, 0),
  }
}

function summarise(
  s: PatternSizing,
  f: PatternFigures,
  score: number,
  rank: number,
): PatternResult {
  const worst = worstGroup(s.groups)
  const peak = s.groups.reduce((a, g) => a + g.peakDemand, 0)
  const mean = s.groups.reduce((a, g) => a + g.meanUtilisation * g.servers, 0)
  return {
    pattern: s.pattern,
    name: PATTERN_NAMES[s.pattern],
    groups: s.groups,
    groupCount: s.groups.length,
    servers: f.servers,
    annualCost: f.annualCost,
    peakUtilisation: peak / f.servers,
    meanUtilisation: mean / f.servers,
    batchCollisions: f.batchCollisions,
    blastRadius: { ...worst.blastRadius, group: worst.id },
    coupling: f.coupling,
    score,
    rank,
  }
}
