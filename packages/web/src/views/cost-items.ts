/** 費目を追加: a name, an amount in the planner's notation and a starting rule (edited afterwards like any item). */
import { parseYenInput } from '@warikan/core'
import { h, replace } from './dom'
import { groupAsTyped } from './planner-inputs'
import type { EditHooks } from './rule-editor'

type Json = Record<string, unknown>

const PRESETS: Array<[string, string, Json]> = [
  ['equal', '均等割 100%', { equal: 1 }],
  ['population', '人口割 100%', { population: 1 }],
  ['mix', '均等割 10% ＋ 人口割 90%', { equal: 0.1, population: 0.9 }],
]

/** A cost id not used yet: `item-1`, `item-2` … */
export function newCostId(doc: Json): string {
  const used = new Set((doc.costs as Json[]).map((c) => String(c.id)))
  let n = 1
  while (used.has(`item-${n}`)) n++
  return `item-${n}`
}

export function addCostForm(hooks: EditHooks): HTMLElement {
  const message = h('p', { class: 'field-message', role: 'alert' })
  const name = h('input', { id: 'add-cost-name', type: 'text', autocomplete: 'off' })
  const amount = h('input', {
    id: 'add-cost-amount',
    type: 'text',
    inputmode: 'numeric',
    autocomplete: 'off',
    placeholder: '例: 1億8000万',
    oninput: () => groupAsTyped(amount),
  })
  const preset = h(
    'select',
    { id: 'add-cost-rule' },
    PRESETS.map(([v, t]) => h('option', { value: v }, t)),
  )
  const field = (id: string, label: string, el: HTMLElement) =>
    h('label', { class: 'field', for: id }, h('span', {}, label), el)
  return h(
    'form',
    {
      class: 'add-cost',
      'aria-labelledby': 'add-cost-title',
      onsubmit: (e: Event) => {
        e.preventDefault()
        const problems: string[] = []
        const n = name.value.trim()
        if (!n) problems.push('費目名を入力してください (empty name)')
        const a = parseYenInput(amount.value)
        if (!a.ok) problems.push(`金額: ${a.message}`)
        if (problems.length || !a.ok) return replace(message, problems.join(' / '))
        replace(message, '')
        const rule = structuredClone(PRESETS.find(([v]) => v === preset.value)![2])
        hooks.structure(`費目「${n}」を追加`, (d) => {
          ;(d.costs as Json[]).push({ id: newCostId(d), name: n, amount: a.value, rule })
        })
      },
    },
    h('h3', { id: 'add-cost-title' }, '費目を追加'),
    h(
      'div',
      { class: 'weights' },
      field('add-cost-name', '費目名', name),
      field('add-cost-amount', '金額（円）', amount),
      field('add-cost-rule', '按分方法', preset),
    ),
    message,
    h('button', { type: 'submit', 'data-action': 'add-cost' }, '費目を追加'),
  )
}
