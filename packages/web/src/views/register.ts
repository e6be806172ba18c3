/**
 * 外部サービス台帳: the register table with filters by 影響度 and status, a 機密性 × 住民影響 matrix with the
 * number of services and their highest 影響度, services by 影響度 and status (chart), upcoming renewals, the
 * lifecycle buttons (承認・却下 for admins; 利用開始・利用終了 for editors), import and export.
 */
import { formatInteger, japanTimeIso } from '@warikan/core'
import { STATUS_JA, upcomingRenewals, type ServiceStatus } from '@warikan/core/register'
import type { ChartConfiguration } from 'chart.js'
import { ApiError, unwrap, type Schemas } from '../api-client'
import { PALETTE } from '../charts/register'
import type { AppState } from '../model'
import { dataTable, download, h, replace } from './dom'
import { drawChart, panel } from './panel'

/** One service of the register as GET /api/consortia/{cid}/external-services gives it. */
export type ServiceView = Schemas['ExternalService']

const BANDS = ['大', '中', '少'] as const
const STATUSES: ServiceStatus[] = ['applied', 'approved', 'inUse', 'refused', 'ended']

/** Today in Japan, for renewals. */
const todayJst = () => japanTimeIso(Date.now()).slice(0, 10)

export function renderRegister(root: HTMLElement, state: AppState): () => void {
  const cid = state.consortium?.id
  const bandFilter = h(
    'select',
    { id: 'reg-band', onchange: () => draw() },
    h('option', { value: '' }, 'すべて'),
    BANDS.map((b) => h('option', { value: b }, `影響度 ${b}`)),
  )
  const statusFilter = h(
    'select',
    { id: 'reg-status', onchange: () => draw() },
    h('option', { value: '' }, 'すべて'),
    STATUSES.map((s) => h('option', { value: s }, STATUS_JA[s])),
  )
  const message = h('div', { 'aria-live': 'polite' })
  const tableHost = h('div', {})
  const matrix = panel(
    'register-matrix',
    '影響度マトリクス（機密性 × 住民影響）',
    '各マスは該当するサービス数と、その中で最も高い行政運営影響度です。',
  )
  const byBand = panel('register-bands', '影響度別・状態別のサービス数')
  const renewals = h('section', { class: 'panel', 'data-panel': 'register-renewals' })
  const file = h('input', { type: 'file', id: 'reg-file', accept: '.csv,.xlsx,text/csv' })
  let list: ServiceView[] = []

  replace(
    root,
    h('h1', {}, '外部サービス台帳'),
    h(
      'p',
      { class: 'lead' },
      '承認済外部サービス台帳の8項目、機密性・住民影響・精神的苦痛・経済的損失の4段階と行政運営影響度（その積）、確認項目（9カテゴリ12項目）、承認の記録を管理します。承認・却下は管理者（統括情報セキュリティ責任者）だけが行えます。',
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'reg-band', class: 'field' }, h('span', {}, '影響度'), bandFilter),
      h('label', { for: 'reg-status', class: 'field' }, h('span', {}, '状態'), statusFilter),
      h('button', { type: 'button', onclick: () => void exportAs('csv') }, 'CSV で出力'),
      h('button', { type: 'button', onclick: () => void exportAs('xlsx') }, 'Excel で出力'),
      h(
        'label',
        { for: 'reg-file', class: 'field' },
        h('span', {}, '既存の台帳を取り込む（CSV・xlsx）'),
        file,
      ),
      h('button', { type: 'button', onclick: () => void importFile() }, '取り込む'),
    ),
    message,
    tableHost,
    h('div', { class: 'analysis-grid' }, matrix.el, byBand.el),
    renewals,
  )

  async function load() {
    if (cid === undefined) return
    try {
      list = await state.api.externalServices(cid)
      draw()
    } catch (e) {
      replace(tableHost, h('p', { role: 'alert' }, `読み込めません: ${(e as Error).message}`))
    }
  }

  function draw() {
    const shown = list.filter(
      (s) =>
        (!bandFilter.value || s.impactBand === bandFilter.value) &&
        (!statusFilter.value || s.status === statusFilter.value),
    )
    if (!list.length) {
      replace(
        tableHost,
        h(
          'p',
          { class: 'empty' },
          '台帳はまだ空です。既存の台帳（CSV・xlsx）を取り込むか、API で申請を登録してください。',
        ),
      )
    } else
      replace(
        tableHost,
        dataTable(
          `外部サービス台帳（${formatInteger(shown.length)} / ${formatInteger(list.length)} 件）`,
          [
            '外部サービス',
            '提供者',
            '利用目的',
            '状態',
            '格付け',
            '影響度',
            'ISMAP',
            '利用期間',
            '確認',
            '操作',
          ],
          shown.map((s) => [
            s.entry.name,
            s.entry.provider,
            s.entry.purpose,
            STATUS_JA[s.status],
            s.confidential ? '機密性2以上' : '機密性2未満',
            h('span', { class: `impact impact-${s.impactBand}` }, `${s.impact}（${s.impactBand}）`),
            s.entry.ismap.registered ? `登録あり ${s.entry.ismap.number ?? ''}` : '登録なし',
            `${s.entry.period.from}〜${s.entry.period.to}`,
            s.findings.length
              ? h(
                  'ul',
                  { class: 'findings' },
                  s.findings.map((f) =>
                    h('li', { class: f.blocking ? 'blocking' : '' }, f.message),
                  ),
                )
              : '✓',
            actions(s),
          ]),
          { numericFrom: 99, className: 'data wrap register' },
        ),
      )
    drawMatrix()
    drawBands()
    drawRenewals()
  }

  function actions(s: ServiceView): HTMLElement {
    const step = async (action: 'approve' | 'refuse' | 'start' | 'end') => {
      const body: Schemas['ServiceTransition'] = { version: s.version }
      if (action === 'approve' && s.findings.some((f) => f.blocking)) {
        const reason = prompt(
          `阻止項目があります:\n${s.findings
            .filter((f) => f.blocking)
            .map((f) => f.message)
            .join('\n')}\n例外として承認する理由を入力してください（空欄なら中止）`,
        )
        if (!reason?.trim()) return
        body.overrides = s.findings.filter((f) => f.blocking).map((f) => ({ rule: f.rule, reason }))
      }
      if (action === 'refuse') {
        const reason = prompt('却下の理由を入力してください')
        if (!reason?.trim()) return
        body.reason = reason
      }
      if (action === 'end') {
        const plan = prompt('移行計画書または終了計画書（名称・日付）')
        if (!plan?.trim()) return
        const disposal = prompt('情報の廃棄方法の確認（例: 消去証明書を受領）')
        if (!disposal?.trim()) return
        if (!confirm('利用者・管理者アカウントの削除は済みましたか？')) return
        body.report = { date: todayJst(), plan, dataDisposal: disposal, accountsRemoved: true }
      }
      try {
        await unwrap(
          state.api.http.POST('/api/external-services/{id}/{action}', {
            params: { path: { id: s.id, action } },
            body,
          }),
        )
        replace(
          message,
          h(
            'p',
            { role: 'status' },
            `「${s.entry.name}」: ${{ approve: '承認しました', refuse: '却下しました', start: '利用を開始しました', end: '利用を終了しました' }[action]}`,
          ),
        )
        await load()
      } catch (e) {
        replace(message, h('p', { role: 'alert' }, `できませんでした: ${(e as Error).message}`))
      }
    }
    const b = (label: string, action: 'approve' | 'refuse' | 'start' | 'end') =>
      h(
        'button',
        { type: 'button', 'data-action': action, onclick: () => void step(action) },
        label,
      )
    return h(
      'span',
      { class: 'actions' },
      s.status === 'applied' ? [b('承認', 'approve'), b('却下', 'refuse')] : null,
      s.status === 'approved' ? b('利用開始', 'start') : null,
      s.status === 'approved' || s.status === 'inUse' ? b('利用終了', 'end') : null,
    )
  }

  function drawMatrix() {
    replace(matrix.body, impactMatrix(list))
    replace(matrix.alt, impactMatrixAlt(list))
  }

  function drawBands() {
    drawChart(byBand.body, bandsChart(list), '影響度別・状態別のサービス数')
    replace(byBand.alt, bandsTable(list))
  }

  function drawRenewals() {
    const due = upcomingRenewals(
      list.filter((s) => s.status !== 'ended' && s.status !== 'refused'),
      todayJst(),
      90,
    )
    replace(
      renewals,
      h('h2', {}, '90日以内の更新・期間満了'),
      due.length
        ? dataTable(
            '更新予定',
            ['外部サービス', '期日', '残り日数'],
            due.map((s) => [s.entry.name, s.due, `${s.daysLeft}日`]),
          )
        : h('p', { class: 'empty' }, '90日以内に更新・期間満了を迎えるサービスはありません。'),
    )
  }

  async function exportAs(format: 'csv' | 'xlsx') {
    if (cid === undefined) return
    const { data, response } = await state.api.http.GET(
      '/api/consortia/{cid}/external-services/export',
      { params: { path: { cid: Number(cid) }, query: { format } }, parseAs: 'arrayBuffer' },
    )
    if (!response.ok || !data) {
      replace(message, h('p', { role: 'alert' }, `出力できませんでした (HTTP ${response.status})`))
      return
    }
    const name = `${state.consortium?.name ?? '組合'}_外部サービス台帳_${todayJst()}.${format}`
    download(name, data, response.headers.get('Content-Type') ?? 'application/octet-stream')
  }

  async function importFile() {
    const f = file.files?.[0]
    if (!f || cid === undefined) {
      replace(message, h('p', { role: 'alert' }, 'ファイルを選んでください。'))
      return
    }
    const xlsx = f.name.toLowerCase().endsWith('.xlsx')
    let imported: number
    try {
      ;({ imported } = await unwrap(
        state.api.http.POST('/api/consortia/{cid}/external-services/import', {
          params: { path: { cid: Number(cid) } },
          // the file goes as it is (CSV or xlsx bytes); the route reads and checks it all before storing
          body: f as unknown as string,
          bodySerializer: (b) => b,
          headers: {
            'Content-Type': xlsx
              ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
              : 'text/csv',
            'X-Filename': encodeURIComponent(f.name),
          },
        }),
      ))
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(0, 'network', String(e))
      replace(
        message,
        h('p', { role: 'alert' }, `取り込めませんでした（何も保存していません）: ${err.message}`),
        h(
          'ul',
          {},
          err.details.map((d) => h('li', {}, `${d.path ?? ''}: ${d.message}`)),
        ),
      )
      return
    }
    replace(message, h('p', { role: 'status' }, `${imported} 件を取り込みました。`))
    await load()
  }

  void load()
  return () => undefined
}

const cellsOf = (list: ServiceView[], c: number, r: number) =>
  list.filter(
    (s) =>
      s.entry.classification.confidentiality === c && s.entry.classification.residentImpact === r,
  )

/** 機密性 × 住民影響: the number of services in each cell and their highest 影響度. */
export function impactMatrix(list: ServiceView[]): HTMLTableElement {
  const cells = (c: number, r: number) => cellsOf(list, c, r)
  return h(
    'table',
    { class: 'data impact-matrix' },
    h('caption', {}, '縦: 機密性、横: 住民影響'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', {}, ''),
        [1, 2, 3].map((r) => h('th', { scope: 'col' }, `住民影響 ${r}`)),
      ),
    ),
    h(
      'tbody',
      {},
      [3, 2, 1].map((c) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, `機密性 ${c}`),
          [1, 2, 3].map((r) => {
            const here = cells(c, r)
            const max = Math.max(0, ...here.map((s) => s.impact))
            const band = here.length ? (max >= 27 ? '大' : max >= 4 ? '中' : '少') : ''
            return h(
              'td',
              { class: `cell impact-${band}`, title: here.map((s) => s.entry.name).join('、') },
              here.length
                ? [h('strong', {}, `${here.length} 件`), h('br', {}), `最大 ${max}`]
                : '—',
            )
          }),
        ),
      ),
    ),
  )
}

/** The matrix's text alternative (the services in each cell). */
export function impactMatrixAlt(list: ServiceView[]): HTMLTableElement {
  const cells = (c: number, r: number) => cellsOf(list, c, r)
  return dataTable(
    'マスごとのサービス',
    ['機密性・住民影響', 'サービス'],
    [3, 2, 1].flatMap((c) =>
      [1, 2, 3].map((r) => [
        `${c}・${r}`,
        cells(c, r)
          .map((s) => s.entry.name)
          .join('、') || '—',
      ]),
    ),
  )
}

/** Services by 影響度 band and status (stacked bars). */
export function bandsChart(list: ServiceView[]): ChartConfiguration {
  const count = (b: string, s: ServiceStatus) =>
    list.filter((x) => x.impactBand === b && x.status === s).length
  return {
    type: 'bar',
    data: {
      labels: BANDS.map((b) => `影響度 ${b}`),
      datasets: STATUSES.map((s, i) => ({
        label: STATUS_JA[s],
        data: BANDS.map((b) => count(b, s)),
        backgroundColor: PALETTE[i % PALETTE.length]!,
      })),
    },
    options: {
      scales: {
        x: { stacked: true },
        y: { stacked: true, ticks: { precision: 0 }, title: { display: true, text: '件数' } },
      },
    },
  }
}

export function bandsTable(list: ServiceView[]): HTMLTableElement {
  const count = (b: string, s: ServiceStatus) =>
    list.filter((x) => x.impactBand === b && x.status === s).length
  return dataTable(
    '影響度 × 状態',
    ['影響度', ...STATUSES.map((s) => STATUS_JA[s])],
    BANDS.map((b) => [b, ...STATUSES.map((s) => String(count(b, s)))]),
  )
}
