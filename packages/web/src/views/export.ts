/**
 * 議会資料 exports: an xlsx workbook (負担金 members × cost items with 人口, totals, 単独導入費用, 削減額 and 削減率;
 * 按分ルール; 内訳; one 負担金通知 sheet per member) and a CSV. Every sheet's title row names the scenario, its
 * version and the date; headers repeat on each printed page, the footer numbers the pages; numbers carry an
 * Excel number format (yen, %, integers). File names carry the scenario title and the date.
 * exceljs is loaded lazily (dynamic import) so it stays out of the first page load.
 * Text is written as string cells (never formulas), so a name like `=1+1` stays text; the CSV goes through
 * the core's `toCsv` formula guard.
 */
import type { Worksheet } from 'exceljs'
import {
  allocationRows,
  explainMember,
  formatDateJa,
  formatFiscalYear,
  planRateLines,
  planRows,
  toCsv,
  type Allocation,
  type CsvCell,
  type PlanAllocation,
  type Scenario,
} from '@warikan/core'
import { download } from './dom'
import { buildNotice, noticeSummary } from './notice-data'
import { todayIso } from './present'

/** Which stored scenario is exported, and when (the date defaults to today). */
export interface ExportMeta {
  title: string
  version: number
  /** YYYY-MM-DD */
  date?: string
  /** the planner's unsaved edits are in the export */
  unsaved?: boolean
  /** the consortium's 中期計画 (its title and the years at the plan's own rates): a 中期計画 sheet */
  plan?: { title: string; allocation: PlanAllocation }
}

/** Excel number formats of the workbook. */
export const NUM_FMT = {
  yen: '"¥"#,##0',
  integer: '#,##0',
  rank: '0',
  percent: '0.0%',
  /** 前年度比: +1.4% / −0.8% */
  change: '+0.0%;-0.0%;0.0%',
} as const

/**
 * The 中期計画 sheet's rows: 団体 × 年度 with the 前年度比 after each year but the first (the change from the
 * previous year's amount; empty when either year has no amount, e.g. the year a member joins), then 期間計,
 * 単独導入計 and 削減率; a 合計 row. Amounts are the core's (planRows), the same as the plan view's xlsx.
 */
export function planSheetRows(plan: PlanAllocation): CsvCell[][] {
  const base = planRows(plan)
  const nYears = plan.output.years.length
  const change = (prev: CsvCell, cur: CsvCell): CsvCell =>
    typeof prev === 'number' && typeof cur === 'number' && prev > 0 ? cur / prev - 1 : undefined
  return base.map((r, i) => {
    const years = r.slice(2, 2 + nYears)
    const cells: CsvCell[] = [r[0], r[1]]
    years.forEach((v, k) => {
      cells.push(v)
      if (k > 0) cells.push(i === 0 ? `前年度比（${String(v)}）` : change(years[k - 1], v))
    })
    return [...cells, ...r.slice(2 + nYears)]
  })
}

const safeName = (s: string) =>
  [...s.replace(/[\\/:*?"<>|]/g, '_')].filter((c) => c >= ' ').join('')

/** 負担金按分_<組合>_<令和n年度>_<シナリオ名>_v<版>_<YYYYMMDD> (characters a file system refuses become _). */
export const fileBase = (scenario: Scenario, meta?: ExportMeta) =>
  safeName(
    [
      '負担金按分',
      scenario.consortium.name,
      formatFiscalYear(scenario.consortium.fiscalYear),
      ...(meta
        ? [meta.title, `v${meta.version}${meta.unsaved ? '（未保存の変更あり）' : ''}`]
        : []),
      (meta?.date ?? todayIso()).replaceAll('-', ''),
    ].join('_'),
  )

export function exportCsv(scenario: Scenario, allocation: Allocation, meta?: ExportMeta): string {
  const csv = toCsv(allocationRows(scenario, allocation), { bom: true })
  download(`${fileBase(scenario, meta)}.csv`, csv, 'text/csv;charset=utf-8')
  return csv
}

/** The 負担金 sheet: code, name, 人口, one column per cost item, 合計, 単独導入費用, 削減額, 削減率, 目標達成. */
function memberRows(scenario: Scenario, allocation: Allocation): CsvCell[][] {
  const out = allocation.output
  const population = new Map(scenario.members.map((m) => [m.code, m.population]))
  const rows: CsvCell[][] = [
    [
      '団体コード',
      '団体名',
      '人口',
      ...scenario.costs.map((c) => c.name),
      '合計',
      '単独導入費用',
      '削減額',
      '削減率',
      '目標達成',
    ],
  ]
  for (const m of out.members)
    rows.push([
      m.code,
      m.name,
      population.get(m.code) ?? null,
      ...scenario.costs.map((c) => m.shares[c.id] ?? 0),
      m.total,
      m.standaloneCost ?? null,
      m.standaloneCost === undefined ? null : m.standaloneCost - m.total,
      m.savingsRate === undefined ? null : Number(m.savingsRate.toFixed(6)),
      m.meetsTarget === undefined ? '' : m.meetsTarget ? '達成' : '未達',
    ])
  const standalone = out.members.filter((m) => m.standaloneCost !== undefined)
  rows.push([
    '',
    '合計',
    scenario.members.reduce((a, m) => a + m.population, 0),
    ...out.costs.map((c) => c.allocated),
    out.total,
    standalone.reduce((a, m) => a + m.standaloneCost!, 0),
    standalone.reduce((a, m) => a + m.standaloneCost! - m.total, 0),
    null,
    '',
  ])
  return rows
}

function ruleRows(scenario: Scenario, allocation: Allocation): CsvCell[][] {
  const names = new Map(scenario.members.map((m) => [m.code, m.name]))
  const rows: CsvCell[][] = [
    ['費目ID', '費目名', '金額', '参加団体', '按分方法', '利用実績の数え方'],
  ]
  for (const w of allocation.workings) {
    const c = w.cost
    rows.push([
      c.id,
      c.name,
      c.amount,
      c.members
        ? c.members.map((code) => names.get(code) ?? code).join('、')
        : `全団体（${scenario.members.length}）`,
      describe(w),
      c.rule?.traffic === undefined
        ? ''
        : `${c.traffic?.basis ?? 'split'} / ${c.traffic?.unit ?? 'queries'}`,
    ])
  }
  return rows
}

const describe = (w: Allocation['workings'][number]) =>
  w.columns
    .map((c) =>
      c.key === 'fixed'
        ? c.label
        : `${c.label}${c.detail ? `(${c.detail})` : ''} ${c.weight.n}/${c.weight.d}`,
    )
    .join(' + ')

function explanationRows(scenario: Scenario, allocation: Allocation): CsvCell[][] {
  const rows: CsvCell[][] = [
    [
      '団体コード',
      '団体名',
      '費目',
      '按分方法',
      '厳密な負担額',
      '切り捨て額',
      '端数順位',
      '加算額',
      '負担金',
      '説明',
    ],
  ]
  for (const m of scenario.members)
    for (const e of explainMember(allocation, m.code)) {
      if (!e.participant) continue
      rows.push([
        m.code,
        m.name,
        e.costName,
        e.rule,
        e.exactShare,
        e.floor,
        e.rank,
        e.share - e.floor,
        e.share,
        e.reason,
      ])
    }
  return rows
}

type ColumnFormats = Record<number, string>

/** Build the workbook and download it. Returns the bytes (the browser test reads them back). */
export async function exportXlsx(
  scenario: Scenario,
  allocation: Allocation,
  meta?: ExportMeta,
): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs')
  const wb = new ExcelJS.Workbook()
  wb.creator = '割り勘 (Warikan)'
  wb.created = new Date()
  const date = meta?.date ?? todayIso()
  const title = [
    `${scenario.consortium.name} ${formatFiscalYear(scenario.consortium.fiscalYear)} 負担金按分`,
    ...(meta
      ? [`${meta.title}（v${meta.version}${meta.unsaved ? '・未保存の変更あり' : ''}）`]
      : []),
    `${formatDateJa(date)} 作成`,
  ].join(' ／ ')
  const usedNames = new Set<string>()
  /** Excel: at most 31 characters, none of : \ / ? * [ ], unique. */
  const sheetName = (want: string) => {
    const base = want.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'sheet'
    let name = base
    for (let k = 2; usedNames.has(name); k++) name = `${base.slice(0, 28)}(${k})`
    usedNames.add(name)
    return name
  }
  const sheet = (
    name: string,
    rows: CsvCell[][],
    widths: number[],
    formats: ColumnFormats,
    options: { heading?: string; portrait?: boolean } = {},
  ): Worksheet => {
    const ws = wb.addWorksheet(sheetName(name), {
      pageSetup: {
        orientation: options.portrait ? 'portrait' : 'landscape',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      },
      headerFooter: { oddFooter: `&L${safeFooter(title)}&R&P / &N ページ` },
    })
    ws.addRow([options.heading ?? title]).font = { bold: true, size: 14 }
    const headerRow = options.heading ? 3 : 2
    if (options.heading) ws.addRow([title]).font = { size: 10 }
    rows.forEach((r, i) => {
      const row = ws.addRow([])
      r.forEach((v, j) => {
        const cell = row.getCell(j + 1)
        // Strings are always string cells: exceljs writes a formula only for {formula}, never for text.
        cell.value = v === undefined ? null : typeof v === 'boolean' ? String(v) : v
        const fmt = formats[j]
        if (typeof v === 'number' && fmt && i > 0) cell.numFmt = fmt
        if (typeof v === 'number') cell.alignment = { horizontal: 'right' }
      })
      if (i === 0) {
        row.font = { bold: true }
        r.forEach((_, j) => {
          if (formats[j]) row.getCell(j + 1).alignment = { horizontal: 'right' }
        })
      }
    })
    ws.columns.forEach((col, i) => (col.width = widths[i] ?? 14))
    ws.views = [{ state: 'frozen', ySplit: headerRow }]
    // the header row repeats on every printed page
    ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`
    return ws
  }
  const nCost = scenario.costs.length
  const yenCols = (from: number, to: number) =>
    Object.fromEntries(Array.from({ length: to - from + 1 }, (_, k) => [from + k, NUM_FMT.yen]))
  const ws = sheet(
    '負担金',
    memberRows(scenario, allocation),
    [10, 16, 10, ...scenario.costs.map(() => 16), 16, 16, 16, 10, 10],
    {
      2: NUM_FMT.integer,
      ...yenCols(3, 3 + nCost + 2),
      [3 + nCost + 3]: NUM_FMT.percent,
    },
  )
  ws.lastRow!.font = { bold: true }
  sheet('按分ルール', ruleRows(scenario, allocation), [14, 28, 16, 40, 48, 20], { 2: NUM_FMT.yen })
  sheet('内訳', explanationRows(scenario, allocation), [10, 12, 26, 40, 24, 14, 8, 10, 14, 60], {
    5: NUM_FMT.yen,
    6: NUM_FMT.rank,
    7: NUM_FMT.yen,
    8: NUM_FMT.yen,
  })
  if (meta?.plan) {
    const plan = meta.plan.allocation
    const nYears = plan.output.years.length
    const cols = nYears * 2 - 1
    const formats: ColumnFormats = {}
    for (let k = 0; k < cols; k++)
      formats[2 + k] = k > 0 && k % 2 === 0 ? NUM_FMT.change : NUM_FMT.yen
    formats[2 + cols] = NUM_FMT.yen
    formats[3 + cols] = NUM_FMT.yen
    formats[4 + cols] = NUM_FMT.percent
    const pws = sheet(
      '中期計画',
      planSheetRows(plan),
      [
        10,
        16,
        ...Array.from({ length: cols }, (_, k) => (k > 0 && k % 2 === 0 ? 12 : 16)),
        16,
        16,
        10,
      ],
      formats,
      {
        heading: `${scenario.consortium.name} ${meta.plan.title}（${formatFiscalYear(plan.output.from)}〜${formatFiscalYear(plan.output.to)}）`,
      },
    )
    pws.lastRow!.font = { bold: true }
    for (const line of planRateLines(plan)) pws.addRow([line])
  }
  // 負担金通知: one sheet per member
  const population = new Map(scenario.members.map((m) => [m.code, m.population]))
  for (const m of allocation.output.members) {
    const pop = population.get(m.code)
    const n = buildNotice(
      m,
      explainMember(allocation, m.code),
      pop === undefined ? {} : { population: pop },
    )
    const rows: CsvCell[][] = [
      [
        '費目',
        '費目の総額',
        '按分の方法',
        '算定の基礎（貴団体 ／ 合計）',
        '切り捨て額',
        '端数の加算',
        '負担額',
        '端数処理',
      ],
      ...n.lines.map((l) => [
        l.costName,
        l.amount,
        l.rule,
        l.drivers.join('\n'),
        l.floor,
        l.added,
        l.share,
        l.rounding,
      ]),
      ['合計', null, '', '', null, null, n.total, ''],
    ]
    const nws = sheet(
      `通知_${m.name}`,
      rows,
      [26, 16, 30, 44, 14, 10, 14, 60],
      {
        1: NUM_FMT.yen,
        4: NUM_FMT.yen,
        5: NUM_FMT.yen,
        6: NUM_FMT.yen,
      },
      { heading: `負担金通知 ${m.name}（${m.code}）: ${noticeSummary(n)}`, portrait: true },
    )
    nws.lastRow!.font = { bold: true }
    nws.getColumn(4).alignment = { wrapText: true, vertical: 'top' }
    nws.getColumn(8).alignment = { wrapText: true, vertical: 'top' }
  }
  const buf = (await wb.xlsx.writeBuffer()) as ArrayBuffer
  download(
    `${fileBase(scenario, meta)}.xlsx`,
    buf,
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  return buf
}

/** Excel header/footer codes start with &: a literal & is written &&. */
const safeFooter = (s: string) => s.replaceAll('&', '&&')
