/**
 * 構成団体の編集: the members of the scenario (name, 種別, 人口 and its 基準日, 単独導入費用, 指標), a form that adds a
 * member from its 団体コード (check digit checked by the core, as the validator does), and removal (the member
 * leaves every cost item's participant list and fixed shares too). Every change is one undo step.
 */
import {
  checkLocalGovCode,
  formatDateJa,
  localGovCheckDigit,
  memberSchema,
  normalizePlannerText,
  parseCountInput,
  parseYenInput as parseYen,
  type InputResult,
} from '@warikan/core'
import { h, replace } from './dom'
import type { EditHooks } from './rule-editor'
import { metricLabel } from './labels'
import {
  countField,
  countInputText,
  groupAsTyped,
  plannerInput,
  yenField,
  yenInputText,
} from './planner-inputs'

type Json = Record<string, unknown>

/** `kind` (種別 for class-weighted 均等割) is offered only when the core's member schema has it. */
const HAS_KIND = 'kind' in (memberSchema as unknown as { shape: Json }).shape

/** The metric names a scenario uses (in members and in rules), in first-seen order. */
export function metricNames(doc: Json): string[] {
  const names = new Set<string>()
  for (const m of doc.members as Json[])
    for (const k of Object.keys((m.metrics as Json) ?? {})) names.add(k)
  for (const c of doc.costs as Json[])
    for (const rule of costRules(c)) {
      const metric = rule.metric
      for (const d of metric === undefined ? [] : Array.isArray(metric) ? metric : [metric])
        names.add(String((d as Json).name))
    }
  return [...names]
}

/** The rules of a cost item: its `rule`, or the rule of each of its `parts`. */
const costRules = (c: Json): Json[] =>
  c.parts ? (c.parts as Json[]).map((p) => (p.rule ?? {}) as Json) : c.rule ? [c.rule as Json] : []

/** A metric value: a non-negative number (`123`, `１２３`, `1,234.5`). */
export function parseMetricInput(text: string): InputResult<number> {
  const t = normalizePlannerText(text).replace(/,/g, '')
  if (/^\d+(\.\d+)?$/.test(t)) return { ok: true, value: Number(t) }
  const whole = parseCountInput(text)
  return whole.ok
    ? whole
    : { ok: false, message: '指標は 0 以上の数です: 例 123・1,234.5 (a non-negative number)' }
}

/** Removes a member everywhere it is named: members, cost participant lists, fixed shares. */
export function removeMember(doc: Json, code: string): void {
  doc.members = (doc.members as Json[]).filter((m) => m.code !== code)
  for (const c of doc.costs as Json[]) {
    if (Array.isArray(c.members)) c.members = (c.members as string[]).filter((x) => x !== code)
    for (const p of (c.parts as Json[] | undefined) ?? [])
      if (Array.isArray(p.members)) p.members = (p.members as string[]).filter((x) => x !== code)
    for (const rule of costRules(c)) {
      const fixed = rule.fixed as Json | undefined
      if (fixed && code in fixed) delete fixed[code]
    }
  }
  if (Array.isArray(doc.adjustments)) {
    doc.adjustments = (doc.adjustments as Json[]).filter((a) => a.code !== code)
    if (!(doc.adjustments as Json[]).length) delete doc.adjustments
  }
}

export function memberEditor(doc: Json, hooks: EditHooks): HTMLElement {
  const members = doc.members as Json[]
  const metrics = metricNames(doc)
  const begin = (key: string, label: string) => () => hooks.begin(key, label)
  const end = () => hooks.end()

  const dateInput = h('input', {
    type: 'date',
    id: 'population-date',
    value: typeof doc.populationDate === 'string' ? doc.populationDate : '',
    'data-field': 'populationDate',
    onchange: () => {
      hooks.begin(`populationDate:${Date.now()}`, '人口の基準日')
      if (dateInput.value) doc.populationDate = dateInput.value
      else delete doc.populationDate
      dateText.textContent = dateInput.value ? `（${formatDateJa(dateInput.value)}現在）` : ''
      hooks.end()
      hooks.changed()
    },
  })
  const dateText = h(
    'span',
    { class: 'muted' },
    typeof doc.populationDate === 'string' ? `（${formatDateJa(doc.populationDate)}現在）` : '',
  )

  const header = [
    '団体コード',
    '団体名',
    ...(HAS_KIND ? ['種別'] : []),
    '人口',
    '単独導入費用（円）',
    ...metrics.map((k) => `指標: ${metricLabel(k)}`),
    '',
  ]
  const rows = members.map((m, i) => {
    const code = String(m.code)
    const at = `members[${i}]`
    const who = `${String(m.name)}（${code}）`
    const cell = (el: HTMLElement) => h('td', {}, el)
    return h(
      'tr',
      { 'data-member-row': code },
      h('th', { scope: 'row' }, h('span', { class: 'code' }, code)),
      cell(
        plannerInput<string>({
          id: `member-${code}-name`,
          label: `${code} の団体名`,
          text: String(m.name ?? ''),
          parse: (t) =>
            t.trim()
              ? { ok: true, value: t.trim() }
              : { ok: false, message: '団体名を入力してください (empty)' },
          format: (v) => v,
          attrs: { 'data-member': code, 'data-field': 'name' },
          className: 'compact',
          onBegin: begin(`${at}.name`, `${who}の団体名`),
          onEnd: end,
          onValue: (v) => {
            m.name = v
            hooks.changed()
          },
        }).el,
      ),
      HAS_KIND
        ? cell(
            plannerInput<string>({
              id: `member-${code}-kind`,
              label: `${code} の種別`,
              text: typeof m.kind === 'string' ? m.kind : '',
              parse: (t) => ({ ok: true, value: t.trim() }),
              format: (v) => v,
              optional: true,
              attrs: {
                'data-member': code,
                'data-field': 'kind',
                placeholder: /[市町村区]$/.test(String(m.name)) ? String(m.name).slice(-1) : '',
              },
              className: 'compact',
              onBegin: begin(`${at}.kind`, `${who}の種別`),
              onEnd: end,
              onValue: (v) => {
                if (v) m.kind = v
                else delete m.kind
                hooks.changed()
              },
            }).el,
          )
        : null,
      cell(
        countField({
          id: `member-${code}-population`,
          label: `${code} の人口`,
          text: countInputText(m.population),
          attrs: { 'data-member': code, 'data-field': 'population', inputmode: 'numeric' },
          className: 'compact num',
          onBegin: begin(`${at}.population`, `${who}の人口`),
          onEnd: end,
          onValue: (v) => {
            m.population = v
            hooks.changed()
          },
        }).el,
      ),
      cell(
        yenField({
          id: `member-${code}-standalone`,
          label: `${code} の単独導入費用`,
          text: yenInputText(m.standaloneCost),
          optional: true,
          attrs: { 'data-member': code, 'data-field': 'standaloneCost', inputmode: 'numeric' },
          className: 'compact num',
          onBegin: begin(`${at}.standaloneCost`, `${who}の単独導入費用`),
          onEnd: end,
          onValue: (v) => {
            if (v === undefined) delete m.standaloneCost
            else m.standaloneCost = v
            hooks.changed()
          },
        }).el,
      ),
      metrics.map((k) =>
        cell(
          plannerInput<number>({
            id: `member-${code}-metric-${k}`,
            label: `${code} の${metricLabel(k)}`,
            text: countInputText((m.metrics as Json | undefined)?.[k]),
            parse: parseMetricInput,
            format: String,
            optional: true,
            attrs: { 'data-member': code, 'data-field': `metrics.${k}`, inputmode: 'decimal' },
            className: 'compact num',
            onBegin: begin(`${at}.metrics.${k}`, `${who}の${metricLabel(k)}`),
            onEnd: end,
            onValue: (v) => {
              const bag = { ...((m.metrics as Json | undefined) ?? {}) }
              if (v === undefined) delete bag[k]
              else bag[k] = v
              if (Object.keys(bag).length) m.metrics = bag
              else delete m.metrics
              hooks.changed()
            },
          }).el,
        ),
      ),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'danger small',
            'data-action': 'remove-member',
            'data-code': code,
            'aria-label': `${who}を構成団体から外す`,
            onclick: () => hooks.structure(`${who}を外す`, (d) => removeMember(d, code)),
          },
          '外す',
        ),
      ),
    )
  })

  return h(
    'div',
    { class: 'member-editor' },
    h(
      'p',
      { class: 'row' },
      h('label', { for: 'population-date' }, '人口の基準日 '),
      dateInput,
      ' ',
      dateText,
    ),
    h(
      'div',
      { class: 'member-edit-scroll' },
      h(
        'table',
        { class: 'data member-edit' },
        h('caption', { class: 'visually-hidden' }, '構成団体の編集'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            header.map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
    addMemberForm(doc, metrics, hooks),
  )
}

function addMemberForm(doc: Json, metrics: string[], hooks: EditHooks): HTMLElement {
  const message = h('p', { class: 'field-message', role: 'alert', id: 'add-member-message' })
  const codeHint = h('span', { class: 'muted', id: 'add-member-code-hint' })
  const input = (id: string, label: string, attrs: Record<string, string> = {}) => {
    const el = h('input', { id, type: 'text', autocomplete: 'off', ...attrs })
    return { el, field: h('label', { class: 'field', for: id }, h('span', {}, label), el) }
  }
  const code = input('add-member-code', '団体コード（6桁）', {
    inputmode: 'numeric',
    maxlength: '6',
    'aria-describedby': 'add-member-code-hint',
  })
  const name = input('add-member-name', '団体名')
  const population = input('add-member-population', '人口', { inputmode: 'numeric' })
  const standalone = input('add-member-standalone', '単独導入費用（円、任意）', {
    inputmode: 'numeric',
  })
  for (const box of [population.el, standalone.el])
    box.addEventListener('input', () => groupAsTyped(box))
  const metricInputs = metrics.map((k) =>
    input(`add-member-metric-${k}`, `${metricLabel(k)}`, { inputmode: 'decimal' }),
  )
  const normalizedCode = () => normalizePlannerText(code.el.value).replace(/\s/g, '')
  code.el.addEventListener('input', () => {
    const c = normalizedCode()
    if (/^\d{5}$/.test(c))
      codeHint.textContent = `検査数字を付けると ${c}${localGovCheckDigit(c)} です`
    else if (/^\d{6}$/.test(c)) {
      const check = checkLocalGovCode(c)
      codeHint.textContent = check.ok ? '✓ 検査数字は正しい' : check.reason
    } else codeHint.textContent = ''
  })

  const submit = (e: Event) => {
    e.preventDefault()
    const problems: string[] = []
    const c = normalizedCode()
    const check = checkLocalGovCode(c)
    if (!check.ok) problems.push(`団体コード: ${check.reason}`)
    else if ((doc.members as Json[]).some((m) => m.code === c))
      problems.push(`団体コード: ${c} はすでに構成団体です (duplicate code)`)
    const n = name.el.value.trim()
    if (!n) problems.push('団体名を入力してください (empty name)')
    const pop = parseCountInput(population.el.value)
    if (!pop.ok) problems.push(`人口: ${pop.message}`)
    else if (pop.value <= 0) problems.push('人口: 1 以上にしてください (must be positive)')
    let cost: number | undefined
    if (standalone.el.value.trim()) {
      const r = parseYen(standalone.el.value)
      if (!r.ok) problems.push(`単独導入費用: ${r.message}`)
      else cost = r.value
    }
    const metricValues: Json = {}
    metricInputs.forEach((mi, k) => {
      const text = mi.el.value
      if (!text.trim()) {
        problems.push(`${metricLabel(metrics[k]!)}: 入力してください (required)`)
        return
      }
      const r = parseMetricInput(text)
      if (!r.ok) problems.push(`${metricLabel(metrics[k]!)}: ${r.message}`)
      else metricValues[metrics[k]!] = r.value
    })
    if (problems.length) {
      replace(message, problems.join(' / '))
      return
    }
    replace(message, '')
    hooks.structure(`${n}（${c}）を追加`, (d) => {
      ;(d.members as Json[]).push({
        code: c,
        name: n,
        population: (pop as { value: number }).value,
        ...(cost === undefined ? {} : { standaloneCost: cost }),
        ...(metrics.length ? { metrics: metricValues } : {}),
      })
    })
  }

  return h(
    'form',
    { class: 'add-member', 'aria-labelledby': 'add-member-title', onsubmit: submit },
    h('h3', { id: 'add-member-title' }, '構成団体を追加'),
    h(
      'div',
      { class: 'weights' },
      code.field,
      name.field,
      population.field,
      standalone.field,
      metricInputs.map((m) => m.field),
    ),
    codeHint,
    message,
    h('button', { type: 'submit', 'data-action': 'add-member' }, '追加'),
  )
}
