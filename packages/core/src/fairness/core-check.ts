/**
 * Core check (コア): a split x is in the core when no coalition S pays more than it would on its own,
 * x(S) ≤ c(S) for every S, and x(N) = c(N). Exact over every coalition for n ≤ 20; above that a search for
 * the most violated coalition (sampled starts + greedy single-member moves), reporting how hard it looked.
 * The most violated coalition is the one with the largest excess x(S) − c(S) (S ≠ ∅, S ≠ N); when no
 * coalition is violated it is the tightest one. x(N) − c(N) is reported separately as `efficiencyGap`
 * (a scenario's budget need not equal the model's c(N)).
 */
import { checkStop } from './stopped'
import { cmp, rat, sub, sum, ZERO, type Rational } from '../rational'
import type { CoalitionModel } from './coalition-model'
import {
  coalitionCost,
  fastComponents,
  scaleDouble,
  type FastComponent,
  type TableGame,
} from './cost-game'
import { seededRandom } from '../random'
import type { ExactShares } from './shares'

export const EXACT_CORE_LIMIT = 20

export interface CoalitionReport {
  /** member indices, ascending */
  members: number[]
  codes: string[]
  /** x(S) */
  pays: Rational
  /** c(S) */
  cost: Rational
  /** x(S) − c(S); > 0 means S objects (it would save this much alone) */
  excess: Rational
}

export interface CoreResult {
  method: 'exact' | 'search'
  /** 'inCore' only from the exact method; the search says 'noViolationFound' */
  verdict: 'inCore' | 'notInCore' | 'noViolationFound'
  worst?: CoalitionReport
  /** x(N) − c(N) */
  efficiencyGap: Rational
  effort: {
    coalitionsEvaluated: number
    starts?: number
    greedySteps?: number
    exactRechecks?: number
  }
}

export interface CoreSearchOptions {
  seed?: number
  randomStarts?: number
  maxStepsPerStart?: number
  exactLimit?: number
  /** asked before each search start; true stops the computation (throws ComputationStopped) */
  shouldStop?: () => boolean
}

const sumOf = (x: ExactShares, members: readonly number[]): Rational =>
  rat(
    members.reduce((a, i) => a + x.numerators[i]!, 0n),
    x.denominator,
  )
const toDouble = (x: ExactShares): Float64Array =>
  Float64Array.from(x.numerators, (v) => Number(v) / Number(x.denominator))

function report(model: CoalitionModel, x: ExactShares, members: number[]): CoalitionReport {
  const pays = sumOf(x, members)
  const cost = coalitionCost(model, members)
  return {
    members,
    codes: members.map((i) => model.members[i]!.code),
    pays,
    cost,
    excess: sub(pays, cost),
  }
}

const maskMembers = (mask: number, n: number): number[] => {
  const out: number[] = []
  for (let i = 0; i < n; i++) if (mask & (1 << i)) out.push(i)
  return out
}

/** Is the split x (exact, one value per model member) in the core of the model's game? */
export function checkCore(
  model: CoalitionModel,
  x: ExactShares,
  options: CoreSearchOptions = {},
): CoreResult {
  const n = model.members.length
  const all = model.members.map((_, i) => i)
  const efficiencyGap = sub(sumOf(x, all), coalitionCost(model, all))
  if (n < 2)
    return { method: 'exact', verdict: 'inCore', efficiencyGap, effort: { coalitionsEvaluated: 0 } }
  if (n <= (options.exactLimit ?? EXACT_CORE_LIMIT)) return exactCore(model, x, efficiencyGap)
  return searchCore(model, x, efficiencyGap, options)
}

/** c(S) in double precision for every mask (bit i = member i), by lowest-bit recurrences. */
export function tabulateCosts(model: CoalitionModel): Float64Array {
  const n = model.members.length
  const size = 1 << n
  const costs = new Float64Array(size)
  const state = new Float64Array(size)
  for (const c of fastComponents(model)) {
    let usersMask = 0
    for (const u of c.users) usersMask |= 1 << u
    state[0] = 0
    for (let mask = 1; mask < size; mask++) {
      const low = 31 - Math.clz32(mask & -mask)
      const rest = state[mask & (mask - 1)]!
      const v = (usersMask >>> low) & 1 ? c.value[low]! : 0
      if (c.kind === 'fixed') costs[mask]! += mask & usersMask ? c.amount : 0
      else if (c.kind === 'airport') {
        const m = v > rest ? v : rest
        state[mask] = m
        costs[mask]! += m
      } else if (c.kind === 'variable') {
        state[mask] = rest + v
        costs[mask]! += rest + v
      } else {
        const p = rest + v
        state[mask] = p
        costs[mask]! += scaleDouble(c.amount, c.exponent, p)
      }
    }
  }
  return costs
}

function exactCore(model: CoalitionModel, x: ExactShares, efficiencyGap: Rational): CoreResult {
  const n = model.members.length
  const size = 1 << n
  const full = size - 1
  const costs = tabulateCosts(model)
  const xd = toDouble(x)
  const pays = new Float64Array(size)
  let best = -Infinity
  let scale = 1
  for (let mask = 1; mask < size; mask++) {
    const low = 31 - Math.clz32(mask & -mask)
    pays[mask] = pays[mask & (mask - 1)]! + xd[low]!
    scale = Math.max(scale, Math.abs(costs[mask]!))
    if (mask !== full) best = Math.max(best, pays[mask]! - costs[mask]!)
  }
  // exact recheck of every coalition within rounding distance of the double maximum
  const tol = scale * 1e-9
  let worst: CoalitionReport | undefined
  let rechecks = 0
  for (let mask = 1; mask < full && rechecks < 5000; mask++) {
    if (pays[mask]! - costs[mask]! < best - tol) continue
    rechecks++
    const r = report(model, x, maskMembers(mask, n))
    if (!worst || cmp(r.excess, worst.excess) > 0) worst = r
  }
  return {
    method: 'exact',
    verdict: worst && cmp(worst.excess, ZERO) > 0 ? 'notInCore' : 'inCore',
    ...(worst ? { worst } : {}),
    efficiencyGap,
    effort: { coalitionsEvaluated: size - 2, exactRechecks: rechecks },
  }
}

/** Coalition state with O(1) (amortised) cost changes when one member joins or leaves. */
class CoalitionState {
  readonly inS: Uint8Array
  private readonly counts: Int32Array[]
  private readonly levelOf: Int32Array[]
  private readonly levels: Float64Array[]
  private readonly maxLevel: Int32Array
  private readonly pop: Float64Array
  cost = 0
  size = 0
  constructor(
    private readonly comps: FastComponent[],
    n: number,
  ) {
    this.inS = new Uint8Array(n)
    this.maxLevel = new Int32Array(comps.length).fill(-1)
    this.pop = new Float64Array(comps.length)
    this.levels = comps.map((c) =>
      c.kind === 'airport'
        ? Float64Array.from(
            [...new Set(Array.from(c.users, (u) => c.value[u]!))].sort((a, b) => a - b),
          )
        : new Float64Array(0),
    )
    this.levelOf = comps.map((c, k) => {
      const lv = new Int32Array(n).fill(-1)
      if (c.kind === 'airport' || c.kind === 'fixed') {
        for (const u of c.users)
          lv[u] = c.kind === 'fixed' ? 0 : this.levels[k]!.indexOf(c.value[u]!)
      } else for (const u of c.users) lv[u] = 0
      return lv
    })
    this.counts = comps.map(
      (c, k) => new Int32Array(c.kind === 'airport' ? this.levels[k]!.length : 1),
    )
  }

  /** c(S ∪ {j}) − c(S) or c(S ∖ {j}) − c(S) */
  delta(j: number): number {
    const adding = !this.inS[j]
    let d = 0
    for (let k = 0; k < this.comps.length; k++) {
      const c = this.comps[k]!
      const lv = this.levelOf[k]![j]!
      if (lv < 0) continue
      if (c.kind === 'variable') d += adding ? c.value[j]! : -c.value[j]!
      else if (c.kind === 'fixed') {
        const cnt = this.counts[k]![0]!
        if (adding && cnt === 0) d += c.amount
        else if (!adding && cnt === 1) d -= c.amount
      } else if (c.kind === 'scaleEconomy') {
        const p = this.pop[k]!
        const np = adding ? p + c.value[j]! : p - c.value[j]!
        d += scaleDouble(c.amount, c.exponent, np) - scaleDouble(c.amount, c.exponent, p)
      } else {
        const levels = this.levels[k]!
        const mx = this.maxLevel[k]!
        const cur = mx < 0 ? 0 : levels[mx]!
        if (adding) {
          if (lv > mx) d += levels[lv]! - cur
        } else if (lv === mx && this.counts[k]![lv] === 1) {
          let nx = mx - 1
          while (nx >= 0 && this.counts[k]![nx] === 0) nx--
          d += (nx < 0 ? 0 : levels[nx]!) - cur
        }
      }
    }
    return d
  }

  flip(j: number): void {
    const d = this.delta(j)
    const adding = !this.inS[j]
    this.inS[j] = adding ? 1 : 0
    this.size += adding ? 1 : -1
    this.cost += d
    for (let k = 0; k < this.comps.length; k++) {
      const c = this.comps[k]!
      const lv = this.levelOf[k]![j]!
      if (lv < 0) continue
      if (c.kind === 'scaleEconomy') this.pop[k]! += adding ? c.value[j]! : -c.value[j]!
      else if (c.kind === 'fixed') this.counts[k]![0]! += adding ? 1 : -1
      else if (c.kind === 'airport') {
        const counts = this.counts[k]!
        counts[lv]! += adding ? 1 : -1
        let mx = this.maxLevel[k]!
        if (adding && lv > mx) mx = lv
        while (mx >= 0 && counts[mx] === 0) mx--
        this.maxLevel[k] = mx
      }
    }
  }
}

function searchCore(
  model: CoalitionModel,
  x: ExactShares,
  efficiencyGap: Rational,
  options: CoreSearchOptions,
): CoreResult {
  const n = model.members.length
  const comps = fastComponents(model)
  const xd = toDouble(x)
  const random = seededRandom(options.seed ?? 1)
  const maxSteps = options.maxStepsPerStart ?? 200
  let evaluated = 0
  let steps = 0
  const standalone = model.members.map((_, i) => {
    const st = new CoalitionState(comps, n)
    st.flip(i)
    return xd[i]! - st.cost
  })
  const full = new CoalitionState(comps, n)
  let fullPays = 0
  for (let i = 0; i < n; i++) {
    full.flip(i)
    fullPays += xd[i]!
  }
  const leaveOne = model.members.map((_, i) => fullPays - xd[i]! - (full.cost + full.delta(i)))
  evaluated += 2 * n
  const top = (scores: number[], k: number) =>
    scores
      .map((s, i) => [s, i] as const)
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, k)
      .map(([, i]) => i)
  const starts: number[][] = [
    ...top(standalone, 10).map((i) => [i]),
    ...top(leaveOne, 10).map((i) => model.members.map((_, j) => j).filter((j) => j !== i)),
  ]
  for (let r = 0; r < (options.randomStarts ?? 30); r++) {
    const size = 1 + Math.floor(random() * (n - 1))
    const chosen = new Set<number>()
    while (chosen.size < size) chosen.add(Math.floor(random() * n))
    starts.push([...chosen])
  }
  let bestExcess = -Infinity
  let bestSet: number[] = []
  for (const start of starts) {
    checkStop(options.shouldStop)
    const st = new CoalitionState(comps, n)
    let paysS = 0
    for (const i of start) {
      st.flip(i)
      paysS += xd[i]!
    }
    evaluated++
    for (let step = 0; step < maxSteps; step++) {
      let bestGain = 1e-9 * Math.max(1, Math.abs(st.cost))
      let bestJ = -1
      for (let j = 0; j < n; j++) {
        const adding = !st.inS[j]
        if ((adding && st.size === n - 1) || (!adding && st.size === 1)) continue
        const gain = (adding ? xd[j]! : -xd[j]!) - st.delta(j)
        evaluated++
        if (gain > bestGain) {
          bestGain = gain
          bestJ = j
        }
      }
      if (bestJ < 0) break
      paysS += st.inS[bestJ] ? -xd[bestJ]! : xd[bestJ]!
      st.flip(bestJ)
      steps++
    }
    const excess = paysS - st.cost
    if (excess > bestExcess) {
      bestExcess = excess
      bestSet = []
      for (let i = 0; i < n; i++) if (st.inS[i]) bestSet.push(i)
    }
  }
  const worst = report(model, x, bestSet)
  return {
    method: 'search',
    verdict: cmp(worst.excess, ZERO) > 0 ? 'notInCore' : 'noViolationFound',
    worst,
    efficiencyGap,
    effort: { coalitionsEvaluated: evaluated, starts: starts.length, greedySteps: steps },
  }
}

/** Exact core check of a tabulated game (small n; hand-worked games and tests). */
export function checkCoreTable(game: TableGame, x: readonly Rational[]): CoreResult {
  const n = game.n
  const full = 2 ** n - 1
  const efficiencyGap = sub(sum(x), game.cost(full))
  let worst: CoalitionReport | undefined
  for (let mask = 1; mask < full; mask++) {
    const members = maskMembers(mask, n)
    const pays = sum(members.map((i) => x[i]!))
    const cost = game.cost(mask)
    const r = { members, codes: members.map(String), pays, cost, excess: sub(pays, cost) }
    if (!worst || cmp(r.excess, worst.excess) > 0) worst = r
  }
  return {
    method: 'exact',
    verdict: worst && cmp(worst.excess, ZERO) > 0 ? 'notInCore' : 'inCore',
    ...(worst ? { worst } : {}),
    efficiencyGap,
    effort: { coalitionsEvaluated: Math.max(0, full - 1) },
  }
}
