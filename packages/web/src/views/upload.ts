/**
 * 照会ログの取込: upload with progress (encoding chosen or detected); a rejected file's errors are listed with
 * their line numbers; the imported logs of the scenario are listed, each with a button that removes it.
 */
import { formatDateJa, formatInteger } from '@warikan/core'
import { ApiError, type ErrorDetail, type TrafficImport } from '../api-client'
import type { AppState } from '../model'
import { dataTable, h, replace } from './dom'

export function renderUpload(root: HTMLElement, state: AppState): () => void {
  const cur = state.current
  const input = h('input', {
    type: 'file',
    id: 'traffic-file',
    accept: '.csv,text/csv',
    multiple: false,
  })
  const progress = h('progress', { max: 100, value: 0, 'aria-label': 'アップロードの進み具合' })
  const percent = h('span', { class: 'progress-text' }, '')
  const result = h('div', { class: 'upload-result', 'aria-live': 'polite' })
  const encoding = h(
    'select',
    { id: 'traffic-encoding' },
    h('option', { value: '' }, '自動判定'),
    h('option', { value: 'utf-8' }, 'UTF-8'),
    h('option', { value: 'shift_jis' }, 'Shift_JIS (CP932)'),
  )
  const imports = h('section', { class: 'traffic-imports', 'aria-label': '取込済みの照会ログ' })
  const button = h(
    'button',
    { type: 'button', 'data-action': 'upload', onclick: () => void send(false) },
    '取り込む',
  )
  replace(
    root,
    h('h1', {}, '照会ログ（中間サーバ）の取込'),
    h(
      'p',
      { class: 'lead' },
      `取込先: ${cur ? `「${cur.stored.title}」` : '（シナリオ未選択）'}。CSV（UTF-8 または Shift_JIS、見出し行あり）。誤りのある行があるファイルは全体を取り込みません。`,
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'traffic-file', class: 'field' }, h('span', {}, '照会ログファイル'), input),
      h(
        'label',
        { for: 'traffic-encoding', class: 'field' },
        h('span', {}, '文字コード'),
        encoding,
      ),
      button,
    ),
    h('div', { class: 'progress-row' }, progress, percent),
    result,
    imports,
  )
  void showImports()

  /** The imported logs of the scenario, each removable. */
  async function showImports() {
    const scenario = state.current
    if (!scenario) return replace(imports)
    let list: TrafficImport[]
    try {
      list = (await state.api.trafficImports(scenario.summary.id)).imports
    } catch (e) {
      return replace(
        imports,
        h(
          'p',
          { class: 'muted' },
          `取込の一覧を読めません: ${e instanceof Error ? e.message : String(e)}`,
        ),
      )
    }
    const cell = (text: string, numeric = false) => h('td', numeric ? { class: 'num' } : {}, text)
    replace(
      imports,
      h('h2', {}, '取込済みの照会ログ'),
      list.length
        ? h(
            'table',
            { class: 'data traffic-import-list' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                ...['ファイル', '行数', '期間', '文字コード', '取込者', '取込日時', ''].map(
                  (t, i) => h('th', i === 1 ? { class: 'num', scope: 'col' } : { scope: 'col' }, t),
                ),
              ),
            ),
            h(
              'tbody',
              {},
              ...list.map((i) =>
                h(
                  'tr',
                  { 'data-import-id': String(i.id) },
                  cell(i.fileName),
                  cell(formatInteger(i.rows), true),
                  cell(period(i)),
                  cell(i.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8'),
                  cell(i.importedBy ?? '—'),
                  cell(formatDateJa(jstIso(i.importedAt))),
                  h(
                    'td',
                    {},
                    h(
                      'button',
                      {
                        type: 'button',
                        'data-action': 'remove-import',
                        title: `sha256 ${i.sha256}`,
                        onclick: () => void remove(i),
                      },
                      '取り消す',
                    ),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, 'まだ取り込んだ照会ログはありません。'),
    )
  }

  async function remove(i: TrafficImport) {
    const scenario = state.current
    if (!scenario) return
    if (!confirm(`「${i.fileName}」（${formatInteger(i.rows)} 行）の取込を取り消しますか？`)) return
    try {
      await state.api.removeTrafficImport(scenario.summary.id, i.id)
      replace(
        result,
        h('p', { class: 'ok', role: 'status' }, `✓ ${i.fileName} の取込を取り消しました。`),
      )
      await state.reloadTraffic()
    } catch (e) {
      replace(
        result,
        h(
          'p',
          { role: 'alert' },
          `取り消せませんでした: ${e instanceof Error ? e.message : String(e)}`,
        ),
      )
    }
    await showImports()
  }

  async function send(force: boolean) {
    const file = input.files?.[0]
    if (!state.current || !file) {
      replace(result, h('p', { role: 'alert' }, 'ファイルを選んでください。'))
      return
    }
    button.setAttribute('disabled', '')
    replace(result, h('p', { role: 'status' }, `送信中: ${file.name}`))
    try {
      const r = await state.api.uploadTraffic(
        state.current.summary.id,
        file,
        file.name,
        (loaded, total) => {
          const pct = total ? Math.round((loaded / total) * 100) : 0
          progress.value = pct
          percent.textContent = `${pct}%（${formatInteger(loaded)} / ${formatInteger(total)} バイト）`
        },
        force,
        encoding.value === 'utf-8' || encoding.value === 'shift_jis' ? encoding.value : undefined,
      )
      progress.value = 100
      replace(
        result,
        h(
          'p',
          { class: 'ok', role: 'status' },
          `✓ ${file.name} を取り込みました（${formatInteger(r.rows)} 行）。`,
        ),
      )
      await state.reloadTraffic()
      await showImports()
    } catch (e) {
      replace(
        result,
        failure(e, file.name, () => void send(true)),
      )
    } finally {
      button.removeAttribute('disabled')
    }
  }
  return () => undefined
}

/** A UTC timestamp as its JST wall-clock ISO text (the date part is what is shown). */
const jstIso = (utc: string): string => {
  const ms = Date.parse(utc)
  return Number.isNaN(ms) ? utc : new Date(ms + 9 * 3600_000).toISOString()
}

/** The period a log covers, by the JST dates of its first and last row. */
function period(i: TrafficImport): string {
  if (!i.periodFrom || !i.periodTo) return '—'
  const from = formatDateJa(i.periodFrom)
  const to = formatDateJa(i.periodTo)
  return from === to ? from : `${from}〜${to}`
}

function failure(e: unknown, filename: string, retryForced: () => void): HTMLElement {
  if (!(e instanceof ApiError))
    return h('p', { role: 'alert' }, `取り込めませんでした: ${String(e)}`)
  if (e.status === 409)
    return h(
      'div',
      { role: 'alert', class: 'upload-error' },
      h(
        'p',
        {},
        `このログは取込済みです（同じ行のログ。文字コードや列の順が違っても同じ行なら同じログです）。二重に数えないよう拒否しました。${e.message ? `（${e.message}）` : ''}`,
      ),
      h('button', { type: 'button', onclick: retryForced }, '以前の取込と置き換える（強制）'),
    )
  if (e.status === 503)
    return h(
      'p',
      { role: 'alert' },
      `ほかの照会ログを取り込み中です。しばらくしてから送り直してください。${e.message ? `（${e.message}）` : ''}`,
    )
  const details: ErrorDetail[] = e.details
  return h(
    'div',
    { role: 'alert', class: 'upload-error' },
    h('p', {}, `${filename} を取り込めませんでした（何も保存していません）: ${e.message}`),
    details.length
      ? dataTable(
          '誤りのある行',
          ['ファイル', '行', '項目', '内容'],
          details.map((d) => [
            d.file ?? filename,
            d.line === undefined ? '—' : `${d.line} 行目`,
            d.field ?? d.path ?? '—',
            d.message,
          ]),
          { numericFrom: 99, className: 'data upload-errors' },
        )
      : null,
  )
}
