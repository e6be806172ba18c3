/** The bill reconciliation as a Japanese plain-text table (`warikan bill --format table`). */
import { formatInteger, formatYen, renderTable } from '@warikan/core'
import { formatExactYen as exactYen, type BillOutput } from '@warikan/core/bills'

export function billTable(
  output: BillOutput,
  names: ReadonlyMap<string, string> = new Map(),
): string {
  const r = output.reconciliation
  const name = (code: string | undefined) =>
    code === undefined ? '共通' : (names.get(code) ?? code)
  const lines: string[] = []
  lines.push('請求明細の取り込み (FOCUS bill import)')
  lines.push(
    renderTable(
      ['ファイル', '行数', '取り込み', '対象外'],
      r.files.map((f) => [
        f.file,
        formatInteger(f.rows),
        formatInteger(f.used),
        formatInteger(f.skipped),
      ]),
      ['left', 'right', 'right', 'right'],
    ),
  )
  lines.push('')
  lines.push('通貨別 (by currency)')
  lines.push(
    renderTable(
      ['通貨', '行数', '請求額', 'レート', '円換算（端数処理前）'],
      r.currencies.map((c) => [
        c.currency,
        formatInteger(c.rows),
        c.billed,
        c.rate,
        exactYen(c.exactYen),
      ]),
      ['left', 'right', 'right', 'right', 'right'],
    ),
  )
  lines.push('')
  lines.push('ChargeCategory 別 (by charge category)')
  lines.push(
    renderTable(
      ['ChargeCategory', '行数', '請求額', '円換算（端数処理前）'],
      r.chargeCategories.map((c) => [
        c.category,
        formatInteger(c.rows),
        Object.entries(c.billed)
          .map(([cur, v]) => `${v} ${cur}`)
          .join(' + '),
        exactYen(c.exactYen),
      ]),
      ['left', 'right', 'right', 'right'],
    ),
  )
  lines.push('')
  lines.push('費目 (cost items: 個別 = direct, 共通 = shared)')
  lines.push(
    renderTable(
      ['費目ID', '区分', '団体', '行数', '請求額', '円換算（端数処理前）', '金額', '端数'],
      r.items.map((i) => [
        i.id,
        i.kind === 'direct' ? '個別' : '共通',
        name(i.member),
        formatInteger(i.rows),
        `${i.billed} ${i.currency}`,
        exactYen(i.exactYen),
        formatYen(i.amount),
        i.rounding.startsWith('-') ? i.rounding.replace('-', '−') : `+${i.rounding}`,
      ]),
      ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
    ),
  )
  lines.push('')
  lines.push(
    `個別 ${formatYen(r.direct)} + 共通 ${formatYen(r.shared)} = 合計 ${formatYen(r.total)}`,
  )
  lines.push(
    `照合: 費目の合計 ${formatYen(r.check.itemsYen)} − 明細×レート ${exactYen(r.check.rowsExactYen)} = ${r.check.difference} 円` +
      `（許容 ±${r.check.bound} 円 = 費目数 × 0.5） ${r.check.ok ? '✓' : '✗'}`,
  )
  return lines.join('\n') + '\n'
}
