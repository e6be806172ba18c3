/** `warikan services check|import|list|export` end to end, and a bad 台帳 that stores nothing. */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const dir = join(import.meta.dirname, '../../fixtures/services')
const good = join(dir, 'kanagawa-register.csv')
const bad = join(dir, 'kanagawa-register-bad.csv')
const NAME = '神奈川県町村情報システム共同事業組合'
const tmp = () => mkdtempSync(join(tmpdir(), 'warikan-services-'))

describe('warikan services', () => {
  it('check: 影響度 and the approval findings per line; exit 1 when something blocks', async () => {
    const run = await cli(['services', 'check', good, '--format', 'json'])
    expect(run.code).toBe(1)
    const rows = JSON.parse(run.stdout) as Array<{
      line: number
      impact: number
      findings: Array<{ rule: string }>
    }>
    expect(rows.map((r) => [r.line, r.impact])).toEqual([
      [2, 81],
      [3, 9],
      [4, 12],
      [5, 1],
      [6, 4],
    ])
    expect(rows[1]!.findings.map((f) => f.rule)).toEqual(['ismap', 'checks'])
    expect(rows[2]!.findings).toEqual([])
  })

  it('import refuses a bad file whole, naming each bad line, then imports, lists and exports', async () => {
    const db = join(tmp(), 'w.db')
    const refused = await cli(['services', 'import', bad, '--consortium', NAME, '--db', db])
    expect(refused.code).toBe(2)
    expect(refused.stdout).toBe('')
    expect(refused.stderr).toContain(`${bad}: line 3, 住民影響`)
    expect(refused.stderr).toContain(`${bad}: line 5, 利用期間`)
    const empty = await cli([
      'services',
      'list',
      '--consortium',
      NAME,
      '--db',
      db,
      '--format',
      'json',
    ])
    expect(empty.code).toBe(0)
    expect(JSON.parse(empty.stdout)).toEqual([])

    const imported = await cli(['services', 'import', good, '--consortium', NAME, '--db', db])
    expect(imported.code).toBe(0)
    const big = await cli([
      'services',
      'list',
      '--consortium',
      NAME,
      '--db',
      db,
      '--impact',
      '大',
      '--format',
      'json',
    ])
    expect(
      (JSON.parse(big.stdout) as Array<{ entry: { name: string } }>).map((s) => s.entry.name),
    ).toEqual(['標準準拠 住民記録システム（ガバメントクラウド）'])
    const table = await cli(['services', 'list', '--consortium', NAME, '--db', db])
    expect(table.stdout).toContain('81（大）')
    const out = join(tmp(), 'ledger.csv')
    const exported = await cli([
      'services',
      'export',
      '--consortium',
      NAME,
      '--db',
      db,
      '--out',
      out,
    ])
    expect(exported.code).toBe(0)
    // the export reads back as the same 台帳 (same columns and cells)
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(good, 'utf8'))
  })
})
