/**
 * 公平性 (fairness) panels over `GET /api/scenarios/:id/fairness` (docs/api.md): the savings-target report
 * (who misses 2割 and by how much, the α interval, the smallest adjustment) and the Shapley value vs the
 * scenario's split with the core check. Both panels share one request per stored version.
 */
import { formatInteger, formatPercent, formatYen, formatYenDelta } from '@warikan/core'
import type { Schemas } from '../api-client'
import type { AppState } from '../model'
import { renderShapley, type ShapleyRow } from './charts'
import { dataTable, h, replace } from './dom'
import { destroyChart, empty, type Panel } from './panel'

/** `GET /api/scenarios/{id}/fairness` (and the POST of an edited document): the route's schema. */
export type FairnessReport = Schemas['Fairness']

/**
 * One request per document shown, shared by the two panels (and re-used on redraw): the stored version
 * (`GET`) when nothing is edited, else the edited document (`POST /api/scenarios/:id/fairness`), so the panels
 * always show the same numbers as the studio's summary card.
 */
const memo = new Map<string, Promise<FairnessReport>>()
export function fairnessReport(state: AppState): Promise<FairnessReport> | undefined {
  const cur = state.current
  if (!cur) return undefined
  const doc = cur.dirty ? JSON.stringify(cur.doc) : 'saved'
  const key = `${cur.summary.id}:${cur.stored.version}:${doc}`
  let p = memo.get(key)
  if (!p) {
    const request = cur.dirty
      ? state.api.fairnessOf(cur.summary.id, cur.doc)
      : state.api.fairness(cur.summary.id)
    p = request
    p.catch(() => memo.delete(key))
    if (memo.size >= 16) memo.delete(memo.keys().next().value as string)
    memo.set(key, p)
  }
  return p
}

/** Which numbers a panel shows: 「保存済みの版 v3 による」 or 「編集中の内容（未保存）による」. */
export function basisLabel(state: AppState): string {
  const cur = state.current
  if (!cur) return ''
  return cur.dirty ? '編集中の内容（未保存）による' : `保存済みの版 v${cur.stored.version} による`
}

const DRIVER_NAMES: Record<string, string> = {
  equal: '均等割',
  population: '人口割',
  scaledPopulation: '人口割（逓減）',
  traffic: '利用実績割',
}
const driverName = (d: string) =>
  DRIVER_NAMES[d] ?? (d.startsWith('metric:') ? `指標割（${d.slice(7)}）` : d)

/** The α sentence: 「均等割 α ＋ 人口割 (1−α)」 and its interval, or why none exists. */
export function alphaSentence(
  a: NonNullable<FairnessReport['alpha']>,
  nameOf: (code: string) => string,
  costName: (id: string) => string = (id) => id,
): string {
  const mix = `${driverName(a.drivers[0] ?? '')} α ＋ ${driverName(a.drivers[1] ?? '')} (1−α)`
  const items = `対象費目: ${a.costIds.map(costName).join('・')}`
  if (a.kind === 'none')
    return `α区間（${mix}）: 該当なし — ${(a.binding ?? []).map(nameOf).join('・')} の目標を同時に満たす α はありません（${items}）。`
  const lo = (a.loDecimal ?? 0).toFixed(3)
  const hi = (a.hiDecimal ?? 1).toFixed(3)
  const ends = [
    a.lowerBinding ? `下限は${nameOf(a.lowerBinding)}` : '',
    a.upperBinding ? `上限は${nameOf(a.upperBinding)}` : '',
  ].filter(Boolean)
  return `α区間（${mix}）: α が ${lo} 以上 ${hi} 以下なら全団体が目標を満たします${ends.length ? `（${ends.join('、')}の目標で決まる）` : ''}。${items}。`
}

/** 削減率目標の検証: the members that miss the target, how much they are short, α and the adjustment. */
export function renderTargets(
  p: Panel,
  report: FairnessReport,
  basis: string,
  costNames: ReadonlyMap<string, string> = new Map(),
): void {
  const t = report.targets
  if (!t)
    return empty(
      p,
      'このシナリオには削減率目標（target.minSavingsRate）または単独導入費用がないため、目標の検証はありません。',
    )
  destroyChart(p.body)
  const names = new Map(t.members.map((m) => [m.code, m.name]))
  const nameOf = (code: string) => names.get(code) ?? code
  const rate = formatPercent(Number(fractionValue(t.minSavingsRate)), 0)
  const missing = t.members.filter((m) => m.meetsTarget === false)
  const judged = t.members.filter((m) => m.meetsTarget !== undefined).length
  const headline =
    missing.length === 0
      ? h(
          'p',
          {
            class: 'targets-ok',
            role: 'status',
            'data-missing': '0',
            'data-judged': String(judged),
          },
          `✓ 全団体が単独導入に比べ ${rate} 以上の削減を満たしています。`,
        )
      : h(
          'p',
          {
            class: 'targets-miss',
            role: 'status',
            'data-missing': String(missing.length),
            'data-judged': String(judged),
          },
          `✗ ${missing.length} 団体が ${rate} 削減の目標に届きません（不足額 合計 ${formatYen(t.totalShortfall)}）。`,
        )
  const missTable =
    missing.length === 0
      ? null
      : dataTable(
          `目標（${rate}削減）に届かない団体`,
          ['団体', '負担額', '目標の上限', '不足額', '削減率'],
          missing.map((m) => [
            m.name,
            formatYen(m.total),
            m.cap === undefined ? '—' : formatYen(m.cap),
            m.shortfall === undefined ? '—' : formatYen(m.shortfall),
            m.savingsRate === undefined ? '—' : formatPercent(m.savingsRate),
          ]),
          { className: 'data targets-missing' },
        )
  replace(p.body, headline, missTable)
  const lines: string[] = []
  if (report.alpha) lines.push(alphaSentence(report.alpha, nameOf, (id) => costNames.get(id) ?? id))
  const adj = report.adjustment
  if (adj?.kind === 'adjusted')
    lines.push(
      `最小調整: 余裕のある団体から余裕に比例して計 ${formatYen(adj.transferred ?? 0)} を移せば、合計額を変えずに全団体が目標を満たします。`,
    )
  else if (adj?.kind === 'infeasible')
    lines.push(
      `調整不能: 不足 ${formatYen(adj.shortfall ?? 0)} が余裕の合計 ${formatYen(adj.slack ?? 0)} を上回ります。`,
    )
  lines.push(`（${basis}。丸め後の請求額で判定）`)
  replace(
    p.note,
    ...lines.map((l, i) => h('p', { class: i === 0 && report.alpha ? 'alpha' : '' }, l)),
  )
  replace(
    p.alt,
    dataTable(
      '削減率目標の検証（全団体）',
      ['団体', '負担額', '単独導入', '削減率', '目標の上限', '不足', '余裕'],
      t.members.map((m) => [
        m.name,
        formatYen(m.total),
        m.standaloneCost === undefined ? '—' : formatYen(m.standaloneCost),
        m.savingsRate === undefined ? '—' : formatPercent(m.savingsRate),
        m.cap === undefined ? '—' : formatYen(m.cap),
        m.shortfall ? formatYen(m.shortfall) : '',
        m.slack ? formatYen(m.slack) : '',
      ]),
    ),
  )
}

/** "1/5" → 0.2, "0.146005…" → 0.146005 (the report's exact values, for display only). */
function fractionValue(fraction: string): number {
  const [n, d] = fraction.replace('…', '').split('/')
  return Number(n) / Number(d ?? 1)
}

const coreSentence = (label: string, c: Schemas['CoreCheck'], nameOf: (code: string) => string) => {
  const verdict =
    c.verdict === 'inCore'
      ? '✓ コアに含まれる'
      : c.verdict === 'notInCore'
        ? '✗ コアに含まれない'
        : '違反は見つからず'
  const worst =
    c.verdict === 'notInCore' && c.worst
      ? `（${c.worst.members.map(nameOf).join('・')} の組合せが単独で共同調達するより ${formatYen(Math.round(fractionValue(c.worst.excess)))} 多く負担）`
      : ''
  const how =
    c.method === 'exact'
      ? `全 ${formatInteger(c.effort.coalitionsEvaluated)} 通りを検査`
      : `${formatInteger(c.effort.coalitionsEvaluated)} 通りを探索`
  return `${label}: ${verdict}${worst}; ${how}`
}

/**
 * Why Σ Shapley ≠ Σ bills: the Shapley value splits the coalition model's c(N), the bills split the cost items.
 * Said in words so a council member does not read the gap as an error.
 */
function shapleyGapSentence(g: NonNullable<FairnessReport['coalitionModel']>): HTMLElement | null {
  const bills = g.members.reduce((a, m) => a + m.scenario, 0)
  const gap = bills - g.roundedGrandCost
  if (gap === 0) return null
  return h(
    'p',
    { class: 'shapley-gap' },
    `請求額の合計 ${formatYen(bills)} との差 ${formatYenDelta(gap)} は誤りではありません: ` +
      'シャープレイ値は提携費用モデルの全団体の費用 c(N) を分けたもの、請求額は費目の総額を按分規則で分けたもので、' +
      '両者の総額はモデルの前提（説明用の数値）の分だけ異なります。比べるのは各団体の比率です。',
  )
}

/** Shapley value (rounded yen) vs the scenario's split, with the core check of both. */
export function renderFairnessShapley(p: Panel, report: FairnessReport, basis: string): void {
  const g = report.coalitionModel
  if (!g)
    return empty(
      p,
      'このシナリオには提携費用モデル（coalitionModel）がないため、シャープレイ値は計算していません。',
    )
  const rows: ShapleyRow[] = g.members.map((m) => ({
    code: m.code,
    name: m.name,
    shapley: m.shapley,
    scenario: m.scenario,
  }))
  renderShapley(p, rows)
  const names = new Map(g.members.map((m) => [m.code, m.name]))
  const nameOf = (code: string) => names.get(code) ?? code
  replace(
    p.note,
    h(
      'p',
      { class: 'shapley-total' },
      `シャープレイ値の合計 ${formatYen(g.members.reduce((a, m) => a + m.shapley, 0))} ＝ c(N) ${formatYen(g.roundedGrandCost)}` +
        (g.sampled
          ? `（一部を標本抽出 ${formatInteger(g.sampled.permutations)} 順列で推定、標準誤差は表に記載）`
          : '（厳密計算）'),
    ),
    shapleyGapSentence(g),
    h('p', { class: 'core-shapley' }, coreSentence('シャープレイ値', g.core.shapley, nameOf)),
    h('p', { class: 'core-scenario' }, coreSentence('現行の按分', g.core.scenario, nameOf)),
    h('p', { class: 'summary' }, report.summary),
    h('p', { class: 'muted' }, `（${basis}）`),
  )
  replace(
    p.alt,
    dataTable(
      'シャープレイ値とシナリオの負担金',
      [
        '団体',
        'シナリオ',
        'シャープレイ値',
        '差（シナリオ − シャープレイ）',
        ...(g.sampled ? ['標準誤差'] : []),
      ],
      g.members.map((m) => [
        m.name,
        formatYen(m.scenario),
        formatYen(m.shapley),
        formatYenDelta(m.diff),
        ...(g.sampled
          ? [m.standardError === undefined ? '—' : formatYen(Math.round(m.standardError))]
          : []),
      ]),
    ),
  )
}
