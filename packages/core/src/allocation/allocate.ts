import { cmp, fromDecimal, lcm, rat, sub, type Rational } from '../rational'
import type { InputIssue, Result } from '../scenario/issues'
import type { CostItem, Member, Scenario } from '../scenario/schema'
import { evaluateDrivers, type DriverColumn } from './drivers'
import { largestRemainder, type RoundingOutcome } from './rounding'
import type { TrafficAggregate } from './traffic-driver'

export interface MemberAllocation {
  code: string
  name: string
  total: number
  shares: Record<string, number>
  standaloneCost?: number
  savingsRate?: number
  meetsTarget?: boolean
}

export interface CostAllocation {
  id: string
  amount: number
  allocated: number
}

/** The output of `warikan allocate --format json` (scenario-format.md). */
export interface AllocationOutput {
  total: number
  members: MemberAllocation[]
  costs: CostAllocation[]
}

/** Everything needed to explain one cost item's split, kept alongside the output. */
export interface CostWorking {
  cost: CostItem
  costIndex: number
  participants: Member[]
  columns: DriverColumn[]
  /** exact share of participant i = numerators[i] / denominator */
  numerators: bigint[]
  denominator: bigint
  unit: bigint
  rounding: RoundingOutcome
}

export interface Allocation {
  output: AllocationOutput
  workings: CostWorking[]
}

export interface AllocateOptions {
  traffic?: TrafficAggregate
}

/** Exact allocation of every cost item (scenario-format.md, "Semantics"). */
export function allocate(scenario: Scenario, options: AllocateOptions = {}): Result<Allocation> {
  const unit = BigInt(scenario.rounding?.unit ?? 1)
  const totals = new Map<string, bigint>(scenario.members.map((m) => [m.code, 0n]))
  const shares = new Map<string, Record<string, number>>(scenario.members.map((m) => [m.code, {}]))
  const issues: InputIssue[] = []
  const workings: CostWorking[] = []
  const costs: CostAllocation[] = []

  scenario.costs.forEach((cost, costIndex) => {
    const subset = cost.members ? new Set(cost.members) : undefined
    const participants = subset
      ? scenario.members.filter((m) => subset.has(m.code))
      : scenario.members
    const drivers = evaluateDrivers(cost, costIndex, participants, options.traffic)
    if (!drivers.ok) {
      issues.push({ path: drivers.path, message: drivers.message })
      return
    }
    const working = splitCost(cost, costIndex, participants, drivers.columns, unit)
    workings.push(working)
    const participantShare = new Map<string, bigint>()
    working.rounding.steps.forEach((step, i) =>
      participantShare.set(participants[i]!.code, step.share),
    )
    let allocated = 0n
    for (const m of scenario.members) {
      const share = participantShare.get(m.code) ?? 0n
      shares.get(m.code)![cost.id] = Number(share)
      totals.set(m.code, totals.get(m.code)! + share)
      allocated += share
    }
    costs.push({ id: cost.id, amount: cost.amount, allocated: Number(allocated) })
  })
  if (issues.length) return { ok: false, issues }

  const minRate =
    scenario.target?.minSavingsRate === undefined
      ? undefined
      : fromDecimal(scenario.target.minSavingsRate)
  const members: MemberAllocation[] = scenario.members.map((m) => {
    const total = Number(totals.get(m.code)!)
    const out: MemberAllocation = { code: m.code, name: m.name, total, shares: shares.get(m.code)! }
    if (m.standaloneCost !== undefined && m.standaloneCost > 0) {
      out.standaloneCost = m.standaloneCost
      out.savingsRate = (m.standaloneCost - total) / m.standaloneCost
      if (minRate !== undefined) out.meetsTarget = meetsTarget(m.standaloneCost, total, minRate)
    }
    return out
  })
  const total = members.reduce((a, m) => a + m.total, 0)
  return { ok: true, value: { output: { total, members, costs }, workings } }
}

/** savingsRate ≥ minSavingsRate, decided exactly: (standalone − total)/standalone ≥ r. */
export function meetsTarget(standaloneCost: number, total: number, minRate: Rational): boolean {
  const rate = rat(BigInt(standaloneCost) - BigInt(total), BigInt(standaloneCost))
  return cmp(rate, minRate) >= 0
}

/** The exact saving rate as a rational (for fairness checks). */
export const savingsRateExact = (standaloneCost: number, total: number): Rational =>
  sub(rat(1), rat(BigInt(total), BigInt(standaloneCost)))

function splitCost(
  cost: CostItem,
  costIndex: number,
  participants: Member[],
  columns: DriverColumn[],
  unit: bigint,
): CostWorking {
  const amount = BigInt(cost.amount)
  // s(i) = A Σ_k (p_k/q_k)·a_k(i)/S_k = N(i)/M with M = lcm_k(q_k·S_k).
  let denominator = 1n
  for (const c of columns) denominator = lcm(denominator, c.weight.d * c.integerTotal)
  const factors = columns.map(
    (c) => amount * c.weight.n * (denominator / (c.weight.d * c.integerTotal)),
  )
  const numerators = participants.map((_, i) => {
    let n = 0n
    for (let k = 0; k < columns.length; k++) n += factors[k]! * columns[k]!.integers[i]!
    return n
  })
  const rounding = largestRemainder({
    amount,
    unit,
    numerators,
    denominator,
    codes: participants.map((m) => m.code),
  })
  return { cost, costIndex, participants, columns, numerators, denominator, unit, rounding }
}
