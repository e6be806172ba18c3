/** `warikan fairness`: savings targets, α interval, adjustment, Shapley value and core (docs/fairness.md). */
import {
  allocate,
  formatPercent,
  formatYen,
  formatYenDelta,
  renderTable,
  toDecimalString,
  toFractionString,
  toNumber,
  type Rational,
} from '@warikan/core'
import {
  adjustToTargets,
  alphaInterval,
  checkCore,
  grandCost,
  parseCoalitionModel,
  shapleyValue,
  sharesFrom,
  standaloneCosts,
  targetsReport,
  type AlphaResult,
  type CoreResult,
} from '@warikan/core/fairness'
import { flag, oneOf, parseArgs } from '../args'
import type { Command } from '../command'
import { CliError, InputError } from '../errors'
import { readScenarioFile } from '../io'

/** A rational for JSON: the exact fraction when it is short, else a decimal with "…". */
const exact = (r: Rational): string =>
  r.d.toString().length <= 30 ? toFractionString(r) : toDecimalString(r, 6)
const yenOf = (r: Rational): number => Math.round(toNumber(r))

export const fairnessCommand: Command = {
  name: 'fairness',
  summary: '公平性の検証: 削減率目標・α区間・シャープレイ値・コア (targets, Shapley value, core)',
  usage:
    'warikan fairness <scenario.json> [--alpha equal,population] [--seed N] [--format json|table]',
  run(argv, ctx) {
    const args = parseArgs(argv, { values: ['format', 'alpha', 'seed'] })
    const file = args.positional[0]
    if (!file || args.positional.length > 1) throw new CliError(`usage: ${this.usage}`, 2)
    const format = oneOf(flag(args, 'format'), ['json', 'table'] as const, 'table', 'format')
    const seed = Number(flag(args, 'seed') ?? 1)
    if (!Number.isSafeInteger(seed)) throw new CliError('--seed は整数です (integer seed)', 2)
    const alphaFlag = flag(args, 'alpha')
    const drivers = alphaFlag?.split(',').map((s) => s.trim())
    if (drivers && drivers.length !== 2)
      throw new CliError(
        '--alpha は2つの按分方法をカンマ区切りで (e.g. --alpha equal,population)',
        2,
      )
    const { scenario } = readScenarioFile(file)
    const allocation = allocate(scenario)
    if (!allocation.ok) throw new InputError(file, allocation.issues)
    const model = scenario.coalitionModel === undefined ? undefined : parseCoalitionModel(scenario)
    if (model && !model.ok) throw new InputError(file, model.issues)

    const targets = targetsReport(scenario, allocation.value.output)
    const adjustment = targets && adjustToTargets(targets)
    const alpha = drivers && alphaInterval(scenario, allocation.value, drivers as [string, string])
    if (alpha?.kind === 'error') throw new CliError(`--alpha: ${alpha.message}`, 2)

    let game: ReturnType<typeof gameReport> | undefined
    if (model?.ok) game = gameReport(model.value, allocation.value.output.members, seed)

    const summary = summaryText(scenario.consortium.name, targets, alpha, game)
    if (format === 'json') {
      ctx.stdout(
        JSON.stringify(
          {
            targets: targets && {
              minSavingsRate: exact(targets.minSavingsRate),
              missing: targets.missing,
              totalShortfall: Number(targets.totalShortfall),
              totalSlack: Number(targets.totalSlack),
              members: targets.rows.map((r) => ({
                code: r.code,
                name: r.name,
                total: Number(r.total),
                ...(r.standaloneCost === undefined
                  ? {}
                  : {
                      standaloneCost: Number(r.standaloneCost),
                      cap: Number(r.cap),
                      savingsRate: toNumber(r.savingsRate!),
                      meetsTarget: r.meetsTarget,
                      shortfall: Number(r.shortfall),
                      slack: Number(r.slack),
                    }),
              })),
            },
            adjustment: adjustment && jsonAdjustment(adjustment),
            alpha: alpha && jsonAlpha(alpha),
            coalitionModel: game?.json,
            summary,
          },
          null,
          2,
        ) + '\n',
      )
      return 0
    }
    const out: string[] = [`${scenario.consortium.name} — 公平性の検証 (fairness)`, '']
    if (targets) {
      out.push(
        `■ 削減率目標 ${formatPercent(toNumber(targets.minSavingsRate))}（請求額＝円単位の丸め後で判定）`,
      )
      out.push(
        renderTable(
          ['団体', '負担額', '単独導入', '削減率', '上限', '不足', '余裕'],
          targets.rows.map((r) => [
            r.name,
            formatYen(r.total),
            r.standaloneCost === undefined ? '—' : formatYen(r.standaloneCost),
            r.savingsRate ? formatPercent(toNumber(r.savingsRate)) : '—',
            r.cap === undefined ? '—' : formatYen(r.cap),
            r.shortfall ? formatYen(r.shortfall) : '',
            r.slack ? formatYen(r.slack) : '',
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
              .filter((r) => r.adjustment !== 0n)
              .map((r) => [
                r.name,
                formatYen(r.before),
                formatYenDelta(Number(r.adjustment)),
                formatYen(r.after),
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
      out.push(`■ α区間 (${alpha.drivers?.join(' α + ')} (1−α))`, alphaText(alpha, scenario), '')
    if (game) out.push(...game.table, '')
    out.push('■ 要約', summary)
    ctx.stdout(out.join('\n') + '\n')
    return 0
  },
}

function jsonAdjustment(a: ReturnType<typeof adjustToTargets>) {
  if (a.kind === 'notNeeded') return { kind: a.kind }
  if (a.kind === 'infeasible')
    return { kind: a.kind, shortfall: Number(a.shortfall), slack: Number(a.slack) }
  return {
    kind: a.kind,
    transferred: Number(a.transferred),
    members: a.rows.map((r) => ({
      code: r.code,
      before: Number(r.before),
      adjustment: Number(r.adjustment),
      after: Number(r.after),
    })),
  }
}

function jsonAlpha(a: AlphaResult) {
  if (a.kind === 'error') return a
  const base = { drivers: a.drivers, costIds: a.costIds, checkedOn: 'exact unrounded shares' }
  if (a.kind === 'none') return { kind: a.kind, ...base, binding: a.binding, reason: a.reason }
  return {
    kind: a.kind,
    ...base,
    lo: exact(a.lo),
    hi: exact(a.hi),
    loDecimal: toNumber(a.lo),
    hiDecimal: toNumber(a.hi),
    lowerBinding: a.lowerBinding ?? null,
    upperBinding: a.upperBinding ?? null,
    current: Object.fromEntries(Object.entries(a.current).map(([k, v]) => [k, exact(v)])),
    safeForRoundedYen: a.safe ? { lo: exact(a.safe.lo), hi: exact(a.safe.hi) } : null,
  }
}

function alphaText(
  a: AlphaResult,
  scenario: { members: Array<{ code: string; name: string }> },
): string {
  const name = (code?: string) => scenario.members.find((m) => m.code === code)?.name ?? code
  if (a.kind === 'error') return a.message
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

function coreJson(c: CoreResult) {
  return {
    method: c.method,
    verdict: c.verdict,
    efficiencyGap: exact(c.efficiencyGap),
    effort: c.effort,
    worst: c.worst && {
      members: c.worst.codes,
      pays: exact(c.worst.pays),
      cost: exact(c.worst.cost),
      excess: exact(c.worst.excess),
    },
  }
}

function gameReport(
  model: Parameters<typeof shapleyValue>[0],
  split: Array<{ code: string; name: string; total: number }>,
  seed: number,
) {
  const shapley = shapleyValue(model, { seed })
  const stand = standaloneCosts(model)
  const scenarioSplit = sharesFrom(split.map((m) => ({ n: BigInt(m.total), d: 1n })))
  const coreShapley = checkCore(model, shapley.shares, { seed })
  const coreScenario = checkCore(model, scenarioSplit, { seed })
  const cN = grandCost(model)
  const rows = model.members.map((m, i) => ({
    code: m.code,
    name: m.name,
    standaloneCost: yenOf(stand[i]!),
    shapley: Number(shapley.yen[i]!),
    scenario: split[i]!.total,
    diff: split[i]!.total - Number(shapley.yen[i]!),
    ...(shapley.standardError ? { standardError: shapley.standardError[i]! } : {}),
  }))
  const name = (codes: string[]) =>
    codes.map((c) => model.members.find((m) => m.code === c)?.name ?? c).join('・')
  const coreLine = (label: string, c: CoreResult) =>
    `${label}: ${c.verdict === 'inCore' ? 'コアに含まれる' : c.verdict === 'notInCore' ? 'コアに含まれない' : '違反は見つからず'}` +
    (c.worst
      ? `（最も${c.verdict === 'notInCore' ? '不満の大きい' : '余裕の小さい'}組合せ: ${name(c.worst.codes)}, 負担 ${formatYen(yenOf(c.worst.pays))} / 単独 ${formatYen(yenOf(c.worst.cost))}）`
      : '') +
    `; ${c.method === 'exact' ? `全 ${c.effort.coalitionsEvaluated.toLocaleString('en')} 通りを検査` : `探索 ${c.effort.starts} 始点・${c.effort.coalitionsEvaluated.toLocaleString('en')} 通りを評価`}`
  const table = [
    `■ シャープレイ値と現行の按分（提携費用モデル c(N) = ${formatYen(yenOf(cN))}）`,
    renderTable(
      ['団体', 'モデル上の単独費用', 'シャープレイ値', '現行の按分', '差（現行−SV）'],
      rows.map((r) => [
        r.name,
        formatYen(r.standaloneCost),
        formatYen(r.shapley),
        formatYen(r.scenario),
        formatYenDelta(r.diff),
      ]),
      ['left', 'right', 'right', 'right', 'right'],
    ),
    '',
    '■ コア (core)',
    coreLine('シャープレイ値（丸め前）', coreShapley),
    coreLine('現行の按分（請求額）', coreScenario),
    `現行の按分の合計 − c(N) = ${formatYenDelta(yenOf(coreScenario.efficiencyGap))}`,
  ]
  return {
    json: {
      grandCost: exact(cN),
      components: shapley.components.map((c) => ({ id: c.id, kind: c.kind, method: c.method })),
      sampled: shapley.sampled ?? null,
      members: rows,
      core: { shapley: coreJson(coreShapley), scenario: coreJson(coreScenario) },
    },
    table,
    coreScenario,
    coreShapley,
    rows,
    name,
  }
}

function summaryText(
  consortium: string,
  targets: ReturnType<typeof targetsReport>,
  alpha: AlphaResult | undefined,
  game: ReturnType<typeof gameReport> | undefined,
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
    parts.push(
      `費用の発生構造に基づくシャープレイ値（各団体が加わることで増える費用の平均）は` +
        (game.coreShapley.verdict === 'notInCore'
          ? 'コアに含まれない'
          : 'どの団体の組合せも単独で調達するより多く負担しない配分である') +
        `。` +
        (game.coreScenario.verdict === 'notInCore'
          ? `一方、現行の按分では${game.name(game.coreScenario.worst!.codes)}の組合せが、単独で共同調達するより${formatYen(yenOf(game.coreScenario.worst!.excess))}多く負担しており、見直しの余地がある。`
          : `現行の按分でも、単独で共同調達した方が安くなる団体の組合せは${game.coreScenario.method === 'exact' ? 'ない' : '見つからなかった'}。`),
    )
  }
  parts.push('（数値は説明用の提携費用モデルによる試算。）')
  return parts.join('')
}
