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
  METHOD_LABELS,
  ROUNDING_METHODS,
  ROUNDING_UNITS,
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

const UNIT_LABELS: Record<number, string> = {
  1: '1 円',
  10: '10 円',
  100: '100 円',
  1000: '1,000 円（千円）',
  10000: '10,000 円（万円）',
}
/** Classes of class-weighted 均等割 offered in the editor. */
const CLASSES = ['市', '町', '村'] as const

interface FieldContext {
  id: string
  at: string
  label: () => string
  hooks: EditHooks
  hooked: (
    key: string,
    what: string,
  ) => { errorLabel: string; onBegin: () => void; onEnd: () => void }
  inputId: (field: string) => string
}

/** A `<select>` whose change is one undo step. */
function selectField(
  ctx: FieldContext,
  key: string,
  text: string,
  options: Array<[string, string]>,
  current: string,
  set: (value: string) => void,
): HTMLElement {
  return h(
    'label',
    { class: 'field' },
    h('span', {}, text),
    h(
      'select',
      {
        'data-cost': ctx.id,
        'data-field': key,
        onchange: (e: Event) => {
          ctx.hooks.begin(`${ctx.at}.${key}:${Date.now()}`, `${ctx.label()}の${text}`)
          set((e.target as HTMLSelectElement).value)
          ctx.hooks.end()
          ctx.hooks.changed()
        },
      },
      options.map(([v, t]) => h('option', { value: v, selected: current === v }, t)),
    ),
  )
}

/**
 * The fields of one rule (the item's or a part's): its weights, or its fixed shares, the class factors of
 * 均等割; `sums` gets the rule's Σ updater.
 */
function ruleFields(
  ctx: FieldContext,
  rule: Json,
  prefix: string,
  members: Json[],
  sums: Array<() => void>,
): HTMLElement[] {
  const sum = h('output', { class: 'weight-sum', 'data-rule': prefix })
  const weight = (
    text: string,
    key: string,
    value: unknown,
    set: (v: number | string | undefined) => void,
  ) =>
    weightField({
      id: ctx.inputId(`${prefix}${key}`),
      label: text,
      text: weightInputText(value),
      optional: true,
      attrs: { 'data-cost': ctx.id, 'data-field': `${prefix}${key}` },
      ...ctx.hooked(`${prefix}${key}`, text),
      onValue: (v) => {
        set(v)
        ctx.hooks.changed()
      },
    }).el
  const setWeight = (key: string) => (v: number | string | undefined) => {
    if (v === undefined) delete rule[key]
    else rule[key] = v
  }
  sums.push(() => {
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
  })

  if (rule.fixed !== undefined) {
    const fixed = rule.fixed as Json
    return [
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
    ]
  }
  const out: HTMLElement[] = []
  const weights = h('div', { class: 'weights' })
  for (const [key, text] of WEIGHT_FIELDS) {
    if (key === 'equal') {
      weights.append(
        weight(text, key, weightOf(rule.equal), (w) => {
          const v = rule.equal
          if (typeof v === 'object' && v !== null) (v as Json).weight = w ?? 0
          else setWeight(key)(w)
        }),
      )
    } else weights.append(weight(text, key, rule[key], setWeight(key)))
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
        id: ctx.inputId(`${prefix}scaledPopulation.exponent`),
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
          'data-cost': ctx.id,
          'data-field': `${prefix}scaledPopulation.exponent`,
          inputmode: 'decimal',
        },
        ...ctx.hooked(`${prefix}exponent`, '逓減の指数'),
        onValue: (v) => {
          const cur = rule.scaledPopulation as Json | undefined
          if (cur && v !== undefined) cur.exponent = v
          ctx.hooks.changed()
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
  out.push(weights)

  // 均等割 by class: a factor per class (市/町/村); all empty = plain 均等割.
  const classes = (
    typeof rule.equal === 'object' && rule.equal !== null ? (rule.equal as Json).classes : {}
  ) as Json
  out.push(
    h(
      'details',
      {
        class: 'class-factors',
        'data-field': `${prefix}equal.classes`,
        open: Object.keys(classes).length > 0,
      },
      h('summary', {}, '均等割の区分係数（市・町・村、空欄: 区分なし）'),
      h(
        'div',
        { class: 'weights' },
        CLASSES.map((c) =>
          weight(`${c}の係数`, `equal.classes.${c}`, classes[c], (v) => {
            const cur = rule.equal
            const w = typeof cur === 'object' && cur !== null ? (cur as Json).weight : (cur ?? 0)
            const next = {
              ...(typeof cur === 'object' && cur !== null ? ((cur as Json).classes as Json) : {}),
            }
            if (v === undefined) delete next[c]
            else next[c] = v
            rule.equal = Object.keys(next).length ? { weight: w, classes: next } : w
          }),
        ),
      ),
    ),
  )
  return out
}

const ruleUsesTraffic = (cost: Json): boolean =>
  cost.parts
    ? (cost.parts as Json[]).some((p) => (p.rule as Json | undefined)?.traffic !== undefined)
    : (cost.rule as Json | undefined)?.traffic !== undefined

/** Participant checkboxes: all checked = every member (the `members` key is removed from `owner`). */
function memberChecks(
  ctx: FieldContext,
  owner: Json,
  key: string,
  text: string,
  members: Json[],
  count: HTMLElement,
): HTMLElement {
  const checks = members.map((m) => {
    const code = String(m.code)
    return h('input', {
      type: 'checkbox',
      'data-cost': ctx.id,
      'data-field': key,
      'data-member': code,
      checked: !owner.members || (owner.members as string[]).includes(code),
      onchange: () => {
        ctx.hooks.begin(`${ctx.at}.${key}:${Date.now()}`, `${ctx.label()}の${text}`)
        const chosen = checks.filter((c) => c.checked).map((c) => c.dataset.member!)
        if (chosen.length === members.length) delete owner.members
        else owner.members = chosen
        ctx.hooks.end()
        ctx.hooks.changed()
      },
    })
  })
  return h(
    'details',
    { class: 'participants', 'data-field': key },
    h('summary', {}, `${text} `, count),
    h(
      'div',
      { class: 'checks' },
      checks.map((box, i) => h('label', {}, box, String(members[i]!.name))),
    ),
  )
}

/** The item's rounding (丸め単位, 端数処理, 調整団体, 単価の小数桁, 按分方法ごと). */
function roundingFields(ctx: FieldContext, cost: Json, members: Json[]): HTMLElement {
  const r = (cost.rounding ?? {}) as Json
  const set = (key: string, value: unknown) => {
    const next = { ...(cost.rounding as Json | undefined) }
    if (value === undefined) delete next[key]
    else next[key] = value
    if (Object.keys(next).length) cost.rounding = next
    else delete cost.rounding
  }
  return h(
    'div',
    { class: 'weights rounding' },
    selectField(
      ctx,
      'rounding.unit',
      '丸め単位',
      [
        ['', '既定（1 円）'],
        ...ROUNDING_UNITS.map((u): [string, string] => [String(u), UNIT_LABELS[u]!]),
      ],
      r.unit === undefined ? '' : String(r.unit),
      (v) => set('unit', v ? Number(v) : undefined),
    ),
    selectField(
      ctx,
      'rounding.method',
      '端数処理',
      [
        ['', `既定（${METHOD_LABELS.largestRemainder}）`],
        ...ROUNDING_METHODS.map((m): [string, string] => [m, METHOD_LABELS[m]]),
      ],
      r.method === undefined ? '' : String(r.method),
      (v) => set('method', v || undefined),
    ),
    selectField(
      ctx,
      'rounding.adjuster',
      '端数調整団体',
      [
        ['', '指定しない'],
        ['largestShare', '最大負担団体'],
        // every member: the participants may change while the picker is open; the core names a non-participant
        ...members.map((m): [string, string] => [String(m.code), String(m.name)]),
        ...(typeof r.adjuster === 'string' &&
        r.adjuster !== 'largestShare' &&
        !members.some((m) => m.code === r.adjuster)
          ? [[String(r.adjuster), String(r.adjuster)] as [string, string]]
          : []),
      ],
      r.adjuster === undefined ? '' : String(r.adjuster),
      (v) => set('adjuster', v || undefined),
    ),
    selectField(
      ctx,
      'rounding.priceDecimals',
      '単価の小数桁',
      [
        ['', '既定（0）'],
        ['0', '0 桁'],
        ['1', '1 桁'],
        ['2', '2 桁'],
        ['3', '3 桁'],
      ],
      r.priceDecimals === undefined ? '' : String(r.priceDecimals),
      (v) => set('priceDecimals', v === '' ? undefined : Number(v)),
    ),
    h(
      'label',
      { class: 'field check' },
      h('input', {
        type: 'checkbox',
        'data-cost': ctx.id,
        'data-field': 'rounding.perPart',
        checked: r.perPart === true,
        onchange: (e: Event) => {
          ctx.hooks.begin(
            `${ctx.at}.rounding.perPart:${Date.now()}`,
            `${ctx.label()}の按分方法ごとの端数処理`,
          )
          set('perPart', (e.target as HTMLInputElement).checked || undefined)
          ctx.hooks.end()
          ctx.hooks.changed()
        },
      }),
      h('span', {}, '按分方法ごとに端数処理（perPart）'),
    ),
  )
}

export function costEditor(doc: Json, costIndex: number, hooks: EditHooks): EditorHandle {
  const cost = (doc.costs as Json[])[costIndex]!
  const members = doc.members as Json[]
  const id = String(cost.id)
  const at = `costs[${costIndex}]`
  const inputId = (field: string) => `cost-${costIndex}-${field.replace(/[^\w-]/g, '_')}`
  const label = () => `費目「${String(cost.name)}」`

  const messages = h('ul', { class: 'issues', 'aria-live': 'polite' })
  const partCount = h('span', {})
  const hooked = (key: string, what: string) => ({
    errorLabel: `${label()}の${what}`,
    onBegin: () => hooks.begin(`${at}.${key}`, `${label()}の${what}`),
    onEnd: () => hooks.end(),
  })
  const ctx: FieldContext = { id, at, label, hooks, hooked, inputId }
  const sums: Array<() => void> = []
  const counts: Array<() => void> = []

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

  const parts = cost.parts as Json[] | undefined
  if (parts) {
    body.push(
      h(
        'div',
        { class: 'parts' },
        parts.map((part, k) => {
          const pp = `parts[${k}].`
          const name = () => String(part.name ?? `部分${k + 1}`)
          const count = h('span', {})
          counts.push(() => {
            const n = part.members ? (part.members as unknown[]).length : members.length
            count.textContent = `（${n} / ${members.length} 団体）`
          })
          return h(
            'fieldset',
            { class: 'part-editor', 'data-part': String(k) },
            h('legend', {}, `部分 ${k + 1}`),
            h(
              'div',
              { class: 'weights' },
              plannerInput<string>({
                id: inputId(`${pp}name`),
                label: '部分の名前',
                text: String(part.name ?? ''),
                parse: (t) => ({ ok: true, value: t.trim() }),
                format: (v) => v,
                optional: true,
                attrs: { 'data-cost': id, 'data-field': `${pp}name` },
                ...hooked(`${pp}name`, `部分${k + 1}の名前`),
                onValue: (v) => {
                  if (v) part.name = v
                  else delete part.name
                  hooks.changed()
                },
              }).el,
              weightField({
                id: inputId(`${pp}weight`),
                label: '部分の割合',
                text: weightInputText(part.weight),
                attrs: { 'data-cost': id, 'data-field': `${pp}weight` },
                ...hooked(`${pp}weight`, `部分${k + 1}の割合`),
                onValue: (v) => {
                  part.weight = v ?? 0
                  hooks.changed()
                },
              }).el,
            ),
            ruleFields(ctx, part.rule as Json, `${pp}rule.`, members, sums),
            memberChecks(ctx, part, `${pp}members`, `${name()}の参加団体`, members, count),
            h(
              'div',
              { class: 'row end' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'danger small',
                  'data-action': 'delete-part',
                  'data-cost': id,
                  'data-part': String(k),
                  onclick: () =>
                    hooks.structure(`${label()}の${name()}を削除`, (d) => {
                      const c = (d.costs as Json[])[costIndex]!
                      const ps = c.parts as Json[]
                      ps.splice(k, 1)
                      // the last part left becomes the item's rule again
                      if (ps.length === 1 && !ps[0]!.members && !ps[0]!.rounding) {
                        c.rule = ps[0]!.rule
                        delete c.parts
                      } else if (ps.length === 0) {
                        c.rule = { equal: 1 }
                        delete c.parts
                      }
                    }),
                },
                'この部分を削除',
              ),
            ),
          )
        }),
      ),
    )
  } else {
    // an item with neither rule nor parts is reported by the validator (costs[i].rule)
    body.push(...ruleFields(ctx, (cost.rule ?? {}) as Json, '', members, sums))
  }
  const addPart = h(
    'button',
    {
      type: 'button',
      class: 'small',
      'data-action': 'add-part',
      'data-cost': id,
      onclick: () =>
        hooks.structure(`${label()}に部分を追加`, (d) => {
          const c = (d.costs as Json[])[costIndex]!
          if (!c.parts) {
            c.parts = [{ name: '部分1', weight: 1, rule: c.rule ?? { equal: 1 } }]
            delete c.rule
          }
          const ps = c.parts as Json[]
          ps.push({ name: `部分${ps.length + 1}`, weight: 0, rule: { equal: 1 } })
        }),
    },
    '部分を追加',
  )

  if (ruleUsesTraffic(cost)) {
    const traffic = (cost.traffic ?? {}) as Json
    const select = (
      key: 'basis' | 'unit',
      text: string,
      options: Array<[string, string]>,
      def: string,
    ) =>
      selectField(ctx, `traffic.${key}`, text, options, String(traffic[key] ?? def), (v) => {
        cost.traffic = { ...(cost.traffic as Json | undefined), [key]: v }
      })
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

  body.push(h('h4', { class: 'sub' }, '端数処理'), roundingFields(ctx, cost, members))

  // 特定財源の控除 (deductions): name + amount, subtracted before the split.
  const deductions = (cost.deductions ?? []) as Json[]
  body.push(
    h(
      'div',
      { class: 'deductions' },
      h('h4', { class: 'sub' }, '特定財源の控除'),
      deductions.map((dd, k) =>
        h(
          'div',
          { class: 'weights deduction', 'data-deduction': String(k) },
          plannerInput<string>({
            id: inputId(`deductions.${k}.name`),
            label: '財源の名前',
            text: String(dd.name ?? ''),
            parse: (t) =>
              t.trim()
                ? { ok: true, value: t.trim() }
                : { ok: false, message: '名前を入力してください (empty)' },
            format: (v) => v,
            attrs: { 'data-cost': id, 'data-field': `deductions.${k}.name` },
            ...hooked(`deductions.${k}.name`, `控除${k + 1}の名前`),
            onValue: (v) => {
              dd.name = v
              hooks.changed()
            },
          }).el,
          yenField({
            id: inputId(`deductions.${k}.amount`),
            label: '控除額（円）',
            className: 'amount',
            text: yenInputText(dd.amount),
            attrs: {
              'data-cost': id,
              'data-field': `deductions.${k}.amount`,
              inputmode: 'numeric',
            },
            ...hooked(`deductions.${k}.amount`, `控除${k + 1}の金額`),
            onValue: (v) => {
              dd.amount = v ?? 0
              hooks.changed()
            },
          }).el,
          h(
            'button',
            {
              type: 'button',
              class: 'danger small',
              'data-action': 'delete-deduction',
              onclick: () =>
                hooks.structure(`${label()}の控除を削除`, (d) => {
                  const c = (d.costs as Json[])[costIndex]!
                  ;(c.deductions as Json[]).splice(k, 1)
                  if (!(c.deductions as Json[]).length) delete c.deductions
                }),
            },
            '削除',
          ),
        ),
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'small',
          'data-action': 'add-deduction',
          'data-cost': id,
          onclick: () =>
            hooks.structure(`${label()}に控除を追加`, (d) => {
              const c = (d.costs as Json[])[costIndex]!
              c.deductions = [
                ...((c.deductions as Json[] | undefined) ?? []),
                { name: '特定財源', amount: 0 },
              ]
            }),
        },
        '控除を追加',
      ),
    ),
  )

  const participants = memberChecks(ctx, cost, 'members', '参加団体', members, partCount)

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
    h('div', { class: 'row end' }, addPart, remove),
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
      for (const s of sums) s()
      for (const c of counts) c()
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
