/** The `--format table` text of network findings: an aligned table, then each finding's explanation. */
import { renderTable } from '@warikan/core'
import { SEVERITY_JA, type CheckResult, type Topology } from '@warikan/core/network'

export function networkTable(topology: Topology, result: CheckResult): string {
  const { findings } = result
  const head = `ネットワーク構成の確認: セグメント ${topology.segments.length}、リンク ${topology.links.length}、機器 ${topology.devices.length}`
  if (findings.length === 0)
    return `${head}\n指摘事項はありません（NET-001〜NET-006 のすべてを満たしています）。\n`
  const table = renderTable(
    ['#', 'ルール', '重大度', '経路'],
    findings.map((f, i) => [String(i + 1), f.rule, SEVERITY_JA[f.severity], f.path.join(' → ')]),
    ['right'],
  )
  const details = findings.map((f, i) =>
    [
      `[${i + 1}] ${f.rule}（${SEVERITY_JA[f.severity]}）${f.path.join(' → ')}`,
      `  内容: ${f.message}`,
      `  説明: ${f.explanation}`,
      `  根拠: ${f.source}`,
      `  対策: ${f.fix}`,
    ].join('\n'),
  )
  return `${head}\n指摘事項 ${findings.length} 件\n\n${table}\n\n${details.join('\n\n')}\n`
}
