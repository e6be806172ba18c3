/**
 * The coalition cost model (提携費用モデル): what any subset S of the members would pay for the shared
 * systems on its own, c(S), described by components instead of a table of 2^n coalition costs.
 * It is the scenario's `coalitionModel` extension, validated here (the scenario schema keeps it as unknown).
 *
 * Component kinds (docs/fairness.md):
 * - `fixed`: a system used by a set of members; any coalition with at least one user pays `amount`.
 * - `airport`: a system sized for the largest need among its users (空港ゲーム); `levels` are capacities
 *   ascending, a need costs the first level whose `need` is ≥ it; c(S) = cost of the largest need in S.
 * - `variable`: per-member costs, c(S) = Σ_{i∈S} (perMember + perResident·人口 + Σ rate·metric).
 * - `scaleEconomy`: c(S) = k × (Σ_{i∈S} 人口)^exponent, 0 < exponent ≤ 1 (規模の経済, 逓減).
 */
import { z } from 'zod'
import { add, cmp, fromDecimal, mul, rat, type Rational } from '../rational'
import { formatPath, type InputIssue, type Result } from '../scenario/issues'
import type { Scenario } from '../scenario/schema'

const exactAmount = z.union([
  z.number().finite().nonnegative('must be ≥ 0'),
  z
    .string()
    .regex(
      /^\s*(\d+(\.\d*)?|\.\d+)\s*$|^\s*\d+\s*\/\s*[1-9]\d*\s*$/,
      'expected a decimal or "a/b"',
    ),
])
const codeList = z.array(z.string()).min(1, 'must name at least one member')
const base = { id: z.string().min(1), name: z.string().optional(), members: codeList.optional() }

const fixedSchema = z.object({ kind: z.literal('fixed'), ...base, amount: exactAmount }).strict()

const airportSchema = z
  .object({
    kind: z.literal('airport'),
    ...base,
    levels: z
      .array(
        z
          .object({ need: z.number().finite().nonnegative('must be ≥ 0'), cost: exactAmount })
          .strict(),
      )
      .min(1, 'at least one level'),
    needs: z.union([
      z.literal('population'),
      z.record(z.string(), z.number().finite().nonnegative('need must be ≥ 0 (negative need)')),
    ]),
  })
  .strict()

const variableSchema = z
  .object({
    kind: z.literal('variable'),
    ...base,
    perMember: exactAmount.optional(),
    perResident: exactAmount.optional(),
    perMetric: z.record(z.string(), exactAmount).optional(),
  })
  .strict()

const scaleEconomySchema = z
  .object({
    kind: z.literal('scaleEconomy'),
    ...base,
    k: z.number().finite().positive('k must be > 0'),
    exponent: z
      .number()
      .gt(0, 'exponent must be in (0, 1]: > 0')
      .lte(1, 'exponent must be in (0, 1]: ≤ 1'),
  })
  .strict()

export const coalitionModelSchema = z
  .object({
    description: z.string().optional(),
    components: z
      .array(
        z.discriminatedUnion('kind', [
          fixedSchema,
          airportSchema,
          variableSchema,
          scaleEconomySchema,
        ]),
      )
      .min(1, 'at least one component'),
  })
  .strict()

/** A member as the cost game sees it. */
export interface GameMember {
  code: string
  name: string
  population: number
}

interface ComponentBase {
  id: string
  name: string
  /** indices into `members` of the users, ascending */
  users: number[]
}
/** 共通固定費 */
export interface FixedComponent extends ComponentBase {
  kind: 'fixed'
  amount: Rational
}
/** 空港ゲーム型: sized for the largest need */
export interface AirportComponent extends ComponentBase {
  kind: 'airport'
  /** the level cost of each user's need, aligned with `users` */
  userCost: Rational[]
  /** the need of each user, aligned with `users` */
  userNeed: number[]
}
/** 変動費 (per member) */
export interface VariableComponent extends ComponentBase {
  kind: 'variable'
  /** aligned with `users` */
  userCost: Rational[]
}
/** 規模の経済: k·P^e */
export interface ScaleEconomyComponent extends ComponentBase {
  kind: 'scaleEconomy'
  k: number
  exponent: number
}
export type Component =
  FixedComponent | AirportComponent | VariableComponent | ScaleEconomyComponent

export interface CoalitionModel {
  members: GameMember[]
  components: Component[]
}

/**
 * Scale-economy values are computed as k·P^e in double precision and rounded to the nearest multiple of
 * 2^−20 yen (under one micro-yen); that grid value is exact from then on (like the scenario's
 * scaledPopulation driver, "computed in double precision, then treated as exact").
 */
export const SCALE_GRID_BITS = 20
export const SCALE_GRID = 2 ** SCALE_GRID_BITS
/** k·P^e on the grid, as an integer number of 2^−20 yen (an exact integer-valued double). */
export const scaleGridUnits = (k: number, exponent: number, population: number): number =>
  population === 0 ? 0 : Math.round(k * Math.pow(population, exponent) * SCALE_GRID)
export const scaleValue = (k: number, exponent: number, population: number): Rational =>
  rat(BigInt(scaleGridUnits(k, exponent, population)), BigInt(SCALE_GRID))

const at = (path: ReadonlyArray<PropertyKey>) => formatPath(['coalitionModel', ...path])

/** Validate the scenario's `coalitionModel` against its members; every problem has a field path. */
export function parseCoalitionModel(scenario: Scenario): Result<CoalitionModel> {
  return parseCoalitionModelFor(
    scenario.coalitionModel,
    scenario.members.map((m) => ({
      code: m.code,
      name: m.name,
      population: m.population,
      metrics: m.metrics ?? {},
    })),
  )
}

export function parseCoalitionModelFor(
  raw: unknown,
  members: Array<GameMember & { metrics?: Record<string, number> }>,
): Result<CoalitionModel> {
  if (raw === undefined)
    return {
      ok: false,
      issues: [
        { path: 'coalitionModel', message: '提携費用モデルがありません (no coalitionModel)' },
      ],
    }
  const parsed = coalitionModelSchema.safeParse(raw)
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: at(i.path), message: i.message })),
    }
  const issues: InputIssue[] = []
  const indexOf = new Map(members.map((m, i) => [m.code, i]))
  const ids = new Map<string, number>()
  const components: Component[] = []
  parsed.data.components.forEach((c, ci) => {
    const p = (...rest: PropertyKey[]) => at(['components', ci, ...rest])
    const first = ids.get(c.id)
    if (first !== undefined)
      issues.push({
        path: p('id'),
        message: `部品ID "${c.id}" が重複しています (duplicate component id, first at components[${first}])`,
      })
    ids.set(c.id, ci)
    let users: number[]
    if (c.members) {
      const seen = new Set<number>()
      c.members.forEach((code, k) => {
        const idx = indexOf.get(code)
        if (idx === undefined)
          issues.push({
            path: p('members', k),
            message: `未登録の団体コード ${code} (unknown member)`,
          })
        else if (seen.has(idx))
          issues.push({
            path: p('members', k),
            message: `団体コード ${code} が重複しています (duplicate)`,
          })
        else seen.add(idx)
      })
      users = [...seen].sort((a, b) => a - b)
    } else users = members.map((_, i) => i)
    const name = c.name ?? c.id
    if (c.kind === 'fixed') {
      components.push({ kind: 'fixed', id: c.id, name, users, amount: fromDecimal(c.amount) })
    } else if (c.kind === 'scaleEconomy') {
      components.push({ kind: 'scaleEconomy', id: c.id, name, users, k: c.k, exponent: c.exponent })
    } else if (c.kind === 'variable') {
      const perMember = c.perMember === undefined ? rat(0) : fromDecimal(c.perMember)
      const perResident = c.perResident === undefined ? rat(0) : fromDecimal(c.perResident)
      const rates = Object.entries(c.perMetric ?? {}).map(
        ([metric, r]) => [metric, fromDecimal(r)] as const,
      )
      const userCost = users.map((u) => {
        const m = members[u]!
        let v = add(perMember, mul(perResident, rat(m.population)))
        for (const [metric, r] of rates) {
          const value = m.metrics?.[metric]
          if (value === undefined) {
            issues.push({
              path: p('perMetric', metric),
              message: `${m.name} (${m.code}) に指標 "${metric}" がありません (missing metric)`,
            })
            continue
          }
          v = add(v, mul(r, fromDecimal(value)))
        }
        return v
      })
      components.push({ kind: 'variable', id: c.id, name, users, userCost })
    } else {
      const levels = c.levels
      levels.forEach((l, k) => {
        if (k > 0 && l.need <= levels[k - 1]!.need)
          issues.push({
            path: p('levels', k, 'need'),
            message: '容量は昇順に並べてください (levels must ascend by need)',
          })
        if (k > 0 && cmp(fromDecimal(l.cost), fromDecimal(levels[k - 1]!.cost)) < 0)
          issues.push({
            path: p('levels', k, 'cost'),
            message: '大きい容量ほど費用は下がりません (cost must not decrease with need)',
          })
      })
      let needOf: (u: number) => number | undefined
      if (c.needs === 'population') needOf = (u) => members[u]!.population
      else {
        const needs = c.needs
        for (const code of Object.keys(needs))
          if (!indexOf.has(code))
            issues.push({
              path: p('needs', code),
              message: `未登録の団体コード ${code} (unknown member)`,
            })
        if (!c.members) users = users.filter((u) => needs[members[u]!.code] !== undefined)
        needOf = (u) => needs[members[u]!.code]
      }
      const userNeed: number[] = []
      const userCost: Rational[] = []
      for (const u of users) {
        const need = needOf(u)
        const m = members[u]!
        if (need === undefined) {
          issues.push({
            path: p('needs', m.code),
            message: `${m.name} (${m.code}) の需要がありません (missing need)`,
          })
          continue
        }
        const level = levels.find((l) => l.need >= need)
        if (!level) {
          issues.push({
            path: c.needs === 'population' ? p('needs') : p('needs', m.code),
            message: `${m.name} (${m.code}) の需要 ${need} が最大容量 ${levels.at(-1)!.need} を超えます (need above the largest level)`,
          })
          continue
        }
        userNeed.push(need)
        userCost.push(fromDecimal(level.cost))
      }
      components.push({ kind: 'airport', id: c.id, name, users, userCost, userNeed })
    }
  })
  if (issues.length) return { ok: false, issues }
  return {
    ok: true,
    value: {
      members: members.map(({ code, name, population }) => ({ code, name, population })),
      components,
    },
  }
}
