import { fromDecimal, fromDouble, lcm, ONE, rat, type Rational } from '../rational'
import type { CostItem, Member } from '../scenario/schema'
import { ruleWeights } from '../scenario/validate'
import { trafficUnits, type TrafficAggregate } from './traffic-driver'

export type DriverKey = 'equal' | 'population' | 'scaledPopulation' | 'traffic' | 'metric' | 'fixed'

/** Japanese names of the drivers as planners say them. */
export const DRIVER_LABELS: Record<DriverKey, string> = {
  equal: '均等割',
  population: '人口割',
  scaledPopulation: '人口割（逓減）',
  traffic: '利用実績割',
  metric: '指標割',
  fixed: '固定割合',
}

/**
 * One weighted driver of a cost item, evaluated for its participants.
 * values[i] / total is participant i's part of this driver; `integers` are the same values over a common
 * denominator (so integers[i] / integerTotal = values[i] / total exactly).
 */
export interface DriverColumn {
  key: DriverKey
  label: string
  /** metric name, traffic basis/unit, or exponent */
  detail?: string
  weight: Rational
  values: Rational[]
  integers: bigint[]
  integerTotal: bigint
  /** Σ values, exact */
  total: Rational
}

export type DriverResult =
  { ok: true; columns: DriverColumn[] } | { ok: false; message: string; path: string }

function column(
  key: DriverKey,
  weight: Rational,
  values: Rational[],
  detail?: string,
): DriverColumn {
  let common = 1n
  for (const v of values) if (v.d !== 1n) common = lcm(common, v.d)
  const integers = values.map((v) => (v.d === common ? v.n : v.n * (common / v.d)))
  const integerTotal = integers.reduce((a, b) => a + b, 0n)
  return {
    key,
    label: DRIVER_LABELS[key],
    ...(detail === undefined ? {} : { detail }),
    weight,
    values,
    integers,
    integerTotal,
    total: rat(integerTotal, common),
  }
}

/** Evaluate every positive-weight driver of a cost item over its participants (in input order). */
/**
 * Columns already evaluated for a participant list, keyed by driver (and metric name / exponent).
 * Cost items over the same participants share them; pass one cache per allocation run.
 */
export type DriverCache = WeakMap<readonly Member[], Map<string, Omit<DriverColumn, 'weight'>>>

function cached(
  cache: DriverCache | undefined,
  participants: readonly Member[],
  key: string,
  weight: Rational,
  build: () => Omit<DriverColumn, 'weight'>,
): DriverColumn {
  if (!cache) return { ...build(), weight }
  let byKey = cache.get(participants)
  if (!byKey) cache.set(participants, (byKey = new Map()))
  let col = byKey.get(key)
  if (!col) byKey.set(key, (col = build()))
  return { ...col, weight }
}

export function evaluateDrivers(
  cost: CostItem,
  costIndex: number,
  participants: readonly Member[],
  traffic: TrafficAggregate | undefined,
  cache?: DriverCache,
): DriverResult {
  const at = `costs[${costIndex}].rule`
  const rule = cost.rule
  if (rule.fixed !== undefined) {
    const fixed = rule.fixed
    const values = participants.map((m) => {
      const share = Object.hasOwn(fixed, m.code) ? fixed[m.code] : undefined
      return share === undefined ? rat(0) : fromDecimal(share)
    })
    return { ok: true, columns: [column('fixed', rat(1), values)] }
  }
  const w = ruleWeights(rule)
  const columns: DriverColumn[] = []
  if (w.equal.n > 0n)
    columns.push(
      column(
        'equal',
        w.equal,
        participants.map(() => rat(1)),
      ),
    )
  if (w.population.n > 0n) {
    columns.push(
      column(
        'population',
        w.population,
        participants.map((m) => rat(m.population)),
      ),
    )
  }
  if (w.scaledPopulation.n > 0n && rule.scaledPopulation) {
    const e = rule.scaledPopulation.exponent
    columns.push(
      column(
        'scaledPopulation',
        w.scaledPopulation,
        participants.map((m) => fromDouble(Math.pow(m.population, e))),
        `人口^${e}`,
      ),
    )
  }
  if (w.traffic.n > 0n) {
    if (!traffic) {
      return {
        ok: false,
        path: `${at}.traffic`,
        message: `費目 "${cost.id}" は利用実績割ですが照会ログがありません (traffic logs required: pass --traffic or import them)`,
      }
    }
    const settings = {
      basis: cost.traffic?.basis ?? 'split',
      unit: cost.traffic?.unit ?? 'queries',
    } as const
    const units = trafficUnits(traffic, settings, new Set(participants.map((m) => m.code)))
    columns.push(
      column(
        'traffic',
        w.traffic,
        participants.map((m) => units.get(m.code) ?? rat(0)),
        `${settings.basis}/${settings.unit}`,
      ),
    )
  }
  for (const metric of w.metrics) {
    if (metric.weight.n === 0n) continue
    columns.push(
      cached(cache, participants, `metric:${metric.name}`, metric.weight, () =>
        column(
          'metric',
          ONE,
          participants.map((m) =>
            fromDecimal(
              m.metrics && Object.hasOwn(m.metrics, metric.name) ? m.metrics[metric.name]! : 0,
            ),
          ),
          metric.name,
        ),
      ),
    )
  }
  for (const c of columns) {
    if (c.integerTotal === 0n) {
      return {
        ok: false,
        path: `${at}.${c.key}`,
        message: `費目 "${cost.id}": ${c.label}${c.detail ? `(${c.detail})` : ''} の参加団体合計が0です (driver total over the participants is 0)`,
      }
    }
  }
  return { ok: true, columns }
}
