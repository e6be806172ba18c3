/** 照会ログの取込: upload with progress; a rejected file's errors are listed with their line numbers. */
import { formatInteger } from '@warikan/core'
import { ApiError, type ErrorDetail } from '../api-client'
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
      button,
    ),
    h('div', { class: 'progress-row' }, progress, percent),
    result,
  )

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
        `このファイルは取込済みです（同じ内容のファイル）。二重に数えないよう拒否しました。${e.message ? `（${e.message}）` : ''}`,
      ),
      h('button', { type: 'button', onclick: retryForced }, 'それでも取り込む（強制）'),
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
