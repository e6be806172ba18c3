import { formatYen } from '../format/ja'
import { rat, toDecimalString, toFractionString } from '../rational'
import type { Allocation, CostWorking } from './allocate'

export interface DriverExplanation {
  key: string
  label: string
  detail?: string
  /** weight as an exact fraction, e.g. "9/10" */
  weight: string
  /** this member's driver value (exact) */
  value: string
  /** the driver's total over the participants (exact) */
  total: string
  /** value / total, reduced */
  ratio: string
}

/** Why a member pays what it pays for one cost item. */
export interface ShareExplanation {
  costId: string
  costName: string
  amount: number
  code: string
  participant: boolean
  participants: number
  rule: string
  drivers: DriverExplanation[]
  /** exact share s(i), reduced fraction of yen */
  exactShare: string
  exactShareDecimal: string
  unit: number
  /** floor(s(i)/u)·u */
  floor: number
  /** s(i)/u − floor(s(i)/u) */
  fractionalPart: string
  /** position in the order of fractional parts (1 = largest), ties by ascending code */
  rank: number
  /** how many whole units the remainder R held */
  unitsHandedOut: number
  unitsAdded: number
  yenAdded: number
  share: number
  /** the rounding step in plain Japanese */
  reason: string
}

const pct = (n: bigint, d: bigint) => `${toDecimalString(rat(n * 100n, d), 4)}%`

export function describeRule(working: CostWorking): string {
  return working.columns
    .map((c) => {
      const name = c.detail && c.key !== 'scaledPopulation' ? `${c.label}(${c.detail})` : c.label
      return c.key === 'fixed' ? name : `${name} ${pct(c.weight.n, c.weight.d)}`
    })
    .join(' + ')
}

/** Explanations of one member's share in every cost item (non-participants included, with share 0). */
export function explainMember(allocation: Allocation, code: string): ShareExplanation[] {
  return allocation.workings.map((w) => explainShare(w, code))
}

export function explainShare(w: CostWorking, code: string): ShareExplanation {
  const i = w.participants.findIndex((m) => m.code === code)
  const unit = Number(w.unit)
  const base = {
    costId: w.cost.id,
    costName: w.cost.name,
    amount: w.cost.amount,
    code,
    participants: w.participants.length,
    rule: describeRule(w),
    unit,
    unitsHandedOut: Number(w.rounding.unitsHandedOut),
  }
  if (i < 0) {
    return {
      ...base,
      participant: false,
      drivers: [],
      exactShare: '0',
      exactShareDecimal: '0',
      floor: 0,
      fractionalPart: '0',
      rank: 0,
      unitsAdded: 0,
      yenAdded: 0,
      share: 0,
      reason: 'この費目の参加団体ではないため負担はありません (not a participant)',
    }
  }
  const step = w.rounding.steps[i]!
  const exact = rat(w.numerators[i]!, w.denominator)
  const drivers: DriverExplanation[] = w.columns.map((c) => ({
    key: c.key,
    label: c.label,
    ...(c.detail === undefined ? {} : { detail: c.detail }),
    weight: toFractionString(c.weight),
    value: toFractionString(c.values[i]!),
    total: toFractionString(c.total),
    ratio: toFractionString(rat(c.integers[i]!, c.integerTotal)),
  }))
  return {
    ...base,
    participant: true,
    drivers,
    exactShare: toFractionString(exact),
    exactShareDecimal: toDecimalString(exact, 6),
    floor: Number(step.floor),
    fractionalPart: toFractionString(rat(step.remainder, w.denominator * w.unit)),
    rank: step.rank,
    unitsAdded: step.unitsAdded,
    yenAdded: Number(step.yenAdded),
    share: Number(step.share),
    reason: roundingReason(
      w,
      step.rank,
      step.unitsAdded,
      Number(step.yenAdded),
      step.remainder === 0n,
    ),
  }
}

function roundingReason(
  w: CostWorking,
  rank: number,
  unitsAdded: number,
  yenAdded: number,
  exactlyWhole: boolean,
): string {
  const unitLabel = w.unit === 1n ? '1円' : `${formatYen(Number(w.unit))}`
  const units = Number(w.rounding.unitsHandedOut)
  const n = w.participants.length
  const parts: string[] = []
  if (exactlyWhole) parts.push(`端数なし（${unitLabel}単位で割り切れる）`)
  if (unitsAdded) {
    parts.push(
      `端数 ${units} 単位を端数の大きい順に配分し、${n} 団体中 ${rank} 位のため +${unitLabel}（最大剰余法、同順位は団体コード昇順）`,
    )
  } else if (!exactlyWhole) {
    parts.push(
      units === 0
        ? `切り捨てのみ（配分する端数単位なし）`
        : `端数 ${units} 単位の配分は上位 ${units} 団体まで。${n} 団体中 ${rank} 位のため加算なし`,
    )
  }
  if (yenAdded)
    parts.push(
      `${unitLabel}未満の残り ${formatYen(Number(w.rounding.leftoverYen))} から +${formatYen(yenAdded)}`,
    )
  return parts.join('。')
}
