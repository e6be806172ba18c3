/**
 * SLA・継続性: the stored SLA files of the consortium checked against 表2-13, the availability of each
 * service by month (a heat strip; 減額 shown), and the 9 × 6 coverage of 表2-15 per member, with the
 * shared countermeasure's split. Everything shown comes from the API (the core computes it there).
 */
import { formatMonthJa, formatYen } from '@warikan/core'
import {
  countermeasureShort,
  GRADE_STATUS_JA,
  type ContinuityReport,
  type ServiceMonthReport,
} from '@warikan/core/sla'
import { ApiError, unwrap, type ErrorDetail, type Schemas } from '../api-client'
import type { AppState } from '../model'
import { dataTable, h, replace } from './dom'

type DocSummary = Schemas['SlaDocumentSummary']
type Analysis = Schemas['SlaDocumentAnalysis']

const KIND_JA = { sla: 'SLA', incidents: '障害記録', continuity: '継続性対策' } as const

const pct = (x: number) => `${(x * 100).toFixed(3)}%`

export function renderContinuity(root: HTMLElement, state: AppState): () => void {
  const body = h('div', { class: 'continuity' })
  const cid = state.consortium?.id
  replace(
    root,
    h('h1', {}, 'SLA・継続性'),
    h(
      'p',
      { class: 'lead' },
      'SLA の合意グレードを総務省報告の推奨（表2-13）と比べ、障害記録から月ごとの稼働率と減額を求め、ネットワーク障害パターン（表2-14）ごとに各団体の対策（表2-15）を確かめます。',
    ),
    uploadForm(state, () => void load()),
    body,
  )
  let alive = true
  async function load() {
    if (cid === undefined) return
    replace(body, h('p', { role: 'status' }, '読み込み中…'))
    try {
      const docs = await state.api.slaDocuments(cid)
      if (!alive) return
      if (!docs.length) {
        replace(
          body,
          h(
            'p',
            { class: 'empty' },
            'SLA・障害記録・継続性ファイルはまだありません。上の欄から取り込んでください。',
          ),
        )
        return
      }
      const sections = await Promise.all(
        docs.map(async (d) => {
          return section(d, await state.api.slaAnalysis(d.id))
        }),
      )
      if (alive) replace(body, sections)
    } catch (e) {
      if (alive) replace(body, h('p', { role: 'alert' }, `表示できません: ${(e as Error).message}`))
    }
  }
  void load()
  return () => {
    alive = false
  }
}

function section(d: DocSummary, a: Analysis): HTMLElement {
  const title = h('h2', {}, `${KIND_JA[d.kind]}: ${d.title}`, h('small', {}, `（v${d.version}）`))
  if (a.kind === 'sla') {
    const bad = a.findings.filter((f) => f.status !== 'ok').length
    return h(
      'section',
      { class: 'panel', 'data-panel': 'sla-grades' },
      title,
      h(
        'p',
        {},
        bad
          ? `推奨に届かない項目: ${bad} / ${a.findings.length}`
          : `全 ${a.findings.length} 項目が推奨どおりです`,
      ),
      dataTable(
        'SLA 項目ごとの判定（表2-12 の項目、表2-13 の推奨）',
        ['SLA 項目', '判定', '合意内容', '推奨グレード', '所見'],
        a.findings.map((f) => [
          f.item,
          GRADE_STATUS_JA[f.status],
          f.agreed,
          f.recommended,
          f.message,
        ]),
        { numericFrom: 99, className: 'data wrap' },
      ),
    )
  }
  if (a.kind === 'incidents') return availabilitySection(title, a.report)
  return coverageSection(title, a.report)
}

/** The month × service heat strip (green met, amber downtime, red missed; the 減額 in the cell). */
export function availabilityStrip(report: {
  months: string[]
  services: ServiceMonthReport[]
}): HTMLTableElement {
  const services = [...new Map(report.services.map((s) => [s.service, s.serviceName])).entries()]
  const cell = (s: ServiceMonthReport | undefined) => {
    if (!s) return h('td', {}, '—')
    const shade = s.met === false ? 'miss' : s.downtimeMinutes > 0 ? 'warn' : 'ok'
    return h(
      'td',
      {
        class: `heat ${shade}`,
        title: `障害 ${s.downtimeMinutes}分 / サービス時間 ${s.serviceMinutes}分`,
      },
      h('strong', {}, pct(s.availability)),
      h('br', {}),
      s.met === undefined ? '' : s.met ? '達成' : '未達',
      s.credit ? h('span', { class: 'credit' }, ` 減額 ${formatYen(s.credit.amount)}`) : '',
    )
  }
  return h(
    'table',
    { class: 'data heat-strip' },
    h('caption', {}, '月 × サービスの稼働率（目標に対する達成・未達、減額）'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'サービス'),
        report.months.map((m) => h('th', { scope: 'col' }, formatMonthJa(m))),
      ),
    ),
    h(
      'tbody',
      {},
      services.map(([id, name]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, name),
          report.months.map((m) =>
            cell(report.services.find((s) => s.service === id && s.month === m)),
          ),
        ),
      ),
    ),
  )
}

/** Month × service heat strip: green when the target is met, red when missed; the 減額 in the cell. */
function availabilitySection(
  title: HTMLElement,
  report: { months: string[]; services: ServiceMonthReport[] },
): HTMLElement {
  const strip = availabilityStrip(report)
  const detail = dataTable(
    '障害ごとの扱い',
    ['サービス', '月', '行', '期間', '扱い', '計上'],
    report.services.flatMap((s) =>
      s.incidents.map((i) => [
        s.serviceName,
        formatMonthJa(s.month),
        i.lines.join('・'),
        `${i.start}〜${i.end}`,
        i.note ||
          {
            counted: '計上',
            excluded: '除外',
            belowMinimum: '最小時間未満',
            outsideHours: 'サービス時間外',
          }[i.status],
        `${i.countedMinutes}分`,
      ]),
    ),
    { numericFrom: 5, className: 'data wrap' },
  )
  const notices = report.services.flatMap((s) => s.notices)
  return h(
    'section',
    { class: 'panel', 'data-panel': 'sla-availability' },
    title,
    strip,
    detail,
    notices.length
      ? h(
          'ul',
          { class: 'notices' },
          notices.map((n) => h('li', {}, n)),
        )
      : null,
  )
}

/** Per member: which of the 9 patterns of 表2-14 it covers (✓) or leaves open (✗), and the cost of closing them. */
export function coverageTable(r: ContinuityReport): HTMLTableElement {
  return dataTable(
    '団体ごとの対策（✓ 対策あり、✗ 未対策）',
    ['団体', ...r.matrix.map((m) => `(${m.no})`), '解消に必要な対策', '費用'],
    r.members.map((m) => [
      m.name,
      ...r.matrix.map((p) => (m.uncovered.includes(p.no) ? '✗' : '✓')),
      m.closeGaps
        ? m.closeGaps.countermeasures.map((c) => countermeasureShort(c)).join('・') || '—'
        : '費用未設定',
      m.closeGaps ? formatYen(m.closeGaps.cost) : '—',
    ]),
    { numericFrom: r.matrix.length + 2, className: 'data coverage' },
  )
}

function coverageSection(title: HTMLElement, r: ContinuityReport): HTMLElement {
  const matrix = dataTable(
    '表2-15 ネットワーク障害パターンと主な対策',
    ['障害パターン', ...r.countermeasures.map((c) => countermeasureShort(c.id))],
    r.matrix.map((row) => [`(${row.no}) ${row.name}`, ...row.marks.map((m) => (m ? '○' : ''))]),
    { numericFrom: 99 },
  )
  const perMember = coverageTable(r)
  const shared = r.shared
    ? dataTable(
        '共同で行う対策の負担（按分エンジンによる）',
        ['団体', '負担額'],
        r.shared.members.map((m) => [m.name, formatYen(m.total)]),
      )
    : null
  return h(
    'section',
    { class: 'panel', 'data-panel': 'continuity' },
    title,
    matrix,
    perMember,
    shared,
  )
}

function uploadForm(state: AppState, reload: () => void): HTMLElement {
  const kind = h(
    'select',
    { id: 'sla-kind' },
    (['sla', 'incidents', 'continuity'] as const).map((k) => h('option', { value: k }, KIND_JA[k])),
  )
  const slaId = h('input', {
    id: 'sla-id',
    type: 'number',
    min: 1,
    placeholder: 'SLA の番号（障害記録のみ）',
  })
  const title = h('input', { id: 'sla-title', type: 'text', placeholder: '題名' })
  const file = h('input', {
    id: 'sla-file',
    type: 'file',
    accept: '.json,.csv,application/json,text/csv',
  })
  const result = h('div', { 'aria-live': 'polite' })
  const send = async () => {
    const f = file.files?.[0]
    const cid = state.consortium?.id
    if (!f || cid === undefined) {
      replace(result, h('p', { role: 'alert' }, 'ファイルを選んでください。'))
      return
    }
    const bytes = new Uint8Array(await f.arrayBuffer())
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      text = new TextDecoder('shift_jis').decode(bytes)
    }
    try {
      const k = kind.value as DocSummary['kind']
      // a file's JSON is checked in full by the server's core parser (422 with the field paths)
      const content =
        k === 'incidents' ? text : (JSON.parse(text) as Schemas['SlaDocumentCreate']['content'])
      await unwrap(
        state.api.http.POST('/api/consortia/{cid}/sla-documents', {
          params: { path: { cid: Number(cid) } },
          body: {
            kind: k,
            title: title.value.trim() || f.name,
            content,
            ...(k === 'incidents' && slaId.value ? { slaId: Number(slaId.value) } : {}),
          },
        }),
      )
      replace(result, h('p', { role: 'status' }, `${f.name} を保存しました。`))
      reload()
    } catch (e) {
      const details: ErrorDetail[] = e instanceof ApiError ? e.details : []
      replace(
        result,
        h('p', { role: 'alert' }, `保存できませんでした: ${(e as Error).message}`),
        details.length
          ? h(
              'ul',
              {},
              details.map((d) => h('li', {}, `${d.path ?? ''}: ${d.message}`)),
            )
          : null,
      )
    }
  }
  return h(
    'div',
    { class: 'toolbar' },
    h('label', { for: 'sla-kind', class: 'field' }, h('span', {}, '種類'), kind),
    h('label', { for: 'sla-title', class: 'field' }, h('span', {}, '題名'), title),
    h('label', { for: 'sla-id', class: 'field' }, h('span', {}, '読み合わせる SLA'), slaId),
    h('label', { for: 'sla-file', class: 'field' }, h('span', {}, 'ファイル'), file),
    h('button', { type: 'button', onclick: () => void send() }, '保存する'),
    result,
  )
}
