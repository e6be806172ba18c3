/** シナリオスタジオ: the members table, the editable rules and the charts, recomputed as the planner types. */
import {
  formatFiscalYear,
  formatInteger,
  formatPercent,
  formatYen,
  type Allocation,
  type Scenario,
} from '@warikan/core'
import { ApiError } from '../api-client'
import type { AppState } from '../model'
import { analysisPanels } from './analysis-panels'
import { explainButton, renderCostStack, renderSavings, targetMark } from './charts'
import { h, replace } from './dom'
import { showExplanation } from './explain'
import { exportCsv, exportXlsx } from './export'
import { panel } from './panel'
import { costEditor } from './rule-editor'

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
  let lastGood: { scenario: Scenario; allocation: Allocation } | undefined

  const explain = (code: string, costId?: string) => {
    if (lastGood) showExplanation(lastGood.allocation, code, costId)
  }

  const toolbar = h(
    'div',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'シナリオの操作' },
    h('button', { type: 'button', 'data-action': 'save', onclick: () => void save(false) }, '保存'),
    h(
      'button',
      { type: 'button', 'data-action': 'save-copy', onclick: () => void save(true) },
      '別案として保存',
    ),
    h(
      'button',
      { type: 'button', 'data-action': 'revert', onclick: () => void revert() },
      '編集を元に戻す',
    ),
    h('span', { class: 'spacer' }),
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
      editorsHost,
    ),
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
    if (kind === 'xlsx') await exportXlsx(lastGood.scenario, lastGood.allocation, meta)
    else exportCsv(lastGood.scenario, lastGood.allocation, meta)
    status.textContent = `${kind === 'xlsx' ? 'Excel' : 'CSV'} を出力しました。`
  }

  async function save(asCopy: boolean) {
    const cur = state.current
    if (!cur) return
    if (cur.computed.issues.length) {
      status.textContent = '入力に誤りがあるため保存できません。'
      return
    }
    try {
      let id = cur.summary.id
      let version = cur.stored.version
      if (asCopy) {
        const title = `${cur.stored.title}（別案）`
        const copy = await state.api.copyScenario(id, title)
        id = copy.id
        version = copy.version
      }
      await state.api.saveScenario(id, version, cur.doc)
      await state.selectConsortium(state.consortium!.id)
      await state.selectScenario(id)
      status.textContent = asCopy ? '別案として保存しました。' : '保存しました。'
      window.dispatchEvent(new CustomEvent('warikan:scenarios-changed'))
    } catch (e) {
      status.textContent =
        e instanceof ApiError && e.status === 409
          ? '他の人が先に更新しました。再読み込みしてから編集してください（409）。'
          : `保存できませんでした: ${(e as Error).message}`
    }
  }

  async function revert() {
    if (state.current) await state.selectScenario(state.current.summary.id)
  }

  function buildEditors() {
    const doc = state.current?.doc as unknown as Record<string, unknown> | undefined
    if (!doc || !Array.isArray(doc.costs)) return replace(editorsHost, '')
    editors = (doc.costs as unknown[]).map((_, i) => costEditor(doc, i, () => schedule()))
    replace(
      editorsHost,
      editors.map((e) => e.el),
    )
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
    const costIssues = issues.filter((i) => !i.path.startsWith('costs['))
    replace(
      issuesBox,
      issues.length
        ? h(
            'div',
            { class: 'issues-banner' },
            h(
              'strong',
              {},
              `入力に誤りがあります（${issues.length} 件）。${lastGood ? '直前の正しい結果を表示しています。' : ''}`,
            ),
            h(
              'ul',
              {},
              (costIssues.length ? costIssues : issues)
                .slice(0, 8)
                .map((i) => h('li', {}, h('code', {}, i.path), ' ', i.message)),
            ),
          )
        : null,
    )
    root.classList.toggle('stale', issues.length > 0)
    if (scenario && allocation) lastGood = { scenario, allocation }
    if (!lastGood) return
    const out = lastGood.allocation.output
    const s = lastGood.scenario
    const met = out.members.filter((m) => m.meetsTarget).length
    const judged = out.members.filter((m) => m.meetsTarget !== undefined).length
    replace(
      summary,
      card('総額', formatYen(out.total), 'total'),
      card('年度', formatFiscalYear(s.consortium.fiscalYear), 'year'),
      card('構成団体', `${out.members.length} 団体`, 'members'),
      card('費目', `${s.costs.length} 費目`, 'costs'),
      judged
        ? card(
            `目標（削減率 ${formatPercent(s.target?.minSavingsRate ?? 0, 0)} 以上）`,
            `${met} / ${judged} 団体が達成`,
            'target',
          )
        : null,
    )
    replace(membersHost, membersTable(s, lastGood.allocation, explain))
    renderCostStack(stack, s, lastGood.allocation, explain)
    renderSavings(savings, s, lastGood.allocation)
  }

  const off = state.on((reason) => {
    if (reason === 'load') {
      lastGood = undefined
      buildEditors()
      renderComputed()
      for (const a of analyses) void a.load()
    } else renderComputed()
  })
  if (state.current) {
    buildEditors()
    renderComputed()
    for (const a of analyses) void a.load()
  }
  return off
}

function card(label: string, value: string, key: string): HTMLElement {
  return h(
    'div',
    { class: 'card', 'data-card': key },
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
        ['団体名', '人口', '単独導入費用', '負担金', '削減額', '削減率', '目標'].map((t) =>
          h('th', { scope: 'col' }, t),
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
            { class: 'num' },
            m.standaloneCost === undefined ? '—' : formatYen(m.standaloneCost),
          ),
          h(
            'td',
            { class: 'num total' },
            explainButton(formatYen(m.total), m.code, explain, undefined, `${m.name} 負担金`),
          ),
          h(
            'td',
            { class: 'num' },
            m.standaloneCost === undefined ? '—' : formatYen(m.standaloneCost - m.total),
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
          formatYen(out.members.reduce((a, m) => a + (m.standaloneCost ?? 0), 0)),
        ),
        h('td', { class: 'num total', 'data-total': String(out.total) }, formatYen(out.total)),
        h('td', {}, ''),
        h('td', {}, ''),
        h('td', {}, ''),
      ),
    ),
  )
}
