/**
 * 版の履歴: the saved versions of the scenario from its audit trail (GET /api/scenarios/:id/audit), and what
 * changed between two of them — the document changes in words and each member's 負担金 under both, allocated
 * in the browser by the core with the scenario's current traffic.
 */
import { formatYen, formatYenDelta } from '@warikan/core'
import { compareAllocations } from '@warikan/core/whatif'
import { compute, type AppState } from '../model'
import { dataTable, h, replace } from './dom'
import { documentDiff, versionsFromAudit, type Version } from './version-diff'

const ACTIONS: Record<string, string> = {
  'scenario.create': '作成',
  'scenario.update': '更新',
  'scenario.copy': '別案として作成',
}

const when = (iso: string) => {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}/${p(d.getMonth() + 1)}/${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

export function historyPanel(state: AppState): { el: HTMLElement; reset(): void } {
  const body = h('div', { class: 'history-body' })
  const load = h(
    'button',
    { type: 'button', 'data-action': 'load-history', onclick: () => void show() },
    '履歴を読み込む',
  )
  const el = h(
    'section',
    { class: 'panel history', 'aria-labelledby': 'history-title', 'data-panel': 'history' },
    h('h2', { id: 'history-title' }, '版の履歴と差分'),
    h(
      'p',
      { class: 'lead' },
      '保存した版ごとの変更（監査ログから）。2つの版を選ぶと、何が変わり負担金がどう動いたかを表示します。',
    ),
    load,
    body,
  )

  async function show() {
    const cur = state.current
    if (!cur) return
    replace(body, h('p', { role: 'status' }, '読み込んでいます…'))
    let versions: Version[]
    try {
      versions = versionsFromAudit(await state.api.audit(cur.summary.id), cur.stored.document)
    } catch (e) {
      replace(body, h('p', { role: 'alert' }, `履歴を読めません: ${(e as Error).message}`))
      return
    }
    if (!versions.length) return replace(body, h('p', {}, '保存された版の記録がありません。'))
    const pick = (id: string, selected: number) =>
      h(
        'select',
        { id, 'data-field': id },
        versions.map((v) =>
          h(
            'option',
            { value: String(v.version), selected: v.version === selected },
            `v${v.version}（${when(v.at)}）`,
          ),
        ),
      )
    const a = pick('history-a', versions[1]?.version ?? versions[0]!.version)
    const b = pick('history-b', versions[0]!.version)
    const out = h('div', { class: 'history-diff', 'aria-live': 'polite' })
    const diff = () => {
      const va = versions.find((v) => String(v.version) === a.value)!
      const vb = versions.find((v) => String(v.version) === b.value)!
      replace(out, diffView(state, va, vb))
    }
    a.addEventListener('change', diff)
    b.addEventListener('change', diff)
    replace(
      body,
      dataTable(
        '保存された版',
        ['版', '日時', '操作者', '操作', '題名'],
        versions.map((v) => [
          `v${v.version}`,
          when(v.at),
          v.actor,
          ACTIONS[v.action] ?? v.action,
          v.title,
        ]),
        { numericFrom: 99, className: 'data history-versions' },
      ),
      h(
        'p',
        { class: 'row' },
        h('label', { for: 'history-a' }, '比べる版 A '),
        a,
        h('label', { for: 'history-b' }, ' と B '),
        b,
      ),
      out,
    )
    diff()
  }

  return { el, reset: () => replace(body) }
}

function diffView(state: AppState, a: Version, b: Version): Array<HTMLElement> {
  const changes = documentDiff(a.document, b.document, [a.title, b.title])
  const traffic = state.current?.traffic
  const ca = compute(a.document, traffic)
  const cb = compute(b.document, traffic)
  const list = h(
    'ul',
    { class: 'changes' },
    changes.length ? changes.map((c) => h('li', {}, c)) : h('li', {}, '文書に違いはありません。'),
  )
  const head = h('h3', {}, `v${a.version} → v${b.version} の変更（${changes.length} 件）`)
  if (!ca.allocation || !cb.allocation) return [head, list]
  const cmp = compareAllocations(ca.allocation.output, cb.allocation.output)
  const moved = cmp.rows.filter((r) => r.diff !== 0)
  return [
    head,
    list,
    moved.length
      ? dataTable(
          `負担金の変化（v${a.version} → v${b.version}、現在の照会ログで按分）`,
          ['団体', `v${a.version}`, `v${b.version}`, '増減'],
          [
            ...moved.map((r) => [
              r.name,
              r.before === undefined ? '—' : formatYen(r.before),
              r.after === undefined ? '—' : formatYen(r.after),
              formatYenDelta(r.diff),
            ]),
            [
              '合計',
              formatYen(cmp.totalBefore),
              formatYen(cmp.totalAfter),
              formatYenDelta(cmp.totalDiff),
            ],
          ],
          { className: 'data history-yen' },
        )
      : h('p', {}, '負担金に変化はありません。'),
  ]
}
