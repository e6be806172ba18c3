/** The explanation dialog: why a member pays what it pays (core `explainMember`), computed in the browser. */
import {
  explainAdjustments,
  explainMember,
  formatInteger,
  formatPercent,
  formatYen,
  formatYenDelta,
  fromDecimal,
  METHOD_LABELS,
  toDecimalString,
  toNumber,
  UNIT_LABELS,
  type Allocation,
  type ShareExplanation,
  type SplitExplanation,
} from '@warikan/core'
import { dataTable, h, replace } from './dom'

let dialog: HTMLDialogElement | undefined

function ensureDialog(): HTMLDialogElement {
  if (dialog) return dialog
  dialog = h('dialog', { class: 'explain', 'aria-labelledby': 'explain-title' })
  document.body.append(dialog)
  return dialog
}

export function showExplanation(allocation: Allocation, code: string, costId?: string): void {
  const member = allocation.output.members.find((m) => m.code === code)
  if (!member) return
  const all = explainMember(allocation, code)
  const list = costId ? all.filter((e) => e.costId === costId) : all.filter((e) => e.participant)
  const adjustments = costId ? [] : explainAdjustments(allocation, code)
  const d = ensureDialog()
  const close = h('button', { type: 'button', class: 'close', onclick: () => d.close() }, '閉じる')
  replace(
    d,
    h(
      'header',
      {},
      h('h2', { id: 'explain-title' }, `${member.name}（${member.code}）の負担金の内訳`),
      close,
    ),
    h(
      'p',
      { class: 'explain-total' },
      costId
        ? `${list[0]?.costName ?? ''}: ${formatYen(list[0]?.share ?? 0)}`
        : `合計 ${formatYen(member.total)}（${list.length} 費目）`,
    ),
    list.map(explanationBlock),
    adjustments.length
      ? h(
          'section',
          { class: 'explain-item explain-adjustments' },
          h('h3', {}, `調整額 — ${formatYenDelta(member.adjustments ?? 0)}`),
          dataTable(
            '調整額（精算額・加算・減算）',
            ['理由', '金額'],
            adjustments.map((a) => [a.reason ?? '—', formatYenDelta(a.amount)]),
          ),
        )
      : null,
  )
  if (!d.open) d.showModal()
  close.focus()
}

/** An exact value from the core ("9/10", "8273054385780425/70368744177664") as a planner reads it. */
function readable(exact: string, as: 'number' | 'percent'): string {
  try {
    const r = fromDecimal(exact)
    if (as === 'percent') return formatPercent(toNumber(r), 2)
    if (r.d === 1n) return formatInteger(r.n)
    const [int, frac = ''] = toDecimalString(r, 3).split('.')
    return `${formatInteger(BigInt(int!.replace('…', '')))}${frac ? `.${frac}` : ''}`
  } catch {
    return exact
  }
}

const hasFraction = (e: ShareExplanation) =>
  e.exactShare.includes('/') ||
  e.drivers.some((d) => [d.weight, d.value, d.total, d.ratio].some((x) => x.includes('/')))

const unitName = (unit: number) => UNIT_LABELS[unit] ?? formatYen(unit)

/** 控除 (特定財源) and the net amount split, where the item has deductions. */
function deductionSteps(e: ShareExplanation): HTMLElement | null {
  if (!e.deductions) return null
  return h(
    'dl',
    { class: 'explain-steps explain-deductions' },
    e.deductions.flatMap((d) => [h('dt', {}, `控除: ${d.name}`), h('dd', {}, formatYen(d.amount))]),
    h('dt', {}, '按分する額（控除後）'),
    h('dd', {}, formatYen(e.net ?? e.amount)),
  )
}

/** 端数処理: method, unit, unit price and the adjuster with what it absorbed. */
function roundingSteps(
  e: Pick<
    SplitExplanation,
    'method' | 'unit' | 'floor' | 'unitPrice' | 'adjuster' | 'adjusterAbsorbed' | 'reason' | 'share'
  >,
  shareLabel: string,
): HTMLElement[] {
  const rows: HTMLElement[] = [
    h('dt', {}, '端数処理の方法'),
    h('dd', {}, `${METHOD_LABELS[e.method]}（${unitName(e.unit)}単位）`),
  ]
  if (e.unitPrice !== undefined) rows.push(h('dt', {}, '単価'), h('dd', {}, `${e.unitPrice} 円`))
  rows.push(
    h('dt', {}, e.method === 'largestRemainder' ? `${unitName(e.unit)}単位の切り捨て` : '丸めた額'),
    h('dd', {}, formatYen(e.floor)),
  )
  if (e.adjuster !== undefined)
    rows.push(
      h('dt', {}, '端数調整団体'),
      h('dd', {}, `${e.adjuster}（調整額 ${formatYenDelta(e.adjusterAbsorbed ?? 0)}）`),
    )
  rows.push(h('dt', {}, '端数処理'), h('dd', {}, e.reason || '—'))
  rows.push(h('dt', {}, shareLabel), h('dd', {}, formatYen(e.share)))
  return rows
}

function driverTable(caption: string, drivers: ShareExplanation['drivers']) {
  return dataTable(
    caption,
    ['按分方法', '重み', '当団体の値', '参加団体の合計', '割合'],
    drivers.map((d) => [
      d.detail ? `${d.label}（${d.detail}）` : d.label,
      readable(d.weight, 'percent'),
      readable(d.value, 'number'),
      readable(d.total, 'number'),
      readable(d.ratio, 'percent'),
    ]),
  )
}

/** One part (or one driver under perPart) of an item. */
function partBlock(p: SplitExplanation): HTMLElement {
  return h(
    'section',
    { class: 'explain-part' },
    h('h4', {}, `${p.name ?? '部分'}（${p.weight}）${formatYen(p.amount)} — ${formatYen(p.share)}`),
    p.participant
      ? [
          h('p', {}, `参加 ${p.participants} 団体で按分。按分方法: ${p.rule}`),
          driverTable(`${p.name ?? '部分'}の按分`, p.drivers),
          h(
            'dl',
            { class: 'explain-steps' },
            h('dt', {}, '厳密な負担額'),
            h('dd', {}, `≈ ${readable(p.exactShare, 'number')} 円`),
            roundingSteps(p, 'この区分の負担額'),
          ),
        ]
      : h('p', {}, p.reason),
  )
}

function explanationBlock(e: ShareExplanation): HTMLElement {
  const split = e.net ?? e.amount
  return h(
    'section',
    { class: 'explain-item' },
    h('h3', {}, `${e.costName} — ${formatYen(e.share)}`),
    h(
      'p',
      {},
      e.participant
        ? `費用 ${formatYen(split)}${e.deductions ? `（総額 ${formatYen(e.amount)} から控除後）` : ''} を参加 ${e.participants} 団体で按分。按分方法: ${e.rule}`
        : e.reason,
    ),
    deductionSteps(e),
    e.participant && e.parts
      ? [
          ...e.parts.map(partBlock),
          h(
            'dl',
            { class: 'explain-steps' },
            h('dt', {}, '区分の合計'),
            h('dd', {}, e.reason),
            h('dt', {}, '負担金'),
            h('dd', {}, formatYen(e.share)),
          ),
        ]
      : null,
    e.participant && !e.parts ? driverTable('按分の計算', e.drivers) : null,
    e.participant && hasFraction(e)
      ? h(
          'details',
          { class: 'exact' },
          h('summary', {}, '厳密な値（分数）を見る'),
          dataTable(
            '厳密な値',
            ['按分方法', '重み', '当団体の値', '参加団体の合計', '割合'],
            e.drivers.map((d) => [d.label, d.weight, d.value, d.total, d.ratio]),
          ),
          h('p', {}, `厳密な負担額: ${e.exactShare} 円`),
        )
      : null,
    e.participant && !e.parts
      ? h(
          'dl',
          { class: 'explain-steps' },
          h('dt', {}, '厳密な負担額'),
          h('dd', {}, `≈ ${readable(e.exactShare, 'number')} 円`),
          roundingSteps(e, '負担金'),
        )
      : null,
  )
}
