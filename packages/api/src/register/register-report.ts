/** The register as a Japanese text table (CLI). */
import { renderTable } from '@warikan/core'
import { STATUS_JA } from '@warikan/core/register'
import type { ServiceView } from './register.service'

export function registerTable(title: string, list: ServiceView[]): string {
  const rows = list.map((s) => [
    String(s.id),
    s.entry.name,
    s.entry.provider,
    STATUS_JA[s.status],
    s.confidential ? '機密性2以上' : '機密性2未満',
    `${s.impact}（${s.impactBand}）`,
    s.entry.ismap.registered ? `登録あり ${s.entry.ismap.number ?? ''}`.trim() : '登録なし',
    `${s.entry.period.from}〜${s.entry.period.to}`,
    s.findings.length
      ? s.findings.map((f) => `${f.blocking ? '✗' : '△'} ${f.message}`).join(' / ')
      : '✓',
  ])
  return [
    title,
    renderTable(
      ['番号', '外部サービス', '提供者', '状態', '格付け', '影響度', 'ISMAP', '利用期間', '確認'],
      rows,
      ['right', 'left', 'left', 'left', 'left', 'right'],
    ),
    '',
  ].join('\n')
}
