/**
 * 加算・減算（精算額）: the scenario's per-member adjustments — a member (picked from the scenario's members),
 * a signed amount in yen and a reason. They are added after every cost item is split (ordinance-rules.md §6);
 * every change is one undo step, and the validator's messages (`adjustments[0].code` …) show here.
 */
import { formatAmountInput, parseYenInput, type InputIssue, type InputResult } from '@warikan/core'
import { h, replace } from './dom'
import { issueText } from './issue-text'
import { plannerInput } from './planner-inputs'
import type { EditHooks } from './rule-editor'

type Json = Record<string, unknown>

/** A signed amount: `-1,234`, `▲1,234`, `△1万` read as negative; the rest by the core's `parseYenInput`. */
function parseSignedYenInput(text: string): InputResult<number> {
  const t = text.normalize('NFKC').trim()
  const negative = /^[-−▲△]/.test(t)
  const r = parseYenInput(negative ? t.replace(/^[-−▲△]\s*/, '') : t)
  if (!r.ok) return r
  return { ok: true, value: negative && r.value !== 0 ? -r.value : r.value }
}

const signedText = (v: unknown): string =>
  typeof v === 'number' && Number.isFinite(v)
    ? `${v < 0 ? '-' : ''}${formatAmountInput(Math.abs(v))}`
    : ''

export function adjustmentsEditor(
  doc: Json,
  hooks: EditHooks,
): { el: HTMLElement; update(issues: InputIssue[]): void } {
  const members = doc.members as Json[]
  const list = (doc.adjustments ?? []) as Json[]
  const messages = h('ul', { class: 'issues', 'aria-live': 'polite' })
  const rows = list.map((a, k) => {
    const what = `加算・減算 ${k + 1}`
    const codeSelect = h(
      'select',
      {
        'data-field': `adjustments.${k}.code`,
        onchange: () => {
          hooks.begin(`adjustments[${k}].code:${Date.now()}`, `${what}の団体`)
          a.code = codeSelect.value
          hooks.end()
          hooks.changed()
        },
      },
      members.map((m) =>
        h(
          'option',
          { value: String(m.code), selected: m.code === a.code },
          `${String(m.name)}（${String(m.code)}）`,
        ),
      ),
      members.some((m) => m.code === a.code)
        ? null
        : h('option', { value: String(a.code), selected: true }, String(a.code)),
    )
    return h(
      'div',
      { class: 'weights adjustment', 'data-adjustment': String(k) },
      h('label', { class: 'field' }, h('span', {}, '団体'), codeSelect),
      plannerInput<number>({
        id: `adjustment-${k}-amount`,
        label: '金額（円、減額は -）',
        text: signedText(a.amount),
        parse: parseSignedYenInput,
        format: signedText,
        className: 'amount',
        attrs: { 'data-field': `adjustments.${k}.amount`, inputmode: 'numeric' },
        onBegin: () => hooks.begin(`adjustments[${k}].amount`, `${what}の金額`),
        onEnd: () => hooks.end(),
        onValue: (v) => {
          a.amount = v ?? 0
          hooks.changed()
        },
      }).el,
      plannerInput<string>({
        id: `adjustment-${k}-reason`,
        label: '理由',
        text: String(a.reason ?? ''),
        parse: (t) => ({ ok: true, value: t.trim() }),
        format: (v) => v,
        optional: true,
        className: 'name',
        attrs: { 'data-field': `adjustments.${k}.reason` },
        onBegin: () => hooks.begin(`adjustments[${k}].reason`, `${what}の理由`),
        onEnd: () => hooks.end(),
        onValue: (v) => {
          if (v) a.reason = v
          else delete a.reason
          hooks.changed()
        },
      }).el,
      h(
        'button',
        {
          type: 'button',
          class: 'danger small',
          'data-action': 'delete-adjustment',
          onclick: () =>
            hooks.structure(`${what}を削除`, (d) => {
              const all = d.adjustments as Json[]
              all.splice(k, 1)
              if (!all.length) delete d.adjustments
            }),
        },
        '削除',
      ),
    )
  })
  const add = h(
    'button',
    {
      type: 'button',
      class: 'small',
      'data-action': 'add-adjustment',
      onclick: () =>
        hooks.structure('加算・減算を追加', (d) => {
          d.adjustments = [
            ...((d.adjustments as Json[] | undefined) ?? []),
            { code: String(members[0]?.code ?? ''), amount: 0 },
          ]
        }),
    },
    '加算・減算を追加',
  )
  const el = h(
    'div',
    { class: 'adjustments-editor' },
    list.length ? rows : h('p', { class: 'muted' }, '加算・減算はありません。'),
    messages,
    h('div', { class: 'row' }, add),
  )
  return {
    el,
    update(issues) {
      replace(
        messages,
        issues
          .filter((i) => i.path === 'adjustments' || i.path.startsWith('adjustments['))
          .map((i) =>
            h('li', { class: 'issue' }, h('code', {}, i.path), ' ', issueText(i.message)),
          ),
      )
    },
  }
}
