/**
 * Evaluating c(S) for the coalition cost model: exactly (rationals) for reports and checks, and in double
 * precision for fast screening. Also a tabulated game (a cost for every coalition mask), used for tests
 * and hand-worked games that the component model cannot express (e.g. games with an empty core).
 */
import { add, ZERO, type Rational } from '../rational'
import {
  scaleGridUnits,
  scaleValue,
  SCALE_GRID,
  type CoalitionModel,
  type Component,
} from './coalition-model'

/** c_k(S) of one component, exactly. `inS[i]` tells whether model member i is in S. */
export function componentCost(
  model: CoalitionModel,
  c: Component,
  inS: (i: number) => boolean,
): Rational {
  switch (c.kind) {
    case 'fixed':
      return c.users.some(inS) ? c.amount : ZERO
    case 'airport': {
      let best: Rational = ZERO
      c.users.forEach((u, k) => {
        if (inS(u)) {
          const v = c.userCost[k]!
          if (v.n * best.d > best.n * v.d) best = v
        }
      })
      return best
    }
    case 'variable': {
      let s: Rational = ZERO
      c.users.forEach((u, k) => {
        if (inS(u)) s = add(s, c.userCost[k]!)
      })
      return s
    }
    case 'scaleEconomy': {
      let p = 0
      for (const u of c.users) if (inS(u)) p += model.members[u]!.population
      return scaleValue(c.k, c.exponent, p)
    }
  }
}

/** c(S) exactly, for S given as member indices. */
export function coalitionCost(model: CoalitionModel, members: Iterable<number>): Rational {
  const set = new Set(members)
  let total: Rational = ZERO
  for (const c of model.components)
    total = add(
      total,
      componentCost(model, c, (i) => set.has(i)),
    )
  return total
}

/** c({i}) for every member: the stand-alone cost derived from the model (単独費用). */
export const standaloneCosts = (model: CoalitionModel): Rational[] =>
  model.members.map((_, i) => coalitionCost(model, [i]))

/** c(N). */
export const grandCost = (model: CoalitionModel): Rational =>
  coalitionCost(
    model,
    model.members.map((_, i) => i),
  )

/** Double-precision view of the model, for tabulating and searching coalitions quickly. */
export interface FastComponent {
  kind: Component['kind']
  users: Int32Array
  /** per model member: the member's value for this component (cost level, variable cost, population) */
  value: Float64Array
  /** fixed amount, or k for scale economy */
  amount: number
  exponent: number
}

export function fastComponents(model: CoalitionModel): FastComponent[] {
  const n = model.members.length
  return model.components.map((c) => {
    const value = new Float64Array(n)
    let amount = 0
    let exponent = 1
    if (c.kind === 'fixed') amount = toDouble(c.amount)
    else if (c.kind === 'airport' || c.kind === 'variable')
      c.users.forEach((u, k) => (value[u] = toDouble(c.userCost[k]!)))
    else {
      amount = c.k
      exponent = c.exponent
      for (const u of c.users) value[u] = model.members[u]!.population
    }
    return { kind: c.kind, users: Int32Array.from(c.users), value, amount, exponent }
  })
}

export const toDouble = (r: Rational): number => Number(r.n) / Number(r.d)

/** k·P^e on the grid, as a double (what the exact value rounds to in double precision). */
export const scaleDouble = (k: number, e: number, p: number): number =>
  scaleGridUnits(k, e, p) / SCALE_GRID

/** A cost game given by a table: cost[mask] for every coalition of n ≤ 20 players (bit i = player i). */
export interface TableGame {
  n: number
  cost: (mask: number) => Rational
}

export const tableGame = (n: number, values: Rational[]): TableGame => {
  if (values.length !== 2 ** n) throw new RangeError('table must have 2^n entries')
  return { n, cost: (mask) => values[mask]! }
}

/** The model as a table game (small n only; for brute-force checks). */
export function modelAsTable(model: CoalitionModel): TableGame {
  const n = model.members.length
  return {
    n,
    cost: (mask) => {
      const members: number[] = []
      for (let i = 0; i < n; i++) if (mask & (1 << i)) members.push(i)
      return coalitionCost(model, members)
    },
  }
}
