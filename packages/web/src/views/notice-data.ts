/**
 * 負担金通知 (a member's notice of its contribution): its share of every cost item with the rule in words, the
 * drivers (its value over the total), the rounding step, and the change from a previous scenario. Built from
 * the core's ShareExplanation, whether computed in the browser (xlsx) or returned by the API (the notice page,
 * where a member-role login only receives its own).
 */
import {
  formatInteger,
  formatPercent,
  formatYen,
  type AllocationOutput,
  type ShareExplanation,
} from '@warikan/core'

export interface NoticeLine {
  costId: string
  costName: string
  /** the item's total amount (yen) */
  amount: number
  rule: string
  /** the drivers in words, e.g. 人口割 90%: 32,096 / 328,123（9.782%） */
  drivers: string[]
  exactShareDecimal: string
  floor: number
  /** yen added by rounding (share − floor) */
  added: number
  share: number
  rounding: string
  /** place in the order of fractional parts (1 = largest) and the number of participants */
  rank: number
  participants: number
  /** the share in the previous scenario (undefined: no previous scenario, or the item is new) */
  previous?: number
}

export interface Notice {
  code: string
  name: string
  population?: number
  lines: NoticeLine[]
  total: number
  standaloneCost?: number
  savingsRate?: number
  meetsTarget?: boolean
  /** the previous scenario's title and this member's total there (undefined: not a member then) */
  previous?: { title: string; total?: number }
}

type MemberRow = AllocationOutput['members'][number]

/** "12/5" → 2.4; "32096" → 32096 (display only; the exact value stays in the explanation). */
const fractionValue = (f: string): number => {
  const [n, d] = f.split('/')
  return Number(n) / Number(d ?? 1)
}

/** A driver value in words: an integer with separators, else a decimal rounded for reading. */
const driverNumber = (f: string): string => {
  if (/^-?\d+$/.test(f)) return formatInteger(BigInt(f))
  const v = fractionValue(f)
  return `約 ${formatInteger(Math.round(v))}`
}

export function driverWords(e: ShareExplanation): string[] {
  return e.drivers.map((d) => {
    const label = d.detail ? `${d.label}（${d.detail}）` : d.label
    if (d.key === 'fixed') return `${label}: 定めた比率 ${formatPercent(fractionValue(d.ratio), 2)}`
    return `${label} ${formatPercent(fractionValue(d.weight), 0)}: ${driverNumber(d.value)} ／ ${driverNumber(d.total)}（${formatPercent(fractionValue(d.ratio), 3)}）`
  })
}

export function buildNotice(
  member: MemberRow,
  explanations: ShareExplanation[],
  options: {
    population?: number
    previous?: { title: string; member?: MemberRow }
  } = {},
): Notice {
  const lines: NoticeLine[] = explanations
    .filter((e) => e.participant)
    .map((e) => {
      const prev = options.previous?.member?.shares[e.costId]
      return {
        costId: e.costId,
        costName: e.costName,
        amount: e.amount,
        rule: e.rule,
        drivers: driverWords(e),
        exactShareDecimal: e.exactShareDecimal,
        floor: e.floor,
        added: e.share - e.floor,
        share: e.share,
        rounding: e.reason,
        rank: e.rank,
        participants: e.participants,
        ...(prev === undefined ? {} : { previous: prev }),
      }
    })
  return {
    code: member.code,
    name: member.name,
    ...(options.population === undefined ? {} : { population: options.population }),
    lines,
    total: member.total,
    ...(member.standaloneCost === undefined ? {} : { standaloneCost: member.standaloneCost }),
    ...(member.savingsRate === undefined ? {} : { savingsRate: member.savingsRate }),
    ...(member.meetsTarget === undefined ? {} : { meetsTarget: member.meetsTarget }),
    ...(options.previous
      ? {
          previous: {
            title: options.previous.title,
            ...(options.previous.member ? { total: options.previous.member.total } : {}),
          },
        }
      : {}),
  }
}

/** The summary sentence of a notice (also the first line of its xlsx sheet). */
export function noticeSummary(n: Notice): string {
  const parts = [`${n.name}（団体コード ${n.code}）の負担金は ${formatYen(n.total)} です。`]
  if (n.standaloneCost !== undefined && n.savingsRate !== undefined)
    parts.push(
      `単独導入費用 ${formatYen(n.standaloneCost)} に比べ ${formatYen(n.standaloneCost - n.total)}（${formatPercent(n.savingsRate)}）の削減です。`,
    )
  if (n.previous)
    parts.push(
      n.previous.total === undefined
        ? `比較する「${n.previous.title}」には参加していません。`
        : `「${n.previous.title}」の ${formatYen(n.previous.total)} から ${deltaWords(n.total - n.previous.total)}。`,
    )
  return parts.join('')
}

export const deltaWords = (d: number): string =>
  d === 0 ? '増減なし' : d > 0 ? `${formatYen(d)} の増` : `${formatYen(-d)} の減`
