/**
 * 版の差分: what changed between two versions of a scenario document, in the planner's words
 * (「人口: 葉山町 32,096 → 33,000」「費目を追加: 窓口端末（¥5,000,000）」), and the versions themselves read
 * from the audit trail (each create / update entry carries the document it wrote).
 */
import {
  formatDateJa,
  formatInteger,
  formatPercent,
  formatYen,
  formatYenDelta,
  METHOD_LABELS,
  fromDecimal,
  toNumber,
  type ScenarioInput,
} from '@warikan/core'
import type { AuditEntry } from '../api-client'
import { metricLabel } from './labels'

type Json = Record<string, unknown>

export interface Version {
  version: number
  title: string
  at: string
  actor: string
  action: string
  document: ScenarioInput
}

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Versions, newest first, from the audit entries of one scenario (newest first). A copied scenario's first
 * version has no document in its entry: it is the document the first update replaced (or the current one).
 */
export function versionsFromAudit(entries: AuditEntry[], current: ScenarioInput): Version[] {
  const out = new Map<number, Version>()
  const oldestFirst = [...entries].reverse()
  for (const e of oldestFirst) {
    const after = isObj(e.after) ? e.after : undefined
    const before = isObj(e.before) ? e.before : undefined
    const base = { at: e.at, actor: e.actor, action: e.action }
    if (after && typeof after.version === 'number' && isObj(after.document))
      out.set(after.version, {
        ...base,
        version: after.version,
        title: String(after.title ?? ''),
        document: after.document as unknown as ScenarioInput,
      })
    else if (after && typeof after.version === 'number')
      out.set(after.version, {
        ...base,
        version: after.version,
        title: String(after.title ?? ''),
        document: current,
      })
    // an update's `before` is the exact document of the version it replaced (fills a copy's v1)
    if (before && typeof before.version === 'number' && isObj(before.document)) {
      const v = out.get(before.version)
      if (v) v.document = before.document as unknown as ScenarioInput
    }
  }
  return [...out.values()].sort((a, b) => b.version - a.version)
}

const weightText = (v: unknown): string => {
  try {
    return formatPercent(toNumber(fromDecimal(v as number | string)), 1)
  } catch {
    return String(v)
  }
}

const DRIVERS: Array<[string, string]> = [
  ['equal', '均等割'],
  ['population', '人口割'],
  ['traffic', '利用実績割'],
]

/** A rule in words: 「均等割 10.0% ＋ 人口割 90.0%」. */
export function ruleText(rule: Json | undefined): string {
  if (!rule) return '部分ごとの按分（parts）'
  if (isObj(rule.fixed))
    return `固定割合（${Object.entries(rule.fixed)
      .map(([k, v]) => `${k} ${weightText(v)}`)
      .join('、')}）`
  const parts: string[] = []
  for (const [k, label] of DRIVERS)
    if (isObj(rule[k])) parts.push(`${label}（区分別） ${weightText((rule[k] as Json).weight)}`)
    else if (rule[k] !== undefined) parts.push(`${label} ${weightText(rule[k])}`)
  if (isObj(rule.scaledPopulation))
    parts.push(
      `人口割（逓減、指数 ${String(rule.scaledPopulation.exponent)}） ${weightText(rule.scaledPopulation.weight)}`,
    )
  const metric = rule.metric
  for (const m of metric === undefined ? [] : Array.isArray(metric) ? metric : [metric])
    if (isObj(m)) parts.push(`指標割（${metricLabel(String(m.name))}） ${weightText(m.weight)}`)
  return parts.join(' ＋ ') || '（按分方法なし）'
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)
const yenOr = (v: unknown) => (typeof v === 'number' ? formatYen(v) : 'なし')

/** The changes from document `a` to document `b`, one sentence each. */
export function documentDiff(
  a: ScenarioInput,
  b: ScenarioInput,
  titles?: [string, string],
): string[] {
  const out: string[] = []
  if (titles && titles[0] !== titles[1]) out.push(`題名: 「${titles[0]}」→「${titles[1]}」`)
  if (a.populationDate !== b.populationDate)
    out.push(
      `人口の基準日: ${a.populationDate ? formatDateJa(a.populationDate) : 'なし'} → ${b.populationDate ? formatDateJa(b.populationDate) : 'なし'}`,
    )
  const am = new Map(a.members.map((m) => [m.code, m as unknown as Json]))
  const bm = new Map(b.members.map((m) => [m.code, m as unknown as Json]))
  for (const [code, m] of bm)
    if (!am.has(code))
      out.push(
        `構成団体を追加: ${String(m.name)}（${code}、人口 ${formatInteger(Number(m.population))}）`,
      )
  for (const [code, m] of am)
    if (!bm.has(code)) out.push(`構成団体を削除: ${String(m.name)}（${code}）`)
  for (const [code, x] of am) {
    const y = bm.get(code)
    if (!y) continue
    const who = String(y.name)
    if (x.name !== y.name) out.push(`団体名: ${String(x.name)} → ${String(y.name)}（${code}）`)
    if (x.kind !== y.kind)
      out.push(`種別: ${who} ${String(x.kind ?? 'なし')} → ${String(y.kind ?? 'なし')}`)
    if (x.population !== y.population)
      out.push(
        `人口: ${who} ${formatInteger(Number(x.population))} → ${formatInteger(Number(y.population))}`,
      )
    if (x.standaloneCost !== y.standaloneCost)
      out.push(`単独導入費用: ${who} ${yenOr(x.standaloneCost)} → ${yenOr(y.standaloneCost)}`)
    const xm = (x.metrics ?? {}) as Json
    const ym = (y.metrics ?? {}) as Json
    for (const k of new Set([...Object.keys(xm), ...Object.keys(ym)]))
      if (xm[k] !== ym[k])
        out.push(
          `${metricLabel(k)}: ${who} ${String(xm[k] ?? 'なし')} → ${String(ym[k] ?? 'なし')}`,
        )
  }
  const ac = new Map(a.costs.map((c) => [c.id, c as unknown as Json]))
  const bc = new Map(b.costs.map((c) => [c.id, c as unknown as Json]))
  for (const [id, c] of bc)
    if (!ac.has(id))
      out.push(`費目を追加: ${String(c.name)}（${yenOr(c.amount)}、${ruleText(c.rule as Json)}）`)
  for (const [id, c] of ac)
    if (!bc.has(id)) out.push(`費目を削除: ${String(c.name)}（${yenOr(c.amount)}）`)
  for (const [id, x] of ac) {
    const y = bc.get(id)
    if (!y) continue
    const what = `費目「${String(y.name)}」`
    if (x.name !== y.name) out.push(`費目名: 「${String(x.name)}」→「${String(y.name)}」`)
    if (x.amount !== y.amount) out.push(`金額: ${what} ${yenOr(x.amount)} → ${yenOr(y.amount)}`)
    if (!same(x.rule, y.rule))
      out.push(`按分方法: ${what} ${ruleText(x.rule as Json)} → ${ruleText(y.rule as Json)}`)
    if (!same(x.parts, y.parts))
      out.push(`部分（parts）: ${what} ${partsText(x)} → ${partsText(y)}`)
    if (!same(x.rounding, y.rounding))
      out.push(`端数処理: ${what} ${roundingText(x.rounding)} → ${roundingText(y.rounding)}`)
    if (!same(x.deductions, y.deductions))
      out.push(`特定財源の控除: ${what} ${deductionsText(x)} → ${deductionsText(y)}`)
    if (!same(x.traffic, y.traffic)) out.push(`利用実績の数え方: ${what} を変更`)
    if (!same(x.members, y.members)) {
      const names = new Map(b.members.map((m) => [m.code, m.name]))
      const list = (v: unknown) =>
        Array.isArray(v) ? v.map((c) => names.get(String(c)) ?? String(c)).join('・') : '全団体'
      out.push(`参加団体: ${what} ${list(x.members)} → ${list(y.members)}`)
    }
  }
  if (!same(a.rounding, b.rounding))
    out.push(`端数処理の単位: ${a.rounding?.unit ?? 1} 円 → ${b.rounding?.unit ?? 1} 円`)
  if (!same(a.adjustments, b.adjustments)) {
    const names = new Map(b.members.map((m) => [m.code, m.name]))
    const text = (v: typeof a.adjustments) =>
      v?.length
        ? v
            .map(
              (x) =>
                `${names.get(x.code) ?? x.code} ${formatYenDelta(x.amount)}${x.reason ? `（${x.reason}）` : ''}`,
            )
            .join('、')
        : 'なし'
    out.push(`加算・減算: ${text(a.adjustments)} → ${text(b.adjustments)}`)
  }
  if (!same(a.target, b.target))
    out.push(
      `削減率目標: ${a.target?.minSavingsRate === undefined ? 'なし' : formatPercent(a.target.minSavingsRate, 0)} → ${b.target?.minSavingsRate === undefined ? 'なし' : formatPercent(b.target.minSavingsRate, 0)}`,
    )
  for (const key of ['services', 'patterns', 'coalitionModel', 'description'] as const)
    if (!same(a[key], b[key])) out.push(`${KEY_LABELS[key]}を変更`)
  return out
}

const partsText = (c: Json): string =>
  Array.isArray(c.parts)
    ? (c.parts as Json[])
        .map((p, k) => `${String(p.name ?? `部分${k + 1}`)} ${weightText(p.weight)}`)
        .join('・')
    : 'なし'

const deductionsText = (c: Json): string =>
  Array.isArray(c.deductions) && c.deductions.length
    ? (c.deductions as Json[]).map((d) => `${String(d.name)} ${yenOr(d.amount)}`).join('・')
    : 'なし'

function roundingText(r: unknown): string {
  if (!isObj(r) || !Object.keys(r).length) return '既定'
  const parts: string[] = []
  if (r.unit !== undefined) parts.push(`${formatInteger(Number(r.unit))} 円単位`)
  if (typeof r.method === 'string' && r.method in METHOD_LABELS)
    parts.push(METHOD_LABELS[r.method as keyof typeof METHOD_LABELS])
  if (r.adjuster !== undefined)
    parts.push(`調整 ${r.adjuster === 'largestShare' ? '最大負担団体' : String(r.adjuster)}`)
  if (r.priceDecimals !== undefined) parts.push(`単価の小数 ${String(r.priceDecimals)} 桁`)
  if (r.perPart) parts.push('按分方法ごと')
  return parts.join('・')
}

const KEY_LABELS = {
  services: '業務（services）',
  patterns: '配置パターンの設定',
  coalitionModel: '提携費用モデル',
  description: '説明',
}
