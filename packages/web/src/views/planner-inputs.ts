/**
 * Inputs in the planner's notation, read by the core (`parseYenInput`, `parseWeightInput`, `parseCountInput`):
 * `1億8000万`, `¥1,234,567`, `30%`, `３０％`, `1/3`. A value that does not read is never written into the scenario;
 * the box is marked invalid with the core's Japanese message, and a `warikan:field-error` event tells the
 * studio (its banner counts the boxes in error). On leaving a box its text is rewritten in the canonical form
 * (amounts with separators, weights as %).
 */
import {
  formatAmountInput,
  formatInteger,
  fromDecimal,
  parseCountInput,
  parseWeightInput,
  parseYenInput,
  weightToInputText,
  weightToJson,
  type InputResult,
  type Rational,
} from '@warikan/core'
import { h } from './dom'

export interface FieldErrorDetail {
  id: string
  label: string
  /** undefined: the field is fine again */
  message?: string
}

export interface PlannerInputOptions<T> {
  id: string
  label: string
  /** how the studio's error list names the box (default: the label) */
  errorLabel?: string
  /** the current value as text (already in canonical form) */
  text: string
  parse: (text: string) => InputResult<T>
  format: (value: T) => string
  /** called with each value that reads; `undefined` when the box was emptied and `optional` */
  onValue: (value: T | undefined) => void
  /** called before the first change in a focus (undo snapshots) */
  onBegin?: () => void
  onEnd?: () => void
  optional?: boolean
  /** digits typed plainly get their thousands separators as the planner types (caret kept in place) */
  group?: boolean
  attrs?: Record<string, string>
  className?: string
}

export function plannerInput<T>(o: PlannerInputOptions<T>): {
  el: HTMLLabelElement
  input: HTMLInputElement
} {
  const messageId = `${o.id}-message`
  const message = h('span', { class: 'field-message', id: messageId, 'aria-live': 'polite' })
  const report = (text?: string) => {
    message.textContent = text ?? ''
    if (text) input.setAttribute('aria-invalid', 'true')
    else input.removeAttribute('aria-invalid')
    input.dispatchEvent(
      new CustomEvent<FieldErrorDetail>('warikan:field-error', {
        bubbles: true,
        detail: { id: o.id, label: o.errorLabel ?? o.label, ...(text ? { message: text } : {}) },
      }),
    )
  }
  const read = (): { ok: true; value: T | undefined } | { ok: false } => {
    const text = input.value
    if (o.optional && !text.trim()) return { ok: true, value: undefined }
    const r = o.parse(text)
    if (!r.ok) {
      report(r.message)
      return { ok: false }
    }
    return { ok: true, value: r.value }
  }
  const input = h('input', {
    id: o.id,
    type: 'text',
    value: o.text,
    autocomplete: 'off',
    'aria-describedby': messageId,
    ...o.attrs,
    oninput: () => {
      if (o.group) groupAsTyped(input)
      o.onBegin?.()
      const r = read()
      if (!r.ok) return
      if (input.getAttribute('aria-invalid')) report()
      o.onValue(r.value)
    },
    onchange: () => {
      const r = read()
      if (r.ok && r.value !== undefined) input.value = o.format(r.value)
      o.onEnd?.()
    },
    onblur: () => o.onEnd?.(),
  })
  const el = h(
    'label',
    { class: `field ${o.className ?? ''}`.trim(), for: o.id },
    h('span', {}, o.label),
    input,
    message,
  )
  return { el, input }
}

/** `1234567` → `1,234,567` while typing, when the box holds only digits and commas; the caret stays put. */
export function groupAsTyped(input: HTMLInputElement): void {
  const text = input.value
  if (!/^[\d,]+$/.test(text) || /^0\d/.test(text)) return
  const grouped = text.replace(/,/g, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  if (grouped === text) return
  const caret = input.selectionStart ?? text.length
  const digitsAfter = text.slice(caret).replace(/,/g, '').length
  input.value = grouped
  let pos = grouped.length
  for (let seen = 0; pos > 0 && seen < digitsAfter; pos--) if (grouped[pos - 1] !== ',') seen++
  input.setSelectionRange(pos, pos)
}

/** 金額（円）: shown with separators; reads `1億8000万`, `¥1,234,567`, `620,000千円`. */
export const yenInputText = (v: unknown): string =>
  typeof v === 'number' && Number.isFinite(v) ? formatAmountInput(v) : ''

/** 人口 etc. */
export const countInputText = (v: unknown): string =>
  typeof v === 'number' && Number.isFinite(v) ? formatInteger(v) : ''

/** A weight in the file (0.3, "1/3") → the box text ("30%", "1/3"). */
export function weightInputText(v: unknown): string {
  if (v === undefined || v === null || typeof v === 'object') return ''
  try {
    return weightToInputText(fromDecimal(v as number | string))
  } catch {
    return String(v)
  }
}

export const yenField = (o: Omit<PlannerInputOptions<number>, 'parse' | 'format'>) =>
  plannerInput({ group: true, ...o, parse: parseYenInput, format: formatAmountInput })

export const countField = (o: Omit<PlannerInputOptions<number>, 'parse' | 'format'>) =>
  plannerInput({ group: true, ...o, parse: parseCountInput, format: formatInteger })

/** A weight field: writes the exact value as the file holds it (0.3 or "1/3"). */
export const weightField = (
  o: Omit<PlannerInputOptions<Rational>, 'parse' | 'format' | 'onValue'> & {
    onValue: (value: number | string | undefined) => void
  },
) =>
  plannerInput<Rational>({
    ...o,
    parse: parseWeightInput,
    format: weightToInputText,
    onValue: (r) => o.onValue(r === undefined ? undefined : weightToJson(r)),
    attrs: { inputmode: 'decimal', ...o.attrs },
  })
