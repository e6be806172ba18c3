/**
 * The Shapley value (シャープレイ値) of the coalition cost game, by linearity: the value of Σ_k c_k is the sum
 * of the components' values.
 * - fixed: the amount split equally among its users;
 * - airport: Littlechild–Owen — sort users by cost, split each cost increment equally among those who need it;
 * - variable: each member's own cost;
 * - scale economy k·(Σ 人口)^e: exact enumeration up to 25 users (meet-in-the-middle over the two halves of
 *   the users, accumulated exactly in integer limbs), above that seeded stratified sampling with a standard
 *   error per member.
 */
import { lcm, type Rational } from '../rational'
import {
  SCALE_GRID,
  SCALE_GRID_BITS,
  scaleGridUnits,
  type CoalitionModel,
  type Component,
} from './coalition-model'
import { seededRandom, shuffle } from '../random'
import { addShares, roundShares, zeroShares, type ExactShares } from './shares'
import { checkStop } from './stopped'

export const EXACT_SCALE_LIMIT = 25

export interface ComponentShapley {
  id: string
  name: string
  kind: Component['kind']
  method: 'closedForm' | 'exact' | 'sampled'
  shares: ExactShares
  /** sampled components: standard error per member, yen */
  standardError?: number[]
  /** sampled components: independent groups of n cyclic permutations each */
  groups?: number
}

export interface ShapleyResult {
  members: Array<{ code: string; name: string }>
  components: ComponentShapley[]
  /** Σ of the components, exact (before rounding); sums to c(N) */
  shares: ExactShares
  /** rounded to the yen (largest remainder), summing to `roundedTotal` */
  yen: bigint[]
  roundedTotal: bigint
  /** per member, yen (only when some component was sampled) */
  standardError?: number[]
  sampled?: { seed: number; groups: number; permutations: number }
}

export interface ShapleyOptions {
  /** seed of the sampler (default 1) */
  seed?: number
  /** use exact enumeration up to this many users of a scale-economy component (default 25) */
  exactLimit?: number
  /** stop sampling when every member's standard error is below this fraction of its share (default 0.004) */
  targetRelativeError?: number
  /** per sampled player: the known rest of its share (yen), for the stopping rule */
  baseline?: number[]
  minGroups?: number
  maxGroups?: number
  /** asked before each sampling group; true stops the computation (throws ComputationStopped) */
  shouldStop?: () => boolean
}

export function shapleyValue(model: CoalitionModel, options: ShapleyOptions = {}): ShapleyResult {
  const n = model.members.length
  const components = model.components.map((c): ComponentShapley => {
    const head = { id: c.id, name: c.name, kind: c.kind }
    switch (c.kind) {
      case 'fixed':
        return { ...head, method: 'closedForm', shares: shapleyFixed(n, c.users, c.amount) }
      case 'variable':
        return { ...head, method: 'closedForm', shares: scatter(n, c.users, c.userCost) }
      case 'airport':
        return { ...head, method: 'closedForm', shares: shapleyAirport(n, c.users, c.userCost) }
      case 'scaleEconomy': {
        const pops = c.users.map((u) => model.members[u]!.population)
        if (c.users.length <= (options.exactLimit ?? EXACT_SCALE_LIMIT))
          return {
            ...head,
            method: 'exact',
            shares: expand(n, c.users, shapleyScaleExact(c.k, c.exponent, pops)),
          }
        // the stopping rule compares the standard error with each member's whole share, so the exact
        // parts of the other components count as known
        const baseline = c.users.map((u) =>
          model.components.reduce(
            (a, other) => a + (other === c ? 0 : roughShare(model, other, u)),
            0,
          ),
        )
        const s = shapleyScaleSampled(c.k, c.exponent, pops, { ...options, baseline })
        const standardError = new Array<number>(n).fill(0)
        c.users.forEach((u, j) => (standardError[u] = s.standardError[j]!))
        return {
          ...head,
          method: 'sampled',
          shares: expand(n, c.users, s.shares),
          standardError,
          groups: s.groups,
        }
      }
    }
  })
  const shares = addShares(
    n,
    components.map((c) => c.shares),
  )
  const codes = model.members.map((m) => m.code)
  const rounded = roundShares(shares, codes)
  const sampledParts = components.filter((c) => c.standardError)
  const result: ShapleyResult = {
    members: model.members.map((m) => ({ code: m.code, name: m.name })),
    components,
    shares,
    yen: rounded.yen,
    roundedTotal: rounded.amount,
  }
  if (sampledParts.length) {
    // components are sampled independently: variances add
    result.standardError = model.members.map((_, i) =>
      Math.sqrt(sampledParts.reduce((a, c) => a + c.standardError![i]! ** 2, 0)),
    )
    const groups = Math.max(...sampledParts.map((c) => c.groups!))
    result.sampled = { seed: options.seed ?? 1, groups, permutations: groups * n }
  }
  return result
}

function expand(n: number, users: readonly number[], s: ExactShares): ExactShares {
  const numerators = new Array<bigint>(n).fill(0n)
  users.forEach((u, j) => (numerators[u] = s.numerators[j]!))
  return { numerators, denominator: s.denominator }
}

function scatter(n: number, users: readonly number[], values: readonly Rational[]): ExactShares {
  let denominator = 1n
  for (const v of values) denominator = lcm(denominator, v.d)
  const numerators = new Array<bigint>(n).fill(0n)
  users.forEach((u, k) => (numerators[u] = values[k]!.n * (denominator / values[k]!.d)))
  return { numerators, denominator }
}

/** 共通固定費: amount / |users| to each user. */
export function shapleyFixed(n: number, users: readonly number[], amount: Rational): ExactShares {
  if (users.length === 0) return zeroShares(n)
  const numerators = new Array<bigint>(n).fill(0n)
  for (const u of users) numerators[u] = amount.n
  return { numerators, denominator: amount.d * BigInt(users.length) }
}

/**
 * Littlechild–Owen: with the users' costs sorted c(1) ≤ … ≤ c(m), the user at rank r pays
 * Σ_{j≤r} (c(j) − c(j−1)) / (m − j + 1). Exact, over the common denominator lcm(cost denominators)·lcm(m − r at each step up).
 */
export function shapleyAirport(
  n: number,
  users: readonly number[],
  costs: readonly Rational[],
): ExactShares {
  const m = users.length
  if (m === 0) return zeroShares(n)
  let dc = 1n
  for (const c of costs) dc = lcm(dc, c.d)
  const ints = costs.map((c) => c.n * (dc / c.d))
  const order = Array.from({ length: m }, (_, k) => k).sort((a, b) =>
    ints[a]! < ints[b]! ? -1 : ints[a]! > ints[b]! ? 1 : a - b,
  )
  // only the positions where the cost steps up divide an increment: l = lcm of those (m − r)
  let l = 1n
  {
    let last = 0n
    order.forEach((k, r) => {
      if (ints[k]! !== last) {
        l = lcm(l, BigInt(m - r))
        last = ints[k]!
      }
    })
  }
  const numerators = new Array<bigint>(n).fill(0n)
  let acc = 0n
  let prev = 0n
  order.forEach((k, r) => {
    const c = ints[k]!
    if (c !== prev) {
      acc += (c - prev) * (l / BigInt(m - r))
      prev = c
    }
    numerators[users[k]!] = acc
  })
  return { numerators, denominator: dc * l }
}

const LIMB = 2 ** 26
const LIMB2 = 2 ** 52

/**
 * Exact Shapley value of c(S) = k·(Σ_{i∈S} p_i)^e on the 2^−20 yen grid, for m ≤ 25 players.
 * φ_i = Σ_s [(s−1)!(m−s)! B(i,s) − s!(m−1−s)! (A(s) − B(i,s))] / m!, where A(s) = Σ_{|S|=s} c(S) and
 * B(i,s) = Σ_{|S|=s, S∋i} c(S). Coalitions are split into a low half L and a high half H; one pass over all
 * 2^m coalitions fills GL[L][|H|] = Σ_H c(L∪H) and GH[H][|L|] = Σ_L c(L∪H), from which A and B follow.
 * Grid values are accumulated exactly as three 26-bit limbs in doubles (no rounding: every partial sum
 * stays below 2^53).
 */
export function shapleyScaleExact(k: number, e: number, pops: readonly number[]): ExactShares {
  const m = pops.length
  if (m === 0) return { numerators: [], denominator: 1n }
  if (m > 30) throw new RangeError('exact scale-economy Shapley is limited to 30 players')
  const nl = Math.ceil(m / 2)
  const nh = m - nl
  const sizeL = 1 << nl
  const sizeH = 1 << nh
  const popL = subsetSums(pops.slice(0, nl))
  const popH = subsetSums(pops.slice(nl))
  const cntL = popcounts(nl)
  const cntH = popcounts(nh)
  const wl = (nh + 1) * 3
  const wh = (nl + 1) * 3
  const gl = new Float64Array(sizeL * wl)
  const gh = new Float64Array(sizeH * wh)
  if (grid(k, e, popL[sizeL - 1]! + popH[sizeH - 1]!) >= 2 ** 78)
    throw new RangeError('scale-economy cost too large for exact enumeration')
  for (let h = 0; h < sizeH; h++) {
    const ph = popH[h]!
    const ch = cntH[h]!
    const ghRow = h * wh
    for (let lo = 0; lo < sizeL; lo++) {
      const p = popL[lo]! + ph
      if (p === 0) continue
      const x = Math.round(k * Math.pow(p, e) * SCALE_GRID)
      const l2 = Math.floor(x / LIMB2)
      const r = x - l2 * LIMB2
      const l1 = Math.floor(r / LIMB)
      const l0 = r - l1 * LIMB
      const gi = lo * wl + ch * 3
      gl[gi]! += l0
      gl[gi + 1]! += l1
      gl[gi + 2]! += l2
      const hi = ghRow + cntL[lo]! * 3
      gh[hi]! += l0
      gh[hi + 1]! += l1
      gh[hi + 2]! += l2
    }
  }
  // A(s) and B(i,s) as limbs
  const a = new Float64Array((m + 1) * 3)
  const b = new Float64Array(m * (m + 1) * 3)
  for (let lo = 0; lo < sizeL; lo++) {
    const c = cntL[lo]!
    for (let t = 0; t <= nh; t++) {
      const gi = lo * wl + t * 3
      const s = c + t
      a[s * 3]! += gl[gi]!
      a[s * 3 + 1]! += gl[gi + 1]!
      a[s * 3 + 2]! += gl[gi + 2]!
      for (let i = 0; i < nl; i++) {
        if (!(lo & (1 << i))) continue
        const bi = (i * (m + 1) + s) * 3
        b[bi]! += gl[gi]!
        b[bi + 1]! += gl[gi + 1]!
        b[bi + 2]! += gl[gi + 2]!
      }
    }
  }
  for (let h = 0; h < sizeH; h++) {
    const c = cntH[h]!
    for (let t = 0; t <= nl; t++) {
      const gi = h * wh + t * 3
      const s = c + t
      for (let j = 0; j < nh; j++) {
        if (!(h & (1 << j))) continue
        const bi = ((nl + j) * (m + 1) + s) * 3
        b[bi]! += gh[gi]!
        b[bi + 1]! += gh[gi + 1]!
        b[bi + 2]! += gh[gi + 2]!
      }
    }
  }
  const big = (arr: Float64Array, at: number): bigint =>
    BigInt(arr[at]!) + (BigInt(arr[at + 1]!) << 26n) + (BigInt(arr[at + 2]!) << 52n)
  const fact = [1n]
  for (let i = 1; i <= m; i++) fact.push(fact[i - 1]! * BigInt(i))
  const aBig = Array.from({ length: m + 1 }, (_, s) => big(a, s * 3))
  const numerators = new Array<bigint>(m)
  for (let i = 0; i < m; i++) {
    let acc = 0n
    for (let s = 0; s <= m; s++) {
      const bis = big(b, (i * (m + 1) + s) * 3)
      if (s >= 1) acc += fact[s - 1]! * fact[m - s]! * bis
      if (s <= m - 1) acc -= fact[s]! * fact[m - 1 - s]! * (aBig[s]! - bis)
    }
    numerators[i] = acc
  }
  return { numerators, denominator: fact[m]! << BigInt(SCALE_GRID_BITS) }
}

const grid = scaleGridUnits

function subsetSums(values: readonly number[]): Float64Array {
  const out = new Float64Array(1 << values.length)
  for (let mask = 1; mask < out.length; mask++) {
    const low = 31 - Math.clz32(mask & -mask)
    out[mask] = out[mask & (mask - 1)]! + values[low]!
  }
  return out
}

function popcounts(bits: number): Uint8Array {
  const out = new Uint8Array(1 << bits)
  for (let mask = 1; mask < out.length; mask++) out[mask] = out[mask & (mask - 1)]! + 1
  return out
}

/**
 * Sampled Shapley value of k·(Σ p)^e. Each group draws one random order of the players and uses its m
 * cyclic rotations, so every player takes every coalition size exactly once (stratified by size); sizes
 * below 64 are instead sampled independently twice per group. Groups are independent; the standard error
 * per player is the standard deviation of the group estimates / √groups. The estimates are scaled to sum to
 * c(N) (a relative correction of the order of the sampling error) and returned on the 2^−20 yen grid,
 * summing exactly to c(N) on that grid.
 */
export function shapleyScaleSampled(
  k: number,
  e: number,
  pops: readonly number[],
  options: ShapleyOptions = {},
): { shares: ExactShares; standardError: number[]; groups: number } {
  const m = pops.length
  const random = seededRandom(options.seed ?? 1)
  const minGroups = options.minGroups ?? 6
  const maxGroups = options.maxGroups ?? 200
  const target = options.targetRelativeError ?? 0.004
  const baseline = options.baseline ?? []
  const sum = new Float64Array(m)
  const sumSq = new Float64Array(m)
  const order = Int32Array.from({ length: m }, (_, i) => i)
  const q = new Float64Array(m)
  const est = new Float64Array(m)
  let groups = 0
  const f = (p: number) => (p === 0 ? 0 : k * Math.pow(p, e))
  // Small coalitions carry most of the variance (f is steep near 0 and populations are heavy-tailed), and
  // along one order the first predecessors are shared by every small size. So sizes below `small` are
  // sampled independently, `repeats` fresh random coalitions per size per group; sizes from `small` up
  // are read off the rotations of the group's order.
  const small = Math.min(m, 64)
  const repeats = 2
  const pool = Int32Array.from({ length: m }, (_, i) => i)
  // Control variate: a coalition of s others has E[W] = s·(P − p_i)/(m − 1) exactly, so subtracting
  // g(i,s)·(W − E[W]) with g the slope of the marginal at E[W] keeps every term unbiased and removes the
  // first-order effect of which members happened to be drawn.
  let totalPop = 0
  for (const p of pops) totalPop += p
  const useControl = m * m <= 1e7
  const slope = new Float64Array(useControl ? m * m : 0)
  const mean = new Float64Array(useControl ? m * m : 0)
  if (useControl)
    for (let i = 0; i < m; i++) {
      const p = pops[i]!
      const per = (totalPop - p) / (m - 1)
      for (let s = 1; s < m; s++) {
        const ew = s * per
        mean[i * m + s] = ew
        slope[i * m + s] = k * e * (Math.pow(ew + p, e - 1) - Math.pow(ew, e - 1))
      }
    }
  const control = (i: number, s: number, w: number) =>
    useControl ? slope[i * m + s]! * (w - mean[i * m + s]!) : 0
  while (groups < maxGroups) {
    checkStop(options.shouldStop)
    shuffle(order, random)
    for (let j = 0; j < m; j++) q[j] = pops[order[j]!]!
    for (let b = 0; b < m; b++) {
      const i = order[b]!
      const p = pops[i]!
      let acc = f(p)
      // independent small strata, s = 1 .. small − 1
      for (let s = 1; s < small; s++) {
        let part = 0
        for (let r = 0; r < repeats; r++) {
          let w = 0
          // partial Fisher–Yates over the others (member i excluded by swapping it to the end)
          let taken = 0
          for (let t = 0; taken < s; t++) {
            const j = t + Math.floor(random() * (m - t))
            const pick = pool[j]!
            pool[j] = pool[t]!
            pool[t] = pick
            if (pick === i) continue
            w += pops[pick]!
            taken++
          }
          part += f(w + p) - f(w) - control(i, s, w)
        }
        acc += part / repeats
      }
      // larger strata along the rotation: predecessors cyclically before b
      let w = 0
      for (let s = 1; s < m; s++) {
        let idx = b - s
        if (idx < 0) idx += m
        w += q[idx]!
        if (s >= small) acc += f(w + p) - f(w) - control(i, s, w)
      }
      est[i] = acc / m
    }
    for (let i = 0; i < m; i++) {
      sum[i]! += est[i]!
      sumSq[i]! += est[i]! * est[i]!
    }
    groups++
    if (groups >= minGroups && maxRelativeError(sum, sumSq, groups, baseline) < target) break
  }
  const standardError = Array.from(sum, (s, i) => standardErrorOf(s, sumSq[i]!, groups))
  // to the grid, then hand the grid residual to the largest estimates so the total is exactly c(N)
  let total = 0
  for (const p of pops) total += p
  const exactTotal = BigInt(grid(k, e, total))
  let estimatedTotal = 0
  for (const v of sum) estimatedTotal += v / groups
  const scale = estimatedTotal > 0 ? Number(exactTotal) / SCALE_GRID / estimatedTotal : 0
  const numerators = Array.from(sum, (s) => BigInt(Math.round((s / groups) * scale * SCALE_GRID)))
  let residual = exactTotal - numerators.reduce((x, y) => x + y, 0n)
  const byValue = Array.from({ length: m }, (_, i) => i).sort((x, y) => sum[y]! - sum[x]! || x - y)
  for (let r = 0; residual !== 0n; r = (r + 1) % m) {
    const step = residual > 0n ? 1n : -1n
    numerators[byValue[r]!]! += step
    residual -= step
  }
  return { shares: { numerators, denominator: BigInt(SCALE_GRID) }, standardError, groups }
}

function standardErrorOf(sum: number, sumSq: number, g: number): number {
  if (g < 2) return Infinity
  const mean = sum / g
  const variance = Math.max(0, (sumSq - g * mean * mean) / (g - 1))
  return Math.sqrt(variance / g)
}

function maxRelativeError(
  sum: Float64Array,
  sumSq: Float64Array,
  g: number,
  baseline: readonly number[],
): number {
  let worst = 0
  for (let i = 0; i < sum.length; i++) {
    const mean = sum[i]! / g + (baseline[i] ?? 0)
    if (mean <= 0) continue
    worst = Math.max(worst, standardErrorOf(sum[i]!, sumSq[i]!, g) / mean)
  }
  return worst
}

/** A component's Shapley value for one member in double precision (closed forms only; 0 for sampled). */
function roughShare(model: CoalitionModel, c: Component, u: number): number {
  const k = c.users.indexOf(u)
  if (k < 0) return 0
  if (c.kind === 'fixed') return Number(c.amount.n) / Number(c.amount.d) / c.users.length
  if (c.kind === 'variable') return Number(c.userCost[k]!.n) / Number(c.userCost[k]!.d)
  if (c.kind === 'airport') {
    // Littlechild–Owen in doubles
    const costs = c.userCost.map((v) => Number(v.n) / Number(v.d)).sort((a, b) => a - b)
    const own = Number(c.userCost[k]!.n) / Number(c.userCost[k]!.d)
    let acc = 0
    let prev = 0
    costs.forEach((v, r) => {
      if (v <= own && v !== prev) {
        acc += (v - prev) / (costs.length - r)
        prev = v
      }
    })
    return acc
  }
  void model
  return 0
}
