/** Renderings of a fairness result for people: the Japanese tables and the council summary paragraph. */
import {
  formatInteger,
  formatPercent,
  formatYen,
  formatYenDelta,
  renderTable,
  toDecimalString,
  toFractionString,
  toNumber,
  type Rational,
} from '@warikan/core'
import type { AlphaResult, CoreResult, TargetsReport } from '@warikan/core/fairness'
import type { FairnessResult, GameResult, SolvedAlpha } from './fairness.service'

/** A rational for JSON: the exact fraction when it is short, else a decimal with "…". */
export const exact = (r: Rational): string =>
  r.d.toString().length <= 30 ? toFractionString(r) : toDecimalString(r, 6)
export const yenOf = (r: Rational): number => Math.round(toNumber(r))

const namesOf = (members: Array<{ code: string; name: string }>) => (codes: string[]) =>
  codes.map((c) => members.find((m) => m.code === c)?.name ?? c).join('・')

/** The `warikan fairness --format table` text. */
export function fairnessTable(r: FairnessResult): string {
  const { scenario, targets, adjustment, alpha, game } = r
  const out: string[] = [`${scenario.consortium.name} — 公平性の検証 (fairness)`, '']
  if (targets) {
    out.push(
      `■ 削減率目標 ${formatPercent(toNumber(targets.minSavingsRate))}（請求額＝円単位の丸め後で判定）`,
    )
    out.push(
      renderTable(
        ['団体', '負担額', '単独導入', '削減率', '上限', '不足', '余裕'],
        targets.rows.map((row) => [
          row.name,
          formatYen(row.total),
          row.standaloneCost === undefined ? '—' : formatYen(row.standaloneCost),
          row.savingsRate ? formatPercent(toNumber(row.savingsRate)) : '—',
          row.cap === undefined ? '—' : formatYen(row.cap),
          row.shortfall ? formatYen(row.shortfall) : '',
          row.slack ? formatYen(row.slack) : '',
        ]),
        ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
      ),
    )
    if (adjustment?.kind === 'adjusted') {
      out.push('', `■ 最小調整（余裕に比例して移転、合計 ${formatYen(adjustment.transferred)}）`)
      out.push(
        renderTable(
          ['団体', '調整前', '調整', '調整後'],
          adjustment.rows
            .filter((row) => row.adjustment !== 0n)
            .map((row) => [
              row.name,
              formatYen(row.before),
              formatYenDelta(Number(row.adjustment)),
              formatYen(row.after),
            ]),
          ['left', 'right', 'right', 'right'],
        ),
      )
    } else if (adjustment?.kind === 'infeasible')
      out.push(
        '',
        `■ 調整不能: 不足 ${formatYen(adjustment.shortfall)} > 余裕 ${formatYen(adjustment.slack)}`,
      )
    out.push('')
  }
  if (alpha)
    out.push(`■ α区間 (${alpha.drivers.join(' α + ')} (1−α))`, alphaText(alpha, scenario), '')
  if (game) out.push(...gameTable(game), '')
  out.push('■ 要約', r.summary)
  return out.join('\n') + '\n'
}

function alphaText(
  a: SolvedAlpha,
  scenario: { members: Array<{ code: string; name: string }> },
): string {
  const name = (code?: string) => scenario.members.find((m) => m.code === code)?.name ?? code
  if (a.kind === 'none')
    return `該当なし (none exists): ${a.binding.map(name).join('・')} の目標を同時に満たす α はありません（対象費目: ${a.costIds.join(', ')}）`
  return [
    `α ∈ [${exact(a.lo)}, ${exact(a.hi)}] ≈ [${toDecimalString(a.lo, 4)}, ${toDecimalString(a.hi, 4)}]（対象費目: ${a.costIds.join(', ')}; 丸め前の正確な按分額で判定）`,
    `下限を決める団体: ${name(a.lowerBinding) ?? '—'} / 上限を決める団体: ${name(a.upperBinding) ?? '—'}`,
    a.safe
      ? `円単位に丸めた後も確実に満たす区間: [${toDecimalString(a.safe.lo, 4)}, ${toDecimalString(a.safe.hi, 4)}]`
      : '円単位の丸めを考慮すると確実に満たす区間はありません',
  ].join('\n')
}

function gameTable(g: GameResult): string[] {
  const name = namesOf(g.model.members)
  const coreLine = (label: string, c: CoreResult) =>
    `${label}: ${c.verdict === 'inCore' ? 'コアに含まれる' : c.verdict === 'notInCore' ? 'コアに含まれない' : '違反は見つからず'}` +
    (c.worst
      ? `（最も${c.verdict === 'notInCore' ? '不満の大きい' : '余裕の小さい'}組合せ: ${name(c.worst.codes)}, 負担 ${formatYen(yenOf(c.worst.pays))} / 単独 ${formatYen(yenOf(c.worst.cost))}）`
      : '') +
    `; ${c.method === 'exact' ? `全 ${formatInteger(c.effort.coalitionsEvaluated)} 通りを検査` : `探索 ${c.effort.starts} 始点・${formatInteger(c.effort.coalitionsEvaluated)} 通りを評価`}`
  return [
    `■ シャープレイ値と現行の按分（提携費用モデル c(N) = ${formatYen(yenOf(g.grandCost))}）`,
    renderTable(
      ['団体', 'モデル上の単独費用', 'シャープレイ値', '現行の按分', '差（現行−SV）'],
      g.rows.map((row) => [
        row.name,
        formatYen(row.standaloneCost),
        formatYen(row.shapley),
        formatYen(row.scenario),
        formatYenDelta(row.diff),
      ]),
      ['left', 'right', 'right', 'right', 'right'],
    ),
    '',
    '■ コア (core)',
    coreLine('シャープレイ値（丸め前）', g.coreShapley),
    coreLine('現行の按分（請求額）', g.coreScenario),
    `現行の按分の合計 − c(N) = ${formatYenDelta(yenOf(g.coreScenario.efficiencyGap))}`,
  ]
}

/** One paragraph of plain Japanese a planner can paste into a council document. */
export function fairnessSummary(
  consortium: string,
  targets: TargetsReport | undefined,
  alpha: AlphaResult | undefined,
  game: GameResult | undefined,
): string {
  const parts: string[] = []
  if (targets) {
    const rate = formatPercent(toNumber(targets.minSavingsRate), 0)
    parts.push(
      targets.missing.length === 0
        ? `${consortium}の現行の按分では、全団体が単独導入に比べ${rate}以上の削減という目標を満たしている。`
        : `${consortium}の現行の按分では、${targets.missing.length}団体が単独導入に比べ${rate}以上の削減という目標に届かず、不足額は合計${formatYen(targets.totalShortfall)}である。` +
            (targets.totalShortfall <= targets.totalSlack
              ? `余裕のある団体がその余裕に比例して負担すれば、合計額を変えずに全団体が目標を満たせる。`
              : `余裕のある団体の余裕の合計では不足を埋められない。`),
    )
  }
  if (alpha && alpha.kind === 'interval')
    parts.push(
      `均等割等の比率 α を${toDecimalString(alpha.lo, 3)}から${toDecimalString(alpha.hi, 3)}の範囲にすれば全団体が目標を満たす。`,
    )
  else if (alpha && alpha.kind === 'none')
    parts.push(`比率 α の調整だけでは全団体の目標を同時に満たすことはできない。`)
  if (game) {
    const name = namesOf(game.model.members)
    parts.push(
      `費用の発生構造に基づくシャープレイ値（各団体が加わることで増える費用の平均）は` +
        (game.coreShapley.verdict === 'notInCore'
          ? 'コアに含まれない'
          : 'どの団体の組合せも単独で調達するより多く負担しない配分である') +
        `。` +
        (game.coreScenario.verdict === 'notInCore'
          ? `一方、現行の按分では${name(game.coreScenario.worst!.codes)}の組合せが、単独で共同調達するより${formatYen(yenOf(game.coreScenario.worst!.excess))}多く負担しており、見直しの余地がある。`
          : `現行の按分でも、単独で共同調達した方が安くなる団体の組合せは${game.coreScenario.method === 'exact' ? 'ない' : '見つからなかった'}。`),
    )
  }
  if (game) parts.push('（数値は説明用の提携費用モデルによる試算。）')
  return parts.join('')
}
