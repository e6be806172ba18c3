/** The explanation dialog: why a member pays what it pays (core `explainMember`), computed in the browser. */
import {
  explainMember,
  formatInteger,
  formatPercent,
  formatYen,
  fromDecimal,
  toDecimalString,
  toNumber,
  type Allocation,
  type ShareExplanation,
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

function explanationBlock(e: ShareExplanation): HTMLElement {
  return h(
    'section',
    { class: 'explain-item' },
    h('h3', {}, `${e.costName} — ${formatYen(e.share)}`),
    h(
      'p',
      {},
      e.participant
        ? `費用 ${formatYen(e.amount)} を参加 ${e.participants} 団体で按分。按分方法: ${e.rule}`
        : e.reason,
    ),
    e.participant
      ? dataTable(
          '按分の計算',
          ['按分方法', '重み', '当団体の値', '参加団体の合計', '割合'],
          e.drivers.map((d) => [
            d.detail ? `${d.label}（${d.detail}）` : d.label,
            readable(d.weight, 'percent'),
            readable(d.value, 'number'),
            readable(d.total, 'number'),
            readable(d.ratio, 'percent'),
          ]),
        )
      : null,
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
    e.participant
      ? h(
          'dl',
          { class: 'explain-steps' },
          h('dt', {}, '厳密な負担額'),
          h('dd', {}, `≈ ${readable(e.exactShare, 'number')} 円`),
          h('dt', {}, `${e.unit === 1 ? '1円' : formatYen(e.unit)}単位の切り捨て`),
          h('dd', {}, formatYen(e.floor)),
          h('dt', {}, '端数処理'),
          h('dd', {}, e.reason || '—'),
          h('dt', {}, '負担金'),
          h('dd', {}, formatYen(e.share)),
        )
      : null,
  )
}
