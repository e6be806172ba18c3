/**
 * シナリオスタジオ: the members table, the editable members, cost items and rules, and the charts, recomputed as
 * the planner types; save / save under a name / rename / delete, undo of the last edit, the unsaved marker, and
 * the version history. Analyses follow the edited document (analysis-panels.ts).
 */
import {
  formatFiscalYear,
  formatInteger,
  formatPercent,
  formatYen,
  type Allocation,
  type Scenario,
  type ScenarioInput,
} from '@warikan/core'
import { ApiError } from '../api-client'
import type { AppState } from '../model'
import { analysisPanels } from './analysis-panels'
import { explainButton, renderCostStack, renderSavings, targetMark } from './charts'
import { addCostForm } from './cost-items'
import { showYen, unitSwitch, yenTitle } from './display-unit'
import { h, replace } from './dom'
import { showExplanation } from './explain'
import { loadConsortiumPlan } from './plan-load'
import { exportCsv, exportXlsx } from './export'
import { historyPanel } from './history'
import { issueText } from './issue-text'
import { memberEditor } from './member-editor'
import { panel } from './panel'
import type { FieldErrorDetail } from './planner-inputs'
import { costEditor, type EditHooks } from './rule-editor'
import { adjustmentsEditor } from './adjustments-editor'
import { askName, askYesNo } from './studio-dialogs'

export function renderStudio(root: HTMLElement, state: AppState): () => void {
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' })
  const issuesBox = h('div', { class: 'issues-box', role: 'alert' })
  const summary = h('div', { class: 'summary' })
  const membersHost = h('div', { class: 'members-host' })
  const stack = panel(
    'stack',
    '団体別の負担金（費目別内訳）',
    '各団体の負担金を費目ごとに積み上げ。数字をクリックすると計算の内訳を表示します。',
  )
  const savings = panel(
    'savings',
    '削減率と目標（単独導入との比較）',
    '単独で導入した場合に比べて何割安くなるか。点線が目標。',
  )
  const editorsHost = h('div', { class: 'editors' })
  const analyses = analysisPanels(state, true)
  let editors: Array<ReturnType<typeof costEditor>> = []
  let adjustments: ReturnType<typeof adjustmentsEditor> | undefined
  let lastGood: { scenario: Scenario; allocation: Allocation } | undefined

  const explain = (code: string, costId?: string) => {
    if (lastGood) showExplanation(lastGood.allocation, code, costId)
  }

  const unsaved = h('span', { class: 'unsaved', role: 'status', 'aria-live': 'polite' })
  const undoButton = h(
    'button',
    { type: 'button', 'data-action': 'undo', onclick: () => undo() },
    '元に戻す',
  )
  const toolbar = h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'シナリオの操作' },
    h('button', { type: 'button', 'data-action': 'save', onclick: () => void save() }, '保存'),
    h(
      'button',
      { type: 'button', 'data-action': 'save-copy', onclick: () => void saveAs() },
      '名前を付けて別案として保存',
    ),
    h(
      'button',
      { type: 'button', 'data-action': 'rename', onclick: () => void rename() },
      '名前の変更',
    ),
    undoButton,
    h(
      'button',
      { type: 'button', 'data-action': 'revert', onclick: () => void revert() },
      '編集を破棄',
    ),
    h(
      'button',
      { type: 'button', class: 'danger', 'data-action': 'delete', onclick: () => void remove() },
      'シナリオを削除',
    ),
    unsaved,
    h('span', { class: 'spacer' }),
    unitSwitch(() => renderComputed()),
    h(
      'button',
      { type: 'button', 'data-action': 'export-xlsx', onclick: () => void doExport('xlsx') },
      'Excel（xlsx）出力',
    ),
    h(
      'button',
      { type: 'button', 'data-action': 'export-csv', onclick: () => void doExport('csv') },
      'CSV出力',
    ),
  )
  const membersEditHost = h('div', { class: 'members-edit-host' })
  const addCostHost = h('div', { class: 'add-cost-host' })
  const adjustmentsHost = h('div', { class: 'adjustments-host' })
  const history = historyPanel(state)
  const fieldErrors = new Map<string, FieldErrorDetail>()
  root.addEventListener('warikan:field-error', (e) => {
    const d = (e as CustomEvent<FieldErrorDetail>).detail
    if (d.message) fieldErrors.set(d.id, d)
    else fieldErrors.delete(d.id)
    renderComputed()
  })

  replace(
    root,
    h('h1', { class: 'visually-hidden' }, 'シナリオスタジオ'),
    toolbar,
    status,
    issuesBox,
    summary,
    h(
      'div',
      { class: 'studio-grid' },
      h(
        'section',
        { class: 'panel members-panel', 'aria-labelledby': 'members-title' },
        h('h2', { id: 'members-title' }, '構成団体と負担金'),
        membersHost,
      ),
      stack.el,
      savings.el,
    ),
    h(
      'section',
      { class: 'rules', 'aria-labelledby': 'rules-title' },
      h('h2', { id: 'rules-title' }, '費目と按分ルール（入力すると即時に再計算）'),
      h(
        'p',
        { class: 'muted' },
        '金額は 1億8000万・¥1,234,567・620,000千円、重みは 30%・0.3・1/3 のように入力できます。',
      ),
      editorsHost,
      addCostHost,
    ),
    h(
      'section',
      { class: 'panel members-edit', 'aria-labelledby': 'members-edit-title' },
      h(
        'h2',
        { id: 'members-edit-title' },
        '構成団体の編集（追加・削除・人口・単独導入費用・指標）',
      ),
      membersEditHost,
    ),
    h(
      'section',
      { class: 'panel adjustments-edit', 'aria-labelledby': 'adjustments-edit-title' },
      h('h2', { id: 'adjustments-edit-title' }, '加算・減算（精算額など）'),
      adjustmentsHost,
    ),
    history.el,
    h('h2', { class: 'section-title' }, '分析'),
    h(
      'div',
      { class: 'analysis-grid' },
      analyses.map((a) => a.panel.el),
    ),
  )

  async function doExport(kind: 'xlsx' | 'csv') {
    if (!lastGood) return
    status.textContent =
      kind === 'xlsx' ? 'Excel ファイルを作成しています…' : 'CSV を作成しています…'
    const cur = state.current
    const meta = cur && { title: cur.stored.title, version: cur.stored.version, unsaved: cur.dirty }
    if (kind === 'xlsx') {
      // the consortium's 中期計画, when it has one, as a 中期計画 sheet
      const cid = state.consortium?.id
      const plan =
        cid === undefined ? undefined : await loadConsortiumPlan(state, cid).catch(() => undefined)
      const withPlan =
        meta && plan?.ok
          ? { ...meta, plan: { title: plan.title, allocation: plan.allocation } }
          : meta
      await exportXlsx(lastGood.scenario, lastGood.allocation, withPlan)
    } else exportCsv(lastGood.scenario, lastGood.allocation, meta)
    status.textContent = `${kind === 'xlsx' ? 'Excel' : 'CSV'} を出力しました。`
  }

  const saveError = (e: unknown) =>
    e instanceof ApiError && e.status === 409
      ? '他の人が先に更新しました。再読み込みしてから編集してください（409）。'
      : e instanceof ApiError && e.status === 403
        ? 'この操作の権限がありません（403）。'
        : `保存できませんでした: ${(e as Error).message}`

  const blocked = (): boolean => {
    const cur = state.current
    if (!cur) return true
    if (cur.computed.issues.length || fieldErrors.size) {
      status.textContent = '入力に誤りがあるため保存できません。赤く表示された欄を直してください。'
      return true
    }
    return false
  }

  async function reopen(id: number | string, message: string) {
    await state.selectConsortium(state.consortium!.id)
    await state.selectScenario(id)
    window.dispatchEvent(new CustomEvent('warikan:scenarios-changed'))
    status.textContent = message
  }

  async function save() {
    const cur = state.current
    if (!cur || blocked()) return
    try {
      const r = await state.api.saveScenario(cur.summary.id, cur.stored.version, cur.doc)
      await reopen(r.id, `保存しました（v${r.version}）。`)
    } catch (e) {
      status.textContent = saveError(e)
    }
  }

  async function saveAs() {
    const cur = state.current
    if (!cur || blocked()) return
    const title = await askName(
      '名前を付けて別案として保存',
      '新しいシナリオの名前',
      `${cur.stored.title}（別案）`,
    )
    if (!title) return
    try {
      const copy = await state.api.copyScenario(cur.summary.id, title)
      const doc = cur.doc
      let version = copy.version
      if (cur.dirty) version = (await state.api.saveScenario(copy.id, copy.version, doc)).version
      await reopen(copy.id, `「${title}」として保存しました（v${version}）。`)
    } catch (e) {
      status.textContent = saveError(e)
    }
  }

  async function rename() {
    const cur = state.current
    if (!cur) return
    const title = await askName('名前の変更', 'シナリオの名前', cur.stored.title)
    if (!title || title === cur.stored.title) return
    try {
      // the stored document with the new title: unsaved edits stay unsaved
      await state.api.saveScenario(cur.summary.id, cur.stored.version, cur.stored.document, title)
      await state.refreshStored()
      window.dispatchEvent(new CustomEvent('warikan:scenarios-changed'))
      status.textContent = `名前を「${title}」に変更しました。`
    } catch (e) {
      status.textContent = saveError(e)
    }
  }

  async function remove() {
    const cur = state.current
    if (!cur) return
    const ok = await askYesNo(
      'シナリオを削除',
      `「${cur.stored.title}」を削除します。元に戻せません（監査ログには残ります）。よろしいですか？`,
      '削除する',
    )
    if (!ok) return
    try {
      await state.api.deleteScenario(cur.summary.id)
      await state.selectConsortium(state.consortium!.id)
      const next = state.scenarios[0]
      if (next) await state.selectScenario(next.id)
      else state.current = undefined
      window.dispatchEvent(new CustomEvent('warikan:scenarios-changed'))
      status.textContent = `「${cur.stored.title}」を削除しました。`
    } catch (e) {
      status.textContent = saveError(e)
    }
  }

  function undo() {
    const label = state.undo()
    status.textContent = label ? `元に戻しました: ${label}` : '元に戻す編集はありません。'
  }

  async function revert() {
    const cur = state.current
    if (!cur) return
    if (
      cur.dirty &&
      !(await askYesNo(
        '編集を破棄',
        '保存していない変更をすべて破棄します。よろしいですか？',
        '破棄する',
      ))
    )
      return
    await state.selectScenario(cur.summary.id)
    status.textContent = '保存済みの版に戻しました。'
  }

  const hooks: EditHooks = {
    begin: (key, label) => state.beginEdit(key, label),
    end: () => state.endEdit(),
    changed: () => schedule(),
    structure: (label, change) => {
      state.applyEdit(label, change as unknown as (doc: ScenarioInput) => void)
      status.textContent = label
    },
  }

  function buildEditors() {
    const doc = state.current?.doc as unknown as Record<string, unknown> | undefined
    if (!doc || !Array.isArray(doc.costs)) return replace(editorsHost, '')
    fieldErrors.clear()
    editors = (doc.costs as unknown[]).map((_, i) => costEditor(doc, i, hooks))
    replace(
      editorsHost,
      editors.map((e) => e.el),
    )
    replace(addCostHost, addCostForm(hooks))
    replace(membersEditHost, memberEditor(doc, hooks))
    adjustments = adjustmentsEditor(doc, hooks)
    replace(adjustmentsHost, adjustments.el)
  }

  let frame = 0
  function schedule() {
    if (frame) return
    frame = requestAnimationFrame(() => {
      frame = 0
      state.recompute()
    })
  }

  function renderComputed() {
    const cur = state.current
    if (!cur) return
    const { scenario, allocation, issues } = cur.computed
    for (const e of editors) e.update(issues)
    adjustments?.update(issues)
    const costIssues = issues.filter((i) => !i.path.startsWith('costs['))
    const count = issues.length + fieldErrors.size
    replace(
      issuesBox,
      count
        ? h(
            'div',
            { class: 'issues-banner' },
            h(
              'strong',
              {},
              `入力に誤りがあります（${count} 件）。${lastGood ? (fieldErrors.size ? '誤りのある欄は反映せず、' : '直前の正しい結果を表示しています。') : ''}${fieldErrors.size && lastGood ? 'それ以外の入力で計算しています。' : ''}`,
            ),
            h(
              'ul',
              {},
              [...fieldErrors.values()]
                .slice(0, 8)
                .map((f) => h('li', {}, h('strong', {}, f.label), ' ', f.message ?? '')),
              (costIssues.length ? costIssues : issues)
                .slice(0, 8)
                .map((i) => h('li', {}, h('code', {}, i.path), ' ', issueText(i.message))),
            ),
          )
        : null,
    )
    root.classList.toggle('stale', count > 0)
    unsaved.textContent = cur.dirty ? '● 未保存の変更があります' : ''
    unsaved.dataset.unsaved = String(cur.dirty)
    undoButton.disabled = cur.undo.length === 0
    undoButton.title = cur.undo.length
      ? `元に戻す: ${cur.undo.at(-1)!.label}`
      : '元に戻す編集はありません'
    document.title = `${cur.dirty ? '● ' : ''}シナリオスタジオ — 割り勘`
    if (scenario && allocation) lastGood = { scenario, allocation }
    if (!lastGood) return
    const out = lastGood.allocation.output
    const s = lastGood.scenario
    const met = out.members.filter((m) => m.meetsTarget).length
    const judged = out.members.filter((m) => m.meetsTarget !== undefined).length
    replace(
      summary,
      card('総額', showYen(out.total), 'total', yenTitle(out.total)),
      card('年度', formatFiscalYear(s.consortium.fiscalYear), 'year'),
      card('構成団体', `${out.members.length} 団体`, 'members'),
      card('費目', `${s.costs.length} 費目`, 'costs'),
      judged
        ? card(
            `目標（削減率 ${formatPercent(s.target?.minSavingsRate ?? 0, 0)} 以上）`,
            `${met} / ${judged} 団体が達成`,
            'target',
            undefined,
            { 'data-met': String(met), 'data-judged': String(judged) },
          )
        : null,
      h(
        'p',
        { class: 'basis-note muted', 'data-basis': cur.dirty ? 'edited' : 'saved' },
        cur.dirty
          ? `表示中の数字はすべて編集中の内容（未保存）によるものです。保存済みの版は v${cur.stored.version}。`
          : `表示中の数字は保存済みの版 v${cur.stored.version} によるものです。`,
      ),
    )
    replace(membersHost, membersTable(s, lastGood.allocation, explain))
    renderCostStack(stack, s, lastGood.allocation, explain)
    renderSavings(savings, s, lastGood.allocation)
  }

  // Analyses follow the edited document: reloaded shortly after the planner stops typing.
  let analysisTimer: ReturnType<typeof setTimeout> | undefined
  const reloadAnalyses = (delay: number) => {
    clearTimeout(analysisTimer)
    analysisTimer = setTimeout(() => {
      for (const a of analyses) if (a.followsEdits) void a.load()
    }, delay)
  }
  // Ctrl+Z / ⌘Z outside a text box undoes the last edit (inside one, the browser's own undo applies)
  const onKey = (e: KeyboardEvent) => {
    const t = e.target as HTMLElement | null
    if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z' || e.shiftKey) return
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return
    e.preventDefault()
    undo()
  }
  document.addEventListener('keydown', onKey)
  // After a (re)load every panel loads, after the first paint (the in-browser analyses are synchronous).
  const reloadAll = () => {
    clearTimeout(analysisTimer)
    requestAnimationFrame(() => {
      clearTimeout(analysisTimer)
      analysisTimer = setTimeout(() => {
        for (const a of analyses) void a.load()
      }, 0)
    })
  }
  const off = state.on((reason) => {
    if (reason === 'load') {
      lastGood = undefined
      history.reset()
      buildEditors()
      renderComputed()
      reloadAll()
    } else {
      if (reason === 'structure') buildEditors()
      renderComputed()
      reloadAnalyses(reason === 'structure' ? 0 : 400)
    }
  })
  if (state.current) {
    buildEditors()
    renderComputed()
    reloadAll()
  }
  return () => {
    clearTimeout(analysisTimer)
    document.removeEventListener('keydown', onKey)
    off()
  }
}

function card(
  label: string,
  value: string,
  key: string,
  title?: string,
  data: Record<string, string> = {},
): HTMLElement {
  return h(
    'div',
    { class: 'card', 'data-card': key, ...(title ? { title } : {}), ...data },
    h('span', { class: 'label' }, label),
    h('span', { class: 'value' }, value),
  )
}

function membersTable(
  scenario: Scenario,
  allocation: Allocation,
  explain: (code: string, costId?: string) => void,
): HTMLTableElement {
  const pop = new Map(scenario.members.map((m) => [m.code, m.population]))
  const out = allocation.output
  return h(
    'table',
    { class: 'data members' },
    h(
      'caption',
      { class: 'visually-hidden' },
      '構成団体ごとの人口、単独導入費用、負担金、削減額、削減率、目標達成',
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['団体名', '人口', '単独導入費用', '負担金', '削減額', '削減率', '目標'].map((t, i) =>
          h('th', { scope: 'col', class: i >= 1 && i <= 5 ? 'num' : '' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      out.members.map((m) =>
        h(
          'tr',
          { 'data-code': m.code, class: m.meetsTarget === false ? 'miss' : '' },
          h('th', { scope: 'row' }, h('span', { class: 'code' }, m.code), ' ', m.name),
          h('td', { class: 'num' }, formatInteger(pop.get(m.code) ?? 0)),
          h(
            'td',
            {
              class: 'num',
              title: m.standaloneCost === undefined ? '' : yenTitle(m.standaloneCost),
            },
            m.standaloneCost === undefined ? '—' : showYen(m.standaloneCost),
          ),
          h(
            'td',
            { class: 'num total', 'data-yen': String(m.total), title: yenTitle(m.total) },
            explainButton(showYen(m.total), m.code, explain, undefined, `${m.name} 負担金`),
          ),
          h(
            'td',
            { class: 'num' },
            m.standaloneCost === undefined ? '—' : showYen(m.standaloneCost - m.total),
          ),
          h(
            'td',
            { class: 'num' },
            m.savingsRate === undefined ? '—' : formatPercent(m.savingsRate),
          ),
          h(
            'td',
            { class: `target ${m.meetsTarget === false ? 'bad' : 'good'}` },
            targetMark(m.meetsTarget),
          ),
        ),
      ),
    ),
    h(
      'tfoot',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, '合計'),
        h(
          'td',
          { class: 'num' },
          formatInteger(scenario.members.reduce((a, m) => a + m.population, 0)),
        ),
        h(
          'td',
          { class: 'num' },
          showYen(out.members.reduce((a, m) => a + (m.standaloneCost ?? 0), 0)),
        ),
        h(
          'td',
          { class: 'num total', 'data-total': String(out.total), title: formatYen(out.total) },
          showYen(out.total),
        ),
        h('td', {}, ''),
        h('td', {}, ''),
        h('td', {}, ''),
      ),
    ),
  )
}
