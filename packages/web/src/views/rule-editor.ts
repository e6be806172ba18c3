/**
 * Cost items with their rules (按分ルール), editable: amount, driver weights, traffic basis, fixed shares and
 * the participating subset. Every keystroke edits the document and asks for a recompute; messages come from
 * the core validator with their field paths (e.g. `costs[0].rule`).
 */
import {
  add,
  fromDecimal,
  formatYen,
  toFractionString,
  ZERO,
  type InputIssue,
  type Rational,
} from '@warikan/core'
import { h, replace } from './dom'

type Json = Record<string, unknown>

interface EditorHandle {
  el: HTMLElement
  /** refresh sums, counts and messages after a recompute */
  update(issues: InputIssue[]): void
}

const WEIGHT_FIELDS: Array<[string, string]> = [
  ['equal', '均等割'],
  ['population', '人口割'],
  ['traffic', '利用実績割'],
]

/** '' → undefined; an exact decimal that round-trips → number; anything else stays text (the validator names it). */
export function parseWeight(text: string): number | string | undefined {
  const t = text.trim()
  if (!t) return undefined
  if (/^\d+(\.\d+)?$/.test(t) && String(Number(t)) === t.replace(/^0+(?=\d)/, '')) return Number(t)
  return t
}

function parseAmount(text: string): number | string {
  const t = text.replace(/[,，¥\s]/g, '')
  return /^\d+$/.test(t) ? Number(t) : text
}

const weightText = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v)

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
    rule.equal,
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

export function costEditor(doc: Json, costIndex: number, onChange: () => void): EditorHandle {
  const cost = (doc.costs as Json[])[costIndex]!
  const members = doc.members as Json[]
  const rule = cost.rule as Json
  const id = String(cost.id)
  const at = `costs[${costIndex}]`
  const inputId = (field: string) => `cost-${costIndex}-${field}`

  const messages = h('ul', { class: 'issues', 'aria-live': 'polite' })
  const sum = h('output', { class: 'weight-sum', for: '' })
  const partCount = h('span', {})

  const field = (
    label: string,
    key: string,
    value: string,
    set: (text: string) => void,
    attrs: Record<string, string> = {},
  ) =>
    h(
      'label',
      { class: 'field', for: inputId(key) },
      h('span', {}, label),
      h('input', {
        id: inputId(key),
        type: 'text',
        inputmode: 'decimal',
        value,
        'data-cost': id,
        'data-field': key,
        autocomplete: 'off',
        oninput: (e: Event) => {
          set((e.target as HTMLInputElement).value)
          onChange()
        },
        ...attrs,
      }),
    )

  const setWeight = (key: string) => (text: string) => {
    const v = parseWeight(text)
    if (v === undefined) delete rule[key]
    else rule[key] = v
  }

  const body: Array<HTMLElement | null> = []
  body.push(
    field(
      '金額（円）',
      'amount',
      String(cost.amount ?? ''),
      (t) => (cost.amount = parseAmount(t)),
      {
        inputmode: 'numeric',
        class: 'amount',
      },
    ),
  )

  if (rule.fixed !== undefined) {
    const fixed = rule.fixed as Json
    body.push(
      h(
        'div',
        { class: 'fixed-shares' },
        h('p', { class: 'muted' }, '固定割合（合計がちょうど1になるように）'),
        Object.keys(fixed).map((code) => {
          const m = members.find((x) => x.code === code)
          return field(
            `${String(m?.name ?? code)}`,
            `fixed.${code}`,
            weightText(fixed[code]),
            (t) => {
              const v = parseWeight(t)
              fixed[code] = v === undefined ? 0 : v
            },
          )
        }),
      ),
    )
  } else {
    const weights = h('div', { class: 'weights' })
    for (const [key, label] of WEIGHT_FIELDS)
      weights.append(field(label, key, weightText(rule[key]), setWeight(key)))
    const sp = rule.scaledPopulation as Json | undefined
    weights.append(
      field('人口割（逓減）', 'scaledPopulation.weight', weightText(sp?.weight), (t) => {
        const v = parseWeight(t)
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
        field('逓減の指数', 'scaledPopulation.exponent', weightText(sp.exponent), (t) => {
          const cur = rule.scaledPopulation as Json | undefined
          if (cur) cur.exponent = Number(t.trim()) || t
        }),
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
        field(`指標割（${String(m.name)}）`, `metric.${k}`, weightText(m.weight), (t) => {
          m.weight = parseWeight(t) ?? 0
        }),
      ),
    )
    weights.append(h('div', { class: 'field sum' }, h('span', {}, '重みの合計'), sum))
    body.push(weights)
    if (rule.traffic !== undefined) {
      const traffic = (cost.traffic ?? {}) as Json
      const select = (
        key: 'basis' | 'unit',
        label: string,
        options: Array<[string, string]>,
        def: string,
      ) =>
        h(
          'label',
          { class: 'field' },
          h('span', {}, label),
          h(
            'select',
            {
              'data-cost': id,
              'data-field': `traffic.${key}`,
              onchange: (e: Event) => {
                cost.traffic = {
                  ...(cost.traffic as Json | undefined),
                  [key]: (e.target as HTMLSelectElement).value,
                }
                onChange()
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
        const chosen = checks.filter((c) => c.checked).map((c) => c.dataset.member!)
        if (chosen.length === members.length) delete cost.members
        else cost.members = chosen
        onChange()
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

  const el = h(
    'fieldset',
    { class: 'cost-editor', 'data-cost': id },
    h('legend', {}, String(cost.name)),
    body,
    participants,
    messages,
  )

  return {
    el,
    update(issues) {
      const mine = issues.filter(
        (i) => i.path === at || i.path.startsWith(`${at}.`) || i.path.startsWith(`${at}[`),
      )
      replace(
        messages,
        mine.map((i) => h('li', { class: 'issue' }, h('code', {}, i.path), ' ', i.message)),
      )
      el.classList.toggle('invalid', mine.length > 0)
      const s = weightSum(rule)
      if (s) {
        const ok = s.n === s.d
        sum.textContent = `${toFractionString(s)} ${ok ? '✓' : '✗（1にしてください）'}`
        sum.className = `weight-sum ${ok ? 'ok' : 'bad'}`
      } else if (rule.fixed === undefined) {
        sum.textContent = '—'
        sum.className = 'weight-sum bad'
      }
      const n = cost.members ? (cost.members as unknown[]).length : members.length
      partCount.textContent = `（${n} / ${members.length} 団体、${formatYen(Number(cost.amount) || 0)}）`
    },
  }
}
