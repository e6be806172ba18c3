/** Panels fed by API routes (divergence, traffic, fairness, patterns, network), shared by studio and slides. */
import type { Scenario } from '@warikan/core'
import { divergenceReport, trafficCostItems } from '@warikan/core/traffic'
import type { AppState } from '../model'
import { divergenceRows, patternRows } from './analysis'
import { renderDivergence, renderHeatmap, renderMonthly, renderPatterns } from './charts'
import { h } from './dom'
import { basisLabel, fairnessReport, renderFairnessShapley, renderTargets } from './fairness'
import type { Topology } from '@warikan/core/network'
import { readTopology, renderNetwork, SAMPLE_TOPOLOGY } from './network'
import { empty, loadInto, panel, type Panel } from './panel'

export interface AnalysisPanel {
  key: string
  panel: Panel
  load(): Promise<void>
  /** recomputed from the edited document (the studio reloads it after each edit) */
  followsEdits?: boolean
}

/** The edited document is invalid: say so instead of showing numbers of another version. */
const INVALID = '入力に誤りがあるため計算できません。誤りを直すと、編集中の内容で再計算します。'

/** Where a panel's numbers come from, under the panel. */
function basisNote(p: Panel, state: AppState, extra = ''): void {
  const note = document.createElement('p')
  note.className = 'muted basis'
  note.textContent = `（${basisLabel(state)}${extra}）`
  p.note.querySelector('.basis')?.remove()
  p.note.append(note)
}

export function divergencePanel(state: AppState): AnalysisPanel {
  const p = panel(
    'divergence',
    '人口割と利用実績割の乖離',
    '人口割の比率と、照会ログによる利用実績の比率の差。',
  )
  return {
    key: 'divergence',
    panel: p,
    followsEdits: true,
    load: () =>
      loadInto(p, async () => {
        const cur = state.current
        if (!cur) return
        const scenario = cur.computed.scenario
        if (!scenario || cur.computed.issues.length) return empty(p, INVALID)
        if (!cur.traffic) return empty(p, cur.trafficNote ?? '照会ログがありません。')
        // No cost item split by traffic (e.g. a 人口割・均等割 scenario): the question is still asked, of
        // the 中間サーバ item, with the core's report in the browser on the stored 照会ログ.
        const what = whatIfItem(scenario)
        if (what && !trafficCostItems(scenario).length) {
          const r = divergenceReport(scenario, cur.traffic, { costIds: [what.id] })
          if (!r.ok) return empty(p, r.issues.map((i) => i.message).join(' '))
          renderDivergence(p, divergenceRows(r.value, scenario))
          basisNote(p, state)
          p.note.textContent = `このシナリオには利用実績割の費目がないため、「${what.name}」を利用実績割にした場合と比べています。${p.note.textContent ?? ''}`
          return
        }
        // the core's divergence report (the same as GET /api/scenarios/:id/divergence), of the edited document
        const report = divergenceReport(scenario, cur.traffic)
        if (!report.ok)
          return empty(
            p,
            `この分析は表示できません: ${report.issues.map((i) => i.message).join(' / ')}`,
          )
        renderDivergence(p, divergenceRows(report.value, scenario))
        basisNote(p, state)
      }),
  }
}

/** The item a traffic split is asked of when none uses it: the 中間サーバ item, else the first shared by all. */
function whatIfItem(scenario: Scenario): Scenario['costs'][number] | undefined {
  return (
    scenario.costs.find((c) => c.name.includes('中間サーバ')) ??
    scenario.costs.find((c) => c.members === undefined)
  )
}

export function heatmapPanel(state: AppState): AnalysisPanel {
  const p = panel(
    'heatmap',
    '団体間の照会件数（クロス照会マトリクス）',
    '行が照会元、列が提供先。色が濃いほど件数が多い。',
  )
  return {
    key: 'heatmap',
    panel: p,
    followsEdits: true,
    load: async () => {
      const cur = state.current
      if (!cur?.traffic || !cur.computed.scenario)
        return empty(p, cur?.trafficNote ?? '照会ログがありません。')
      renderHeatmap(p, cur.computed.scenario, cur.traffic)
    },
  }
}

export function monthlyPanel(state: AppState): AnalysisPanel {
  const p = panel('monthly', '月別の照会件数')
  return {
    key: 'monthly',
    panel: p,
    load: async () => {
      const cur = state.current
      renderMonthly(p, cur?.monthly ?? [])
    },
  }
}

export function targetsPanel(state: AppState): AnalysisPanel {
  const p = panel(
    'targets',
    '削減率目標（2割）の検証',
    '単独導入に比べ目標の削減率に届かない団体、均等割等の比率 α の範囲、最小の調整。',
  )
  return {
    key: 'targets',
    panel: p,
    followsEdits: true,
    load: () =>
      loadInto(p, async () => {
        if (state.current?.computed.issues.length) return empty(p, INVALID)
        const basis = basisLabel(state)
        const report = await fairnessReport(state)
        const costs = state.current?.computed.scenario?.costs ?? []
        if (report) renderTargets(p, report, basis, new Map(costs.map((c) => [c.id, c.name])))
      }),
  }
}

export function shapleyPanel(state: AppState): AnalysisPanel {
  const p = panel(
    'shapley',
    'シャープレイ値とシナリオの分担',
    '協力ゲームとしての公平な分担（シャープレイ値）との比較と、コア（どの組合せも単独より多く払わない）の検査。',
  )
  return {
    key: 'shapley',
    panel: p,
    followsEdits: true,
    load: () =>
      loadInto(p, async () => {
        if (state.current?.computed.issues.length) return empty(p, INVALID)
        const basis = basisLabel(state)
        const report = await fairnessReport(state)
        if (report) renderFairnessShapley(p, report, basis)
      }),
  }
}

export function patternsPanel(state: AppState): AnalysisPanel {
  const p = panel(
    'patterns',
    '配置パターンの比較',
    'サーバ台数・利用率・障害影響範囲・1団体あたり費用。',
  )
  return {
    key: 'patterns',
    panel: p,
    followsEdits: true,
    load: () =>
      loadInto(p, async () => {
        const cur = state.current
        if (!cur) return
        const scenario = cur.computed.scenario
        if (!scenario || cur.computed.issues.length) return empty(p, INVALID)
        // the core's pattern evaluation (the same as GET /api/scenarios/:id/patterns), of the edited document
        const { evaluatePatterns } = await import('@warikan/core/patterns')
        const result = evaluatePatterns(scenario)
        if (!result.ok)
          return empty(
            p,
            `配置パターンを評価できません: ${result.issues
              .slice(0, 3)
              .map((i) => i.message)
              .join(' / ')}`,
          )
        const { rows, recommendation } = patternRows(result.value)
        renderPatterns(p, rows, recommendation)
        basisNote(p, state)
      }),
  }
}

/** The network plan being checked (kept across views during the session). */
let topologyText = JSON.stringify(SAMPLE_TOPOLOGY, null, 2)

export function networkPanel(state: AppState, editable: boolean): AnalysisPanel {
  const p = panel(
    'network',
    'ネットワーク構成と検査結果',
    'セグメント・ファイアウォール配置を規則 NET-001〜006 で検査します。',
  )
  const run = () =>
    loadInto(p, async () => {
      let topology: Topology
      try {
        const read = readTopology(JSON.parse(topologyText))
        if (!read.ok) throw new Error(read.message)
        topology = read.topology
      } catch (e) {
        p.note.textContent = `構成ファイルを読めません: ${(e as Error).message}`
        return
      }
      renderNetwork(p, topology, undefined)
      const { findings } = await state.api.networkCheck(topology)
      renderNetwork(p, topology, findings)
    })
  if (editable) {
    const area = h('textarea', {
      rows: 8,
      spellcheck: false,
      'aria-label': 'ネットワーク構成（JSON）',
      class: 'topology-input',
    })
    area.value = topologyText
    const file = h('input', {
      type: 'file',
      accept: '.json,application/json',
      'aria-label': '構成ファイルを読み込む',
      onchange: async (e: Event) => {
        const f = (e.target as HTMLInputElement).files?.[0]
        if (f) {
          area.value = await f.text()
          topologyText = area.value
          void run()
        }
      },
    })
    p.el.append(
      h(
        'details',
        { class: 'topology-editor' },
        h('summary', {}, '構成（JSON）を編集'),
        area,
        h(
          'div',
          { class: 'row' },
          file,
          h(
            'button',
            { type: 'button', onclick: () => ((topologyText = area.value), void run()) },
            '検査する',
          ),
        ),
      ),
    )
  }
  return { key: 'network', panel: p, load: run }
}

export function analysisPanels(state: AppState, editable: boolean): AnalysisPanel[] {
  return [
    divergencePanel(state),
    heatmapPanel(state),
    monthlyPanel(state),
    targetsPanel(state),
    shapleyPanel(state),
    patternsPanel(state),
    networkPanel(state, editable),
  ]
}
