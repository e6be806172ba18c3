/**
 * Naive peers for tests and benchmarks: the Shapley value straight from its definition, over every
 * coalition of a tabulated game (2^n coalitions, exact rationals). Small n only.
 */
import { add, mul, rat, sub, ZERO, type Rational } from '../rational'
import type { TableGame } from './cost-game'

export function bruteForceShapley(game: TableGame): Rational[] {
  const n = game.n
  const fact = [1n]
  for (let i = 1; i <= n; i++) fact.push(fact[i - 1]! * BigInt(i))
  const costs = Array.from({ length: 2 ** n }, (_, mask) => game.cost(mask))
  const phi: Rational[] = new Array<Rational>(n).fill(ZERO)
  for (let mask = 0; mask < 2 ** n; mask++) {
    let size = 0
    for (let i = 0; i < n; i++) if (mask & (1 << i)) size++
    for (let i = 0; i < n; i++) {
      if (mask & (1 << i)) continue
      const w = rat(fact[size]! * fact[n - size - 1]!, fact[n]!)
      phi[i] = add(phi[i]!, mul(w, sub(costs[mask | (1 << i)]!, costs[mask]!)))
    }
  }
  return phi
}
