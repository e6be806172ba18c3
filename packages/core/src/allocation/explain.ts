import { formatYen } from '../format/ja'
import { rat, toDecimalString, toFractionString } from '../rational'
import type { RoundingMethod } from '../scenario/schema'
import type { Allocation, CostWorking, SplitWorking } from './allocate'
import type { DriverColumn } from './drivers'

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

/** How one split (the whole item, a part, or one driver of a perPart rule) came to the member's figure. */
export interface SplitExplanation {
  /** the part's name (or the driver's, for perPart) */
  name?: string
  /** share of the item's net amount, exact fraction */
  weight: string
  /** the split's amount in yen (after rounding the part amounts) */
  amount: number
  participant: boolean
  participants: number
  rule: string
  drivers: DriverExplanation[]
  exactShare: string
  exactShareDecimal: string
  /** 端数処理: largestRemainder, floor, halfUp, ceil or unitPrice */
  method: RoundingMethod
  unit: number
  /** the member's own rounded figure (for largestRemainder: floor(s/u)·u) */
  floor: number
  /** unitPrice: the unit price p, exact decimal */
  unitPrice?: string
  /** the 端数調整団体 of this split (code) */
  adjuster?: string
  /** what the adjuster absorbed: its share − its own rounded figure (yen) */
  adjusterAbsorbed?: number
  share: number
  reason: string
}

/** Why a member pays what it pays for one cost item. */
export interface ShareExplanation {
  costId: string
  costName: string
  /** gross amount */
  amount: number
  /** 特定財源: each deduction (only where the item has them) */
  deductions?: Array<{ name: string; amount: number }>
  /** amount − deductions: what is split (only where the item has deductions) */
  net?: number
  code: string
  participant: boolean
  participants: number
  rule: string
  drivers: DriverExplanation[]
  /** exact share s(i), reduced fraction of yen */
  exactShare: string
  exactShareDecimal: string
  /** 端数処理 of the item (for parts: each part's in `parts`) */
  method: RoundingMethod
  unit: number
  /** floor(s(i)/u)·u, or the member's own rounded figure under another method */
  floor: number
  /** s(i)/u − floor(s(i)/u) */
  fractionalPart: string
  /** position in the order of fractional parts (1 = largest), ties by ascending code; 0 when not ranked */
  rank: number
  /** how many whole units the remainder R held */
  unitsHandedOut: number
  unitsAdded: number
  yenAdded: number
  /** unitPrice: the unit price p, exact decimal */
  unitPrice?: string
  /** the 端数調整団体 (code) */
  adjuster?: string
  /** what the adjuster absorbed (yen) */
  adjusterAbsorbed?: number
  /** the item's splits: its parts, or one per driver under perPart (items with more than one split) */
  parts?: SplitExplanation[]
  share: number
  /** the rounding step in plain Japanese */
  reason: string
}

/** One of a member's adjustments (精算額・加算・減算), as given in the scenario. */
export interface AdjustmentExplanation {
  amount: number
  reason?: string
}

const pct = (n: bigint, d: bigint) => `${toDecimalString(rat(n * 100n, d), 4)}%`

const describeColumns = (columns: readonly DriverColumn[]) =>
  columns
    .map((c) => {
      const name = c.detail && c.key !== 'scaledPopulation' ? `${c.label}(${c.detail})` : c.label
      return c.key === 'fixed' ? name : `${name} ${pct(c.weight.n, c.weight.d)}`
    })
    .join(' + ')

export function describeRule(working: CostWorking): string {
  if (working.splits.length <= 1) return describeColumns(working.columns)
  return working.splits
    .map(
      (s) => `${s.name ?? '部分'} ${pct(s.weight.n, s.weight.d)}（${describeColumns(s.columns)}）`,
    )
    .join(' + ')
}

/** Japanese names of the rounding units. */
export const UNIT_LABELS: Readonly<Record<number, string>> = {
  1: '1円',
  10: '10円',
  100: '百円',
  1000: '千円',
  10000: '万円',
}
const unitLabel = (unit: number | bigint) => UNIT_LABELS[Number(unit)] ?? formatYen(unit)

/** Japanese names of the rounding methods. */
export const METHOD_LABELS: Readonly<Record<RoundingMethod, string>> = {
  largestRemainder: '最大剰余法',
  floor: '切捨て',
  halfUp: '四捨五入',
  ceil: '切上げ',
  unitPrice: '単価方式',
}

/** Explanations of one member's share in every cost item (non-participants included, with share 0). */
export function explainMember(allocation: Allocation, code: string): ShareExplanation[] {
  return allocation.workings.map((w) => explainShare(w, code))
}

/** A member's adjustments with their reasons (empty when it has none). */
export function explainAdjustments(allocation: Allocation, code: string): AdjustmentExplanation[] {
  return allocation.adjustments
    .filter((a) => a.code === code)
    .map((a) => ({ amount: a.amount, ...(a.reason === undefined ? {} : { reason: a.reason }) }))
}

const driverRows = (columns: readonly DriverColumn[], i: number): DriverExplanation[] =>
  columns.map((c) => ({
    key: c.key,
    label: c.label,
    ...(c.detail === undefined ? {} : { detail: c.detail }),
    weight: toFractionString(c.weight),
    value: toFractionString(c.values[i]!),
    total: toFractionString(c.total),
    ratio: toFractionString(rat(c.integers[i]!, c.integerTotal)),
  }))

export function explainShare(w: CostWorking, code: string): ShareExplanation {
  const i = w.participants.findIndex((m) => m.code === code)
  const unit = Number(w.unit)
  const plain = w.splits.length === 1 ? w.splits[0]! : undefined
  const base = {
    costId: w.cost.id,
    costName: w.cost.name,
    amount: w.cost.amount,
    ...(w.cost.deductions === undefined
      ? {}
      : {
          deductions: w.cost.deductions.map((d) => ({ name: d.name, amount: d.amount })),
          net: Number(w.net),
        }),
    code,
    participants: w.participants.length,
    rule: describeRule(w),
    method: plain?.rounding.method ?? ('largestRemainder' as RoundingMethod),
    unit: plain ? plain.rounding.unit : unit,
    unitsHandedOut: Number(plain?.remainder?.unitsHandedOut ?? 0n),
  }
  const splits = w.splits.length > 1 ? w.splits.map((s) => explainSplit(s, code)) : undefined
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
  const exact = rat(w.numerators[i]!, w.denominator)
  const share = Number(w.shares[i]!)
  if (splits) {
    return {
      ...base,
      participant: true,
      drivers: [],
      exactShare: toFractionString(exact),
      exactShareDecimal: toDecimalString(exact, 6),
      floor: splits.reduce((a, s) => a + s.floor, 0),
      fractionalPart: '0',
      rank: 0,
      unitsAdded: 0,
      yenAdded: 0,
      parts: splits,
      share,
      reason: `${splits.length} 区分の負担額の合計: ${splits
        .map((s) => `${s.name ?? '部分'} ${formatYen(s.share)}`)
        .join(' + ')}`,
    }
  }
  const split = plain!
  const detail = explainSplit(split, code)
  const step = split.remainder?.steps[i]
  const u = BigInt(split.rounding.unit)
  const remainder = w.numerators[i]! % (w.denominator * u)
  return {
    ...base,
    participant: true,
    drivers: driverRows(w.columns, i),
    exactShare: toFractionString(exact),
    exactShareDecimal: toDecimalString(exact, 6),
    floor: detail.floor,
    fractionalPart: toFractionString(rat(remainder, w.denominator * u)),
    rank: step?.rank ?? 0,
    unitsAdded: step?.unitsAdded ?? 0,
    yenAdded: Number(step?.yenAdded ?? 0n),
    ...(detail.unitPrice === undefined ? {} : { unitPrice: detail.unitPrice }),
    ...(detail.adjuster === undefined
      ? {}
      : { adjuster: detail.adjuster, adjusterAbsorbed: detail.adjusterAbsorbed! }),
    share,
    reason: detail.reason,
  }
}

function explainSplit(s: SplitWorking, code: string): SplitExplanation {
  const i = s.participants.findIndex((m) => m.code === code)
  const r = s.rounding
  const base = {
    ...(s.name === undefined ? {} : { name: s.name }),
    weight: toFractionString(s.weight),
    amount: Number(s.amount),
    participants: s.participants.length,
    rule: describeColumns(s.columns),
    method: r.method,
    unit: r.unit,
    ...(s.adjusted?.unitPrice === undefined
      ? {}
      : { unitPrice: toDecimalString(s.adjusted.unitPrice, r.priceDecimals) }),
    ...(s.adjusted === undefined
      ? {}
      : {
          adjuster: s.participants[s.adjusted.adjusterIndex]!.code,
          adjusterAbsorbed: Number(s.adjusted.absorbed),
        }),
  }
  if (i < 0)
    return {
      ...base,
      participant: false,
      drivers: [],
      exactShare: '0',
      exactShareDecimal: '0',
      floor: 0,
      share: 0,
      reason:
        s.part === undefined
          ? 'この区分の参加団体ではありません (not a participant of this part)'
          : `${s.name ?? `parts[${s.part}]`} の参加団体ではありません (not a participant of this part)`,
    }
  const exact = rat(s.numerators[i]!, s.denominator)
  const share = s.shares[i]!
  let floor: bigint
  let reason: string
  if (s.remainder) {
    const step = s.remainder.steps[i]!
    floor = step.floor
    reason = roundingReason(
      s.remainder,
      s.participants.length,
      BigInt(r.unit),
      step.rank,
      step.unitsAdded,
      Number(step.yenAdded),
      step.remainder === 0n,
    )
  } else {
    const adjusted = s.adjusted!
    floor = adjusted.rounded[i]!
    const adjuster = s.participants[adjusted.adjusterIndex]!
    const how =
      r.method === 'unitPrice'
        ? `単価 ${toDecimalString(adjusted.unitPrice!, r.priceDecimals)} 円 × ${toFractionString(s.columns[0]!.values[i]!)} を${unitLabel(r.unit)}未満切捨て ${formatYen(floor)}`
        : `${unitLabel(r.unit)}未満${METHOD_LABELS[r.method]} ${formatYen(floor)}`
    const chosen = r.adjuster === 'largestShare' ? '（按分額が最大の団体）' : ''
    reason =
      i === adjusted.adjusterIndex
        ? `${how}。端数調整団体${chosen}として残りを負担: ${formatYen(s.amount)} − 他団体の合計 ${formatYen(s.amount - share)} = ${formatYen(share)}（調整額 ${adjusted.absorbed >= 0n ? '+' : ''}${formatYen(adjusted.absorbed)}）`
        : `${how}（端数は ${adjuster.name} (${adjuster.code}) で調整${chosen}）`
  }
  return {
    ...base,
    participant: true,
    drivers: driverRows(s.columns, i),
    exactShare: toFractionString(exact),
    exactShareDecimal: toDecimalString(exact, 6),
    floor: Number(floor),
    share: Number(share),
    reason,
  }
}

function roundingReason(
  outcome: { unitsHandedOut: bigint; leftoverYen: bigint },
  n: number,
  unit: bigint,
  rank: number,
  unitsAdded: number,
  yenAdded: number,
  exactlyWhole: boolean,
): string {
  const label = unit === 1n ? '1円' : `${formatYen(Number(unit))}`
  const units = Number(outcome.unitsHandedOut)
  const parts: string[] = []
  if (exactlyWhole) parts.push(`端数なし（${label}単位で割り切れる）`)
  if (unitsAdded) {
    parts.push(
      `端数 ${units} 単位を端数の大きい順に配分し、${n} 団体中 ${rank} 位のため +${label}（最大剰余法、同順位は団体コード昇順）`,
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
      `${label}未満の残り ${formatYen(Number(outcome.leftoverYen))} から +${formatYen(yenAdded)}`,
    )
  return parts.join('。')
}
