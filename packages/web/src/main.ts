/**
 * 割り勘 web view: the shell (consortium and scenario pickers, tabs) and hash routing between
 * スタジオ (#studio), 比較 (#compare), 照会ログ取込 (#upload), 説明資料モード (#present) and 負担金通知 (#notice).
 */
import './styles.css'
import './print.css'
import './charts/register'
import { ApiClient } from './api-client'
import { AppState } from './model'
import { renderBills } from './views/bills'
import { renderCompare } from './views/compare'
import { renderContinuity } from './views/continuity'
import { h, replace } from './views/dom'
import { renderPlan } from './views/plan'
import { renderNotices } from './views/notice'
import { renderPresent } from './views/present'
import { renderRegister } from './views/register'
import { renderSettle } from './views/settle'
import { renderStudio } from './views/studio'
import { renderTokens } from './views/tokens'
import { renderUpload } from './views/upload'
import { confirmDiscard, installUnsavedGuard } from './views/unsaved-guard'

type Route =
  | 'studio'
  | 'compare'
  | 'upload'
  | 'continuity'
  | 'register'
  | 'bills'
  | 'present'
  | 'notice'
  | 'plan'
  | 'tokens'
  | 'settle'
const ROUTES: Array<[Route, string]> = [
  ['studio', 'スタジオ'],
  ['compare', 'シナリオ比較'],
  ['upload', '照会ログ取込'],
  ['continuity', 'SLA・継続性'],
  ['register', '外部サービス台帳'],
  ['bills', 'クラウド請求取込'],
  ['present', '説明資料モード'],
  ['plan', '中期計画'],
  ['notice', '負担金通知'],
  ['settle', '精算'],
  ['tokens', 'トークン管理'],
]
const VIEWS: Record<Route, (root: HTMLElement, state: AppState) => () => void> = {
  studio: renderStudio,
  compare: renderCompare,
  upload: renderUpload,
  continuity: renderContinuity,
  register: renderRegister,
  bills: renderBills,
  present: renderPresent,
  plan: renderPlan,
  notice: renderNotices,
  tokens: renderTokens,
  settle: renderSettle,
}

const app = document.getElementById('app')!

async function boot() {
  const params = new URLSearchParams(location.search)
  const api = new ApiClient(params.get('token') ?? ApiClient.storedToken())
  if (!api.hasToken || params.has('demo')) {
    const token = await api.demoSession()
    if (token) api.setToken(token)
  }
  if (!api.hasToken) return login(api)
  const state = new AppState(api)
  try {
    await state.loadConsortia()
  } catch (e) {
    const demo = await api.demoSession()
    if (demo) {
      api.setToken(demo)
      await state.loadConsortia()
    } else return login(api, (e as Error).message)
  }
  if (!state.consortia.length) {
    replace(app, h('p', { role: 'alert' }, '閲覧できる組合がありません。'))
    return
  }
  await state.selectConsortium(state.consortia[0]!.id)
  const first = params.get('scenario') ?? state.scenarios[0]?.id
  if (first !== undefined) await state.selectScenario(first)
  shell(state)
}

function login(api: ApiClient, problem?: string) {
  const input = h('input', { type: 'password', id: 'token', autocomplete: 'off' })
  replace(
    app,
    h(
      'form',
      {
        class: 'login',
        onsubmit: (e: Event) => {
          e.preventDefault()
          api.setToken(input.value.trim())
          location.reload()
        },
      },
      h('h1', {}, '割り勘 — ログイン'),
      problem ? h('p', { role: 'alert' }, problem) : null,
      h('label', { for: 'token' }, 'アクセストークン'),
      input,
      h('button', { type: 'submit' }, 'ログイン'),
    ),
  )
}

function shell(state: AppState) {
  const main = h('main', { id: 'main', tabindex: -1 })
  const consortiumSelect = h(
    'select',
    {
      id: 'consortium',
      onchange: async () => {
        if (!confirmDiscard(state)) {
          consortiumSelect.value = String(state.consortium?.id ?? '')
          return
        }
        await state.selectConsortium(consortiumSelect.value)
        fillScenarios()
        if (state.scenarios[0]) await state.selectScenario(state.scenarios[0].id)
        route()
      },
    },
    state.consortia.map((c) =>
      h('option', { value: String(c.id), selected: c.id === state.consortium?.id }, c.name),
    ),
  )
  const scenarioSelect = h('select', {
    id: 'scenario',
    onchange: async () => {
      if (!confirmDiscard(state)) {
        scenarioSelect.value = String(state.current?.summary.id ?? '')
        return
      }
      await state.selectScenario(scenarioSelect.value)
      if (currentRoute() !== 'studio') route()
    },
  })
  const fillScenarios = () =>
    replace(
      scenarioSelect,
      state.scenarios.map((s) =>
        h(
          'option',
          { value: String(s.id), selected: String(s.id) === String(state.current?.summary.id) },
          `${s.title}（v${s.version}）`,
        ),
      ),
    )
  fillScenarios()
  window.addEventListener('warikan:scenarios-changed', fillScenarios)
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': '画面' },
    ROUTES.map(([r, label]) => h('a', { href: `#${r}`, 'data-route': r }, label)),
  )
  const header = h(
    'header',
    { class: 'app-header' },
    h('div', { class: 'brand' }, h('strong', {}, '割り勘'), h('span', {}, '共同利用費用按分')),
    h('label', { for: 'consortium', class: 'picker' }, h('span', {}, '組合'), consortiumSelect),
    h('label', { for: 'scenario', class: 'picker' }, h('span', {}, 'シナリオ'), scenarioSelect),
    tabs,
  )
  replace(app, header, main)
  installUnsavedGuard(state)

  let cleanup: () => void = () => undefined
  function route() {
    cleanup()
    const r = currentRoute()
    for (const a of tabs.querySelectorAll('a'))
      if (a.dataset.route === r) a.setAttribute('aria-current', 'page')
      else a.removeAttribute('aria-current')
    main.className = `view-${r}`
    cleanup = VIEWS[r](main, state)
    document.title = `${ROUTES.find(([k]) => k === r)?.[1]} — 割り勘`
  }
  window.addEventListener('hashchange', route)
  route()
  // First render of the demo, from navigation start: reported by the browser test.
  requestAnimationFrame(() => {
    document.documentElement.dataset.firstRenderMs = String(Math.round(performance.now()))
    document.documentElement.dataset.ready = 'true'
  })
}

function currentRoute(): Route {
  const r = location.hash.replace(/^#/, '')
  return (ROUTES.some(([k]) => k === r) ? r : 'studio') as Route
}

boot().catch((e: unknown) => {
  replace(
    app,
    h('p', { role: 'alert' }, `起動できませんでした: ${(e as Error).message ?? String(e)}`),
  )
})
