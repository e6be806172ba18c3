/**
 * Cost items with their rules (按分ルール), editable: name, amount, driver weights, traffic basis, fixed shares and
 * the participating subset, and a button to delete the item. Amounts and weights are read in the planner's
 * notation by the core (`1億8000万`, `30%`, `1/3`); every change asks the studio for a recompute, and messages
 * come from the core validator with their field paths (e.g. `costs[0].rule`).
 */
import {
  add,
  formatPercent,
  fromDecimal,
  toNumber,
  ZERO,
  type InputIssue,
  type Rational,
} from '@warikan/core'
import { showYen } from './display-unit'
import { h, replace } from './dom'
import {
  plannerInput,
  weightField,
  weightInputText,
  yenField,
  yenInputText,
} from './planner-inputs'
import { issueText } from './issue-text'
import { metricLabel } from './labels'

type Json = Record<string, unknown>

export interface EditorHandle {
  el: HTMLElement
  /** refresh sums, counts and messages after a recompute */
  update(issues: InputIssue[]): void
}

/** How an editor changes the document: undo steps, value changes and structural changes go to the state. */
export interface EditHooks {
  /** before the first change in a field (one undo step per field) */
  begin(key: string, label: string): void
  end(): void
  /** a value changed: recompute */
  changed(): void
  /** a change that adds or removes parts of the document (rebuilds the editors) */
  structure(label: string, change: (doc: Json) => void): void
}

const WEIGHT_FIELDS: Array<[string, string]> = [
  ['equal', '均等割'],
  ['population', '人口割'],
  ['traffic', '利用実績割'],
]

/** A driver's weight: the value itself, or `.weight` of an object form ({ weight, classes }). */
const weightOf = (v: unknown): unknown =>
  typeof v === 'object' && v !== null ? (v as Json).weight : v

function safeRational(v: unknown): Rational | undefined {
  if (v === undefined) return ZERO
  try {
    return fromDecimal(v as number | string)
  } catch {
    return undefined
  }
}

/** Σ weights of a rule, exactly; undefined when a weight is not a number yet. */
export function weightSum(rule: Json): Rational | undefined {
  if (rule.fixed !== undefined) return undefined
  const sp = rule.scaledPopulation as Json | undefined
  const metrics =
    rule.metric === undefined ? [] : Array.isArray(rule.metric) ? rule.metric : [rule.metric]
  const parts = [
    weightOf(rule.equal),
    rule.population,
    rule.traffic,
    sp?.weight,
    ...metrics.map((m) => (m as Json).weight),
  ]
  let total = ZERO
  for (const p of parts) {
    const r = safeRational(p)
    if (!r) return undefined
    total = add(total, r)
  }
  return total
}

export function costEditor(doc: Json, costIndex: number, hooks: EditHooks): EditorHandle {
  const cost = (doc.costs as Json[])[costIndex]!
  const members = doc.members as Json[]
  const rule = cost.rule as Json
  const id = String(cost.id)
  const at = `costs[${costIndex}]`
  const inputId = (field: string) => `cost-${costIndex}-${field.replace(/[^\w-]/g, '_')}`
  const label = () => `費目「${String(cost.name)}」`

  const messages = h('ul', { class: 'issues', 'aria-live': 'polite' })
  const sum = h('output', { class: 'weight-sum' })
  const partCount = h('span', {})
  const hooked = (key: string, what: string) => ({
    errorLabel: `${label()}の${what}`,
    onBegin: () => hooks.begin(`${at}.${key}`, `${label()}の${what}`),
    onEnd: () => hooks.end(),
  })

  const weight = (
    text: string,
    key: string,
    value: unknown,
    set: (v: number | string | undefined) => void,
  ) =>
    weightField({
      id: inputId(key),
      label: text,
      text: weightInputText(value),
      optional: true,
      attrs: { 'data-cost': id, 'data-field': key },
      ...hooked(key, text),
      onValue: (v) => {
        set(v)
        hooks.changed()
      },
    }).el

  const setWeight = (key: string) => (v: number | string | undefined) => {
    if (v === undefined) delete rule[key]
    else rule[key] = v
  }

  const body: Array<HTMLElement | null> = []
  const nameField = plannerInput<string>({
    id: inputId('name'),
    label: '費目名',
    text: String(cost.name ?? ''),
    parse: (t) =>
      t.trim()
        ? { ok: true, value: t.trim() }
        : { ok: false, message: '費目名を入力してください (empty)' },
    format: (v) => v,
    attrs: { 'data-cost': id, 'data-field': 'name' },
    className: 'name',
    ...hooked('name', '名前'),
    onValue: (v) => {
      cost.name = v
      legend.textContent = String(v)
      hooks.changed()
    },
  })
  body.push(
    h(
      'div',
      { class: 'weights' },
      nameField.el,
      yenField({
        id: inputId('amount'),
        label: '金額（円）',
        text: yenInputText(cost.amount),
        attrs: { 'data-cost': id, 'data-field': 'amount', inputmode: 'numeric' },
        className: 'amount',
        ...hooked('amount', '金額'),
        onValue: (v) => {
          cost.amount = v
          hooks.changed()
        },
      }).el,
    ),
  )

  if (rule.fixed !== undefined) {
    const fixed = rule.fixed as Json
    body.push(
      h(
        'div',
        { class: 'fixed-shares' },
        h('p', { class: 'muted' }, '固定割合（合計がちょうど 100% になるように）'),
        h(
          'div',
          { class: 'weights' },
          Object.keys(fixed).map((code) => {
            const m = members.find((x) => x.code === code)
            return weight(String(m?.name ?? code), `fixed.${code}`, fixed[code], (v) => {
              fixed[code] = v === undefined ? 0 : v
            })
          }),
          h('div', { class: 'field sum' }, h('span', {}, '割合の合計'), sum),
        ),
      ),
    )
  } else {
    const weights = h('div', { class: 'weights' })
    for (const [key, text] of WEIGHT_FIELDS) {
      const v = rule[key]
      // 均等割 by class ({ weight, classes }, 規約 conventions): the weight is edited, the classes kept
      if (typeof v === 'object' && v !== null)
        weights.append(
          weight(`${text}（区分別）`, key, (v as Json).weight, (w) => {
            ;(v as Json).weight = w ?? 0
          }),
        )
      else weights.append(weight(text, key, v, setWeight(key)))
    }
    const sp = rule.scaledPopulation as Json | undefined
    weights.append(
      weight('人口割（逓減）', 'scaledPopulation.weight', sp?.weight, (v) => {
        if (v === undefined) delete rule.scaledPopulation
        else
          rule.scaledPopulation = {
            exponent: 0.585,
            ...(rule.scaledPopulation as Json | undefined),
            weight: v,
          }
      }),
    )
    if (sp) {
      weights.append(
        plannerInput<number>({
          id: inputId('scaledPopulation.exponent'),
          label: '逓減の指数',
          text: String(sp.exponent ?? ''),
          parse: (t) => {
            const n = Number(t.normalize('NFKC').trim())
            return t.trim() && n > 0 && n <= 1
              ? { ok: true, value: n }
              : { ok: false, message: '指数は 0 より大きく 1 以下の数です (0 < exponent ≤ 1)' }
          },
          format: String,
          attrs: {
            'data-cost': id,
            'data-field': 'scaledPopulation.exponent',
            inputmode: 'decimal',
          },
          ...hooked('exponent', '逓減の指数'),
          onValue: (v) => {
            const cur = rule.scaledPopulation as Json | undefined
            if (cur && v !== undefined) cur.exponent = v
            hooks.changed()
          },
        }).el,
      )
    }
    const metrics =
      rule.metric === undefined
        ? []
        : Array.isArray(rule.metric)
          ? (rule.metric as Json[])
          : [rule.metric as Json]
    metrics.forEach((m, k) =>
      weights.append(
        weight(`指標割（${metricLabel(String(m.name))}）`, `metric.${k}`, m.weight, (v) => {
          m.weight = v ?? 0
        }),
      ),
    )
    weights.append(h('div', { class: 'field sum' }, h('span', {}, '重みの合計'), sum))
    body.push(weights)
    if (rule.traffic !== undefined) {
      const traffic = (cost.traffic ?? {}) as Json
      const select = (
        key: 'basis' | 'unit',
        text: string,
        options: Array<[string, string]>,
        def: string,
      ) =>
        h(
          'label',
          { class: 'field' },
          h('span', {}, text),
          h(
            'select',
            {
              'data-cost': id,
              'data-field': `traffic.${key}`,
              onchange: (e: Event) => {
                hooks.begin(`${at}.traffic.${key}:${Date.now()}`, `${label()}の${text}`)
                cost.traffic = {
                  ...(cost.traffic as Json | undefined),
                  [key]: (e.target as HTMLSelectElement).value,
                }
                hooks.end()
                hooks.changed()
              },
            },
            options.map(([v, t]) =>
              h('option', { value: v, selected: (traffic[key] ?? def) === v }, t),
            ),
          ),
        )
      body.push(
        h(
          'div',
          { class: 'weights' },
          select(
            'basis',
            '実績の数え方',
            [
              ['provider', '提供元が負担'],
              ['requester', '照会元が負担'],
              ['split', '双方で折半'],
            ],
            'split',
          ),
          select(
            'unit',
            '単位',
            [
              ['queries', '照会件数'],
              ['records', '件数（records）'],
            ],
            'queries',
          ),
        ),
      )
    }
  }

  // Participants (参加団体): all checked = every member (the `members` key is removed).
  const checks = members.map((m) => {
    const code = String(m.code)
    const box = h('input', {
      type: 'checkbox',
      'data-cost': id,
      'data-member': code,
      checked: !cost.members || (cost.members as string[]).includes(code),
      onchange: () => {
        hooks.begin(`${at}.members:${Date.now()}`, `${label()}の参加団体`)
        const chosen = checks.filter((c) => c.checked).map((c) => c.dataset.member!)
        if (chosen.length === members.length) delete cost.members
        else cost.members = chosen
        hooks.end()
        hooks.changed()
      },
    })
    return box
  })
  const participants = h(
    'details',
    { class: 'participants' },
    h('summary', {}, '参加団体 ', partCount),
    h(
      'div',
      { class: 'checks' },
      checks.map((box, i) => h('label', {}, box, String(members[i]!.name))),
    ),
  )

  const legend = h('span', { class: 'legend-name' }, String(cost.name))
  const remove = h(
    'button',
    {
      type: 'button',
      class: 'danger small',
      'data-action': 'delete-cost',
      'data-cost': id,
      onclick: () =>
        hooks.structure(`${label()}を削除`, (d) => {
          ;(d.costs as Json[]).splice(costIndex, 1)
        }),
    },
    'この費目を削除',
  )

  const el = h(
    'fieldset',
    { class: 'cost-editor', 'data-cost': id },
    h('legend', {}, legend, ' ', h('span', { class: 'code' }, id)),
    body,
    participants,
    messages,
    h('div', { class: 'row end' }, remove),
  )

  return {
    el,
    update(issues) {
      const mine = issues.filter(
        (i) => i.path === at || i.path.startsWith(`${at}.`) || i.path.startsWith(`${at}[`),
      )
      replace(
        messages,
        mine.map((i) =>
          h('li', { class: 'issue' }, h('code', {}, i.path), ' ', issueText(i.message)),
        ),
      )
      el.classList.toggle('invalid', mine.length > 0)
      const s = rule.fixed !== undefined ? fixedSum(rule.fixed as Json) : weightSum(rule)
      if (s) {
        const ok = s.n === s.d
        const pct = formatPercent(toNumber(s), s.d === 1n || 1000n % s.d === 0n ? 1 : 2)
        sum.textContent = `${pct} ${ok ? '✓' : '✗（100% にしてください）'}`
        sum.title = `厳密な値 ${s.n}/${s.d}`
        sum.dataset.exact = `${s.n}/${s.d}`
        sum.className = `weight-sum ${ok ? 'ok' : 'bad'}`
      } else {
        sum.textContent = '—'
        sum.className = 'weight-sum bad'
      }
      const n = cost.members ? (cost.members as unknown[]).length : members.length
      partCount.textContent = `（${n} / ${members.length} 団体、${showYen(Number(cost.amount) || 0)}）`
    },
  }
}

function fixedSum(fixed: Json): Rational | undefined {
  let total = ZERO
  for (const v of Object.values(fixed)) {
    const r = safeRational(v)
    if (!r) return undefined
    total = add(total, r)
  }
  return total
}
