/**
 * 公平性の検証 (fairness) for one allocated scenario, shared by `warikan fairness` and
 * `GET /api/scenarios/:id/fairness`: savings targets (削減率目標), the α interval of a two-driver mix, the smallest
 * adjustment, and — when the scenario has a `coalitionModel` — the Shapley value and the core check for the
 * scenario's own split and for Shapley. The JSON form is the same on both sides (docs/fairness.md, docs/api.md).
 */
import {
  rat,
  toNumber,
  type Allocation,
  type InputIssue,
  type Rational,
  type Scenario,
  type TrafficAggregate,
} from '@warikan/core'
import {
  adjustToTargets,
  alphaInterval,
  checkCore,
  grandCost,
  parseCoalitionModel,
  ruleDrivers,
  shapleyValue,
  sharesFrom,
  standaloneCosts,
  targetsReport,
  type AdjustmentResult,
  type AlphaResult,
  type CoalitionModel,
  type CoreResult,
  type ShapleyResult,
  type TargetsReport,
} from '@warikan/core/fairness'
import { exact, fairnessSummary, yenOf } from './fairness-report'

export interface FairnessOptions {
  /** the two drivers of the α mix; 'auto': the pair mixed in the largest amount (none when no item mixes two) */
  alpha?: [string, string] | 'auto' | undefined
  /** seed of the Shapley sampler and the core search (default 1) */
  seed?: number
  /** the scenario's traffic aggregate (for a traffic driver in the α mix) */
  traffic?: TrafficAggregate | undefined
  /** bounds of the coalition game's work (the API's; the CLI runs unbounded) */
  bounds?: GameBounds | undefined
}

/** How much the Shapley sampler and the core search may do. */
export interface GameBounds {
  /** at most this many sampling groups (each one cyclic permutation per member) */
  maxGroups?: number
  /** asked between groups and search starts; true stops (ComputationStopped is thrown) */
  shouldStop?: () => boolean
}

/**
 * Work of the sampled Shapley value, in marginal-contribution evaluations per sampling group for n members:
 * each member's independent small strata (2 draws of each size below min(n, 64)) and one rotation.
 */
export const workPerGroup = (n: number): number => n * (Math.min(n, 64) ** 2 + n)

/** The sampler's fewest groups (shapley.ts default); a bound below it cannot give a value. */
export const MIN_SAMPLING_GROUPS = 6

/** The coalition game part: Shapley value and both core checks. */
export interface GameResult {
  model: CoalitionModel
  shapley: ShapleyResult
  standalone: Rational[]
  grandCost: Rational
  coreShapley: CoreResult
  coreScenario: CoreResult
  rows: GameRow[]
}

export interface GameRow {
  code: string
  name: string
  /** c({i}) of the model, rounded to the yen */
  standaloneCost: number
  /** Shapley value, rounded to the yen (largest remainder, summing to c(N) rounded) */
  shapley: number
  /** the exact Shapley value before rounding (a fraction, or a decimal when the fraction is long) */
  shapleyExact: string
  /** what the scenario's rule bills */
  scenario: number
  /** scenario − shapley */
  diff: number
  standardError?: number
}

export interface FairnessResult {
  scenario: Scenario
  targets: TargetsReport | undefined
  adjustment: AdjustmentResult | undefined
  /** the α interval (never the error case: an error is the outcome's 'alpha' failure, or skipped when auto) */
  alpha: (SolvedAlpha & { auto?: boolean }) | undefined
  game: GameResult | undefined
  summary: string
}

export type SolvedAlpha = Exclude<AlphaResult, { kind: 'error' }>

export type FairnessOutcome =
  | { ok: true; value: FairnessResult }
  /** the coalition model is invalid: issues with field paths */
  | { ok: false; reason: 'model'; issues: InputIssue[] }
  /** the α drivers asked for cannot be used */
  | { ok: false; reason: 'alpha'; message: string }

/**
 * The pair of drivers to solve α for when none is named: among cost items whose rule mixes exactly two drivers,
 * the pair covering the largest amount; 均等割 (equal) first when it is in the pair, so α is its weight.
 */
export function defaultAlphaDrivers(allocation: Allocation): [string, string] | undefined {
  const amounts = new Map<string, { pair: [string, string]; amount: number }>()
  for (const w of allocation.workings) {
    const used = ruleDrivers(w.cost.rule)
    if (used.length !== 2) continue
    const pair = (used.includes('equal') ? ['equal', used.find((d) => d !== 'equal')!] : used) as [
      string,
      string,
    ]
    const key = pair.join(',')
    const entry = amounts.get(key) ?? { pair, amount: 0 }
    entry.amount += w.cost.amount
    amounts.set(key, entry)
  }
  let best: { pair: [string, string]; amount: number } | undefined
  for (const e of amounts.values()) if (!best || e.amount > best.amount) best = e
  return best?.pair
}

export function fairness(
  scenario: Scenario,
  allocation: Allocation,
  options: FairnessOptions = {},
): FairnessOutcome {
  const seed = options.seed ?? 1
  const model = scenario.coalitionModel === undefined ? undefined : parseCoalitionModel(scenario)
  if (model && !model.ok) return { ok: false, reason: 'model', issues: model.issues }
  const targets = targetsReport(scenario, allocation.output)
  const adjustment = targets && adjustToTargets(targets)
  const auto = options.alpha === 'auto'
  const drivers =
    options.alpha === 'auto' ? targets && defaultAlphaDrivers(allocation) : options.alpha
  let alpha: FairnessResult['alpha']
  if (drivers) {
    const a = alphaInterval(
      scenario,
      allocation,
      drivers,
      options.traffic ? { traffic: options.traffic } : {},
    )
    if (a.kind === 'error') {
      if (!auto) return { ok: false, reason: 'alpha', message: a.message }
    } else alpha = auto ? { ...a, auto: true } : a
  }
  const game = model?.ok
    ? gameResult(model.value, allocation.output.members, seed, options.bounds ?? {})
    : undefined
  const summary = fairnessSummary(scenario.consortium.name, targets, alpha, game)
  return { ok: true, value: { scenario, targets, adjustment, alpha, game, summary } }
}

function gameResult(
  model: CoalitionModel,
  split: Array<{ code: string; name: string; total: number }>,
  seed: number,
  bounds: GameBounds,
): GameResult {
  const shapley = shapleyValue(model, {
    seed,
    ...(bounds.maxGroups === undefined ? {} : { maxGroups: bounds.maxGroups }),
    ...(bounds.shouldStop ? { shouldStop: bounds.shouldStop } : {}),
  })
  const standalone = standaloneCosts(model)
  const scenarioSplit = sharesFrom(split.map((m) => ({ n: BigInt(m.total), d: 1n })))
  const stop = bounds.shouldStop ? { shouldStop: bounds.shouldStop } : {}
  const coreShapley = checkCore(model, shapley.shares, { seed, ...stop })
  const coreScenario = checkCore(model, scenarioSplit, { seed, ...stop })
  const d = shapley.shares.denominator
  const rows = model.members.map((m, i) => ({
    code: m.code,
    name: m.name,
    standaloneCost: yenOf(standalone[i]!),
    shapley: Number(shapley.yen[i]!),
    shapleyExact: exact(rat(shapley.shares.numerators[i]!, d)),
    scenario: split[i]!.total,
    diff: split[i]!.total - Number(shapley.yen[i]!),
    ...(shapley.standardError ? { standardError: shapley.standardError[i]! } : {}),
  }))
  return {
    model,
    shapley,
    standalone,
    grandCost: grandCost(model),
    coreShapley,
    coreScenario,
    rows,
  }
}

// ---- the JSON form (CLI --format json and the API response) ----

export function fairnessJson(r: FairnessResult) {
  const { targets, adjustment, alpha, game } = r
  return {
    targets: targets
      ? {
          minSavingsRate: exact(targets.minSavingsRate),
          missing: targets.missing,
          totalShortfall: Number(targets.totalShortfall),
          totalSlack: Number(targets.totalSlack),
          members: targets.rows.map((row) => ({
            code: row.code,
            name: row.name,
            total: Number(row.total),
            ...(row.standaloneCost === undefined
              ? {}
              : {
                  standaloneCost: Number(row.standaloneCost),
                  cap: Number(row.cap),
                  savingsRate: toNumber(row.savingsRate!),
                  meetsTarget: row.meetsTarget,
                  shortfall: Number(row.shortfall),
                  slack: Number(row.slack),
                }),
          })),
        }
      : null,
    adjustment: adjustment ? adjustmentJson(adjustment) : null,
    alpha: alpha ? alphaJson(alpha) : null,
    coalitionModel: game ? gameJson(game) : null,
    summary: r.summary,
  }
}

function adjustmentJson(a: AdjustmentResult) {
  if (a.kind === 'notNeeded') return { kind: a.kind }
  if (a.kind === 'infeasible')
    return { kind: a.kind, shortfall: Number(a.shortfall), slack: Number(a.slack) }
  return {
    kind: a.kind,
    transferred: Number(a.transferred),
    members: a.rows.map((row) => ({
      code: row.code,
      before: Number(row.before),
      adjustment: Number(row.adjustment),
      after: Number(row.after),
    })),
  }
}

function alphaJson(a: SolvedAlpha & { auto?: boolean }) {
  const base = {
    drivers: a.drivers,
    costIds: a.costIds,
    checkedOn: 'exact unrounded shares',
    ...(a.auto ? { auto: true } : {}),
  }
  if (a.kind === 'none') return { kind: a.kind, ...base, binding: a.binding, reason: a.reason }
  return {
    kind: a.kind,
    ...base,
    lo: exact(a.lo),
    hi: exact(a.hi),
    loDecimal: toNumber(a.lo),
    hiDecimal: toNumber(a.hi),
    lowerBinding: a.lowerBinding ?? null,
    upperBinding: a.upperBinding ?? null,
    current: Object.fromEntries(Object.entries(a.current).map(([k, v]) => [k, exact(v)])),
    safeForRoundedYen: a.safe ? { lo: exact(a.safe.lo), hi: exact(a.safe.hi) } : null,
  }
}

function coreJson(c: CoreResult) {
  return {
    method: c.method,
    verdict: c.verdict,
    efficiencyGap: exact(c.efficiencyGap),
    effort: c.effort,
    worst: c.worst
      ? {
          members: c.worst.codes,
          pays: exact(c.worst.pays),
          cost: exact(c.worst.cost),
          excess: exact(c.worst.excess),
        }
      : null,
  }
}

function gameJson(g: GameResult) {
  return {
    grandCost: exact(g.grandCost),
    roundedGrandCost: Number(g.shapley.roundedTotal),
    components: g.shapley.components.map((c) => ({ id: c.id, kind: c.kind, method: c.method })),
    sampled: g.shapley.sampled ?? null,
    members: g.rows,
    core: { shapley: coreJson(g.coreShapley), scenario: coreJson(g.coreScenario) },
  }
}
