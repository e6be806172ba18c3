/**
 * クラウド請求明細 (FOCUS) の取込: upload FOCUS CSV files with their map and rates; the stored reconciliation
 * (rows, currencies, items with their one rounding, the sum check) and direct (個別) versus shared (共通) cost per
 * member. The shared items are split by the core's allocation of the current scenario's members.
 */
import { allocate, formatInteger, formatYen, parseScenario } from '@warikan/core'
import { formatExactYen } from '@warikan/core/bills'
import { ApiError, unwrap, type Schemas } from '../api-client'
import { PALETTE } from '../charts/register'
import type { AppState } from '../model'
import { dataTable, h, replace } from './dom'
import { drawChart } from './panel'

type BillImport = Schemas['BillImport']

function parseRates(text: string): Record<string, string> {
  const rates: Record<string, string> = {}
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    const [cur, value] = part.split('=')
    if (cur && value) rates[cur.trim().toUpperCase()] = value.trim()
  }
  return rates
}

export function renderBills(root: HTMLElement, state: AppState): () => void {
  const cur = state.current
  const csv = h('input', {
    type: 'file',
    id: 'bill-files',
    accept: '.csv,text/csv',
    multiple: true,
  })
  const map = h('input', { type: 'file', id: 'bill-map', accept: '.json,application/json' })
  const rates = h('input', { type: 'text', id: 'bill-rates', value: 'USD=150', size: 24 })
  const status = h('div', { class: 'upload-result', 'aria-live': 'polite' })
  const progress = h('progress', { max: 100, value: 0, 'aria-label': 'アップロードの進み具合' })
  const percent = h('span', { class: 'progress-text' }, '')
  const report = h('div', { class: 'bill-report' })
  const button = h(
    'button',
    { type: 'button', 'data-action': 'upload-bills', onclick: () => void send() },
    '取り込む',
  )
  replace(
    root,
    h('h1', {}, 'クラウド請求明細（FOCUS）の取込'),
    h(
      'p',
      { class: 'lead' },
      `取込先: ${cur ? `「${cur.stored.title}」` : '（シナリオ未選択）'}。FOCUS 1.x の CSV と対応表（JSON）。誤りのある行が 1 行でもあれば何も保存しません。`,
    ),
    h(
      'div',
      { class: 'toolbar' },
      h('label', { for: 'bill-files', class: 'field' }, h('span', {}, '請求明細 CSV'), csv),
      h('label', { for: 'bill-map', class: 'field' }, h('span', {}, '対応表 JSON'), map),
      h('label', { for: 'bill-rates', class: 'field' }, h('span', {}, '出納レート（円）'), rates),
      button,
    ),
    h('div', { class: 'progress-row' }, progress, percent),
    status,
    report,
  )

  async function load() {
    if (!state.current) return
    try {
      const list = await unwrap(
        state.api.http.GET('/api/scenarios/{id}/bills', {
          params: { path: { id: state.current.summary.id } },
        }),
      )
      if (list[0]) show(list[0])
      else replace(report, h('p', {}, 'まだ取り込まれた請求明細はありません。'))
    } catch (e) {
      replace(report, h('p', { role: 'alert' }, `一覧を読めませんでした: ${(e as Error).message}`))
    }
  }

  async function send() {
    const files = [...(csv.files ?? [])]
    const mapFile = map.files?.[0]
    if (!state.current || !files.length || !mapFile) {
      replace(status, h('p', { role: 'alert' }, '請求明細 CSV と対応表を選んでください。'))
      return
    }
    button.setAttribute('disabled', '')
    replace(status, h('p', { role: 'status' }, `送信中: ${files.map((f) => f.name).join('、')}`))
    try {
      let mapJson: Schemas['BillMap']
      try {
        mapJson = JSON.parse(await mapFile.text()) as Schemas['BillMap']
      } catch {
        replace(status, h('p', { role: 'alert' }, `${mapFile.name}: JSON として読めません。`))
        return
      }
      const body = {
        map: mapJson,
        rates: parseRates(rates.value),
        files: await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() }))),
      }
      const stored = await state.api.uploadBills(
        state.current.summary.id,
        body,
        (loaded, total) => {
          const p = total ? Math.round((loaded / total) * 100) : 0
          progress.value = p
          percent.textContent =
            p < 100
              ? `${p}%（${formatInteger(loaded)} / ${formatInteger(total)} バイト）`
              : '送信済み。サーバで読み取り中…'
        },
      )
      progress.value = 100
      percent.textContent = '完了'
      replace(
        status,
        h(
          'p',
          { class: 'ok', role: 'status' },
          `✓ ${formatInteger(stored.rows)} 行を取り込みました（合計 ${formatYen(stored.total)}）。`,
        ),
      )
      show(stored)
    } catch (e) {
      replace(status, failure(e))
    } finally {
      button.removeAttribute('disabled')
    }
  }

  function show(bill: BillImport) {
    const rec = bill.reconciliation
    const names = new Map((state.current?.doc.members ?? []).map((m) => [m.code, m.name]))
    const memberName = (code?: string) => (code === undefined ? '共通' : (names.get(code) ?? code))
    const chartHost = h('div', { class: 'chart' })
    replace(
      report,
      h('h2', {}, `取込 ${bill.id}（${bill.files.join('、')}）`),
      dataTable(
        '費目（個別 = 団体の直接費、共通 = 按分する費用）',
        ['費目ID', '区分', '団体', '行数', '請求額', '円換算（端数処理前）', '金額', '端数'],
        rec.items.map((i) => [
          i.id,
          i.kind === 'direct' ? '個別' : '共通',
          memberName(i.member),
          formatInteger(i.rows),
          `${i.billed} ${i.currency}`,
          formatExactYen(i.exactYen),
          formatYen(i.amount),
          i.rounding,
        ]),
        { numericFrom: 3, className: 'data bill-items' },
      ),
      dataTable(
        '通貨別',
        ['通貨', '行数', '請求額', 'レート', '円換算'],
        rec.currencies.map((c) => [
          c.currency,
          formatInteger(c.rows),
          c.billed,
          c.rate,
          formatExactYen(c.exactYen),
        ]),
      ),
      h(
        'p',
        { class: rec.check.ok ? 'ok' : 'alert', 'data-check': rec.check.ok ? 'ok' : 'failed' },
        `個別 ${formatYen(rec.direct)} + 共通 ${formatYen(rec.shared)} = ${formatYen(rec.total)}。照合: 費目の合計 − 明細×レート = ${rec.check.difference} 円（許容 ±${rec.check.bound} 円）${rec.check.ok ? ' ✓' : ' ✗'}`,
      ),
      h('h2', {}, '団体別 個別と共通'),
      chartHost,
    )
    const perMember = directAndShared(state, bill)
    if (!perMember) {
      replace(
        chartHost,
        h('p', {}, '共通分を按分できません（シナリオまたは規則が正しくありません）。'),
      )
      return
    }
    drawChart(
      chartHost,
      {
        type: 'bar',
        data: {
          labels: perMember.map((m) => m.name),
          datasets: [
            {
              label: '個別',
              data: perMember.map((m) => m.direct),
              backgroundColor: PALETTE[0]!,
              stack: 'bill',
            },
            {
              label: '共通（按分）',
              data: perMember.map((m) => m.shared),
              backgroundColor: PALETTE[1]!,
              stack: 'bill',
            },
          ],
        },
        options: {
          scales: {
            x: { stacked: true },
            y: { stacked: true, ticks: { callback: (v) => formatYen(Number(v)) } },
          },
        },
      },
      '団体別の個別費と共通費の按分額',
    )
  }

  void load()
  return () => undefined
}

/** Each member's direct yen (from the reconciliation) and its share of the shared items (the core's allocation). */
function directAndShared(
  state: AppState,
  bill: BillImport,
): Array<{ code: string; name: string; direct: number; shared: number }> | undefined {
  const doc = state.current?.doc
  if (!doc) return undefined
  const shared = bill.costs.filter(
    (c) => !c.members || c.members.length !== 1 || !c.id.includes('--'),
  )
  const parsed = parseScenario({ ...doc, costs: shared })
  if (!parsed.ok) return undefined
  const result = allocate(parsed.value)
  if (!result.ok) return undefined
  const direct = new Map(bill.reconciliation.members.map((m) => [m.code, m.direct]))
  return result.value.output.members.map((m) => ({
    code: m.code,
    name: m.name,
    direct: direct.get(m.code) ?? 0,
    shared: m.total,
  }))
}

function failure(e: unknown): HTMLElement {
  if (!(e instanceof ApiError))
    return h('p', { role: 'alert' }, `取り込めませんでした: ${String(e)}`)
  return h(
    'div',
    { role: 'alert', class: 'upload-error' },
    h('p', {}, `取り込めませんでした（何も保存していません）: ${e.message}`),
    e.details.length
      ? dataTable(
          '誤り',
          ['ファイル', '行', '項目', '内容'],
          e.details.map((d) => [
            d.file ?? '—',
            d.line === undefined ? '—' : `${d.line} 行目`,
            d.field ?? d.path ?? '—',
            d.message,
          ]),
          { numericFrom: 99, className: 'data upload-errors' },
        )
      : null,
  )
}
