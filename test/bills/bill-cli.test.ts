import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const DEMO = 'fixtures/demo/kanagawa-2026.json'
const MAP = 'fixtures/bills/kanagawa-2026-map.json'
const AWS = 'fixtures/bills/aws-2026-04.csv'
const SAKURA = 'fixtures/bills/sakura-2026-04.csv'

function temp(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'warikan-bill-'))
  const file = join(dir, name)
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return file
}

const scenario = {
  version: 1,
  consortium: { name: 'テスト組合', fiscalYear: 2026 },
  members: [
    { code: '143014', name: '葉山町', population: 32096 },
    { code: '143219', name: '寒川町', population: 47936 },
  ],
  costs: [{ id: 'jimu', name: '事務費', amount: 1000, rule: { equal: 1 } }],
}

const map = {
  memberTag: 'warikan:member',
  costTag: 'warikan:cost',
  subAccounts: { '111122223333': '143219' },
  defaultCost: 'cloud',
  costs: {
    cloud: { name: 'ガバメントクラウド利用料', rule: { equal: 0.5, population: 0.5 } },
    backup: { name: 'バックアップ', rule: { equal: 1 } },
    support: { name: 'サポート', rule: { equal: 1 } },
  },
}

const HEADER =
  'BillingAccountId,ChargePeriodStart,ChargeCategory,ServiceProviderName,ServiceName,SubAccountId,BilledCost,BillingCurrency,Tags'
const line = (cost: string, currency: string, category: string, sub: string, tags: string) =>
  `9999,2026-04-01T00:00:00Z,${category},AWS,"Amazon EC2, m6i",${sub},${cost},${currency},"${tags.replace(/"/g, '""')}"`

/** The 10-row bill of docs/bills.md (same rows as the core's hand-worked test), with a BOM and CRLF. */
const tenRowBill =
  '\uFEFF' +
  [
    HEADER,
    line('12.345', 'USD', 'Usage', '', '{"warikan:member":"143014"}'),
    line('7.5', 'USD', 'Usage', '', '{"warikan:member":"143014","env":"prod"}'),
    line('20.00', 'USD', 'Usage', '111122223333', ''),
    line('3.333', 'USD', 'Usage', '111122223333', '{"warikan:cost":"backup"}'),
    line('100', 'USD', 'Usage', '', ''),
    line('45.67', 'USD', 'Usage', '', '{"env":"prod"}'),
    line('-10', 'USD', 'Credit', '', ''),
    line('16.123', 'USD', 'Tax', '', ''),
    line('8.88', 'USD', 'Usage', '', '{"warikan:cost":"backup"}'),
    line('12345.5', 'JPY', 'Usage', '', '{"warikan:cost":"support"}'),
  ].join('\r\n') +
  '\r\n'

describe('warikan bill: the hand-worked 10-row bill', () => {
  it('gives the items to the yen at USD = ¥151.37', async () => {
    const r = await cli([
      'bill',
      temp('bill.csv', tenRowBill),
      '--map',
      temp('map.json', map),
      '--rate',
      'USD=151.37',
    ])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.costs.map((c: { id: string; amount: number }) => [c.id, c.amount])).toEqual([
      ['cloud', 22977],
      ['cloud--143014', 3004],
      ['cloud--143219', 3027],
      ['backup', 1344],
      ['backup--143219', 505],
      ['support', 12346],
    ])
    expect(out.reconciliation.check).toMatchObject({
      itemsYen: 43203,
      rowsExactYen: '43202.42587',
      ok: true,
    })
    expect(out.reconciliation.files[0].rows).toBe(10)
  })

  it('merges into a scenario (--into/--out) and the merged scenario allocates to the yen', async () => {
    const into = temp('scenario.json', scenario)
    const out = join(mkdtempSync(join(tmpdir(), 'warikan-bill-')), 'merged.json')
    const r = await cli([
      'bill',
      temp('bill.csv', tenRowBill),
      '--map',
      temp('map.json', map),
      '--rate',
      'USD=151.37',
      '--into',
      into,
      '--out',
      out,
    ])
    expect(r.code).toBe(0)
    const merged = JSON.parse(readFileSync(out, 'utf8'))
    expect(merged.costs.map((c: { id: string }) => c.id)).toEqual([
      'jimu',
      'cloud',
      'cloud--143014',
      'cloud--143219',
      'backup',
      'backup--143219',
      'support',
    ])
    expect(merged.costs[2].name).toBe('ガバメントクラウド利用料（葉山町 個別）')
    const a = await cli(['allocate', out, '--format', 'json'])
    expect(a.code).toBe(0)
    const result = JSON.parse(a.stdout)
    // cloud 22977: 葉山 22977 × (1/4 + 1/2 × 32096/80032) = 10351.593… → 10352 (larger remainder), 寒川 12625
    expect(result.members.map((m: { shares: Record<string, number> }) => m.shares)).toEqual([
      {
        jimu: 500,
        cloud: 10352,
        'cloud--143014': 3004,
        'cloud--143219': 0,
        backup: 672,
        'backup--143219': 0,
        support: 6173,
      },
      {
        jimu: 500,
        cloud: 12625,
        'cloud--143014': 0,
        'cloud--143219': 3027,
        backup: 672,
        'backup--143219': 505,
        support: 6173,
      },
    ])
    expect(result.members.map((m: { total: number }) => m.total)).toEqual([20701, 23502])

    // a second import replaces the items of the same ids instead of adding them again
    const again = await cli([
      'bill',
      temp('bill.csv', tenRowBill),
      '--map',
      temp('map.json', map),
      '--rate',
      'USD=151.37',
      '--into',
      out,
      '--out',
      out,
    ])
    expect(again.code).toBe(0)
    expect(JSON.parse(readFileSync(out, 'utf8')).costs).toHaveLength(7)
  })
})

describe('warikan bill: bad input names the file and the line; nothing on stdout', () => {
  const billWith = (row: string) =>
    temp('bad.csv', [HEADER, line('1', 'USD', 'Usage', '', ''), row].join('\n') + '\n')
  const cases: Array<[string, string, RegExp]> = [
    ['a bad number', line('1,5', 'USD', 'Usage', '', ''), /line 3, (BilledCost|row): /],
    [
      'a bad number (text)',
      line('abc', 'USD', 'Usage', '', ''),
      /line 3, BilledCost: 数値ではありません: "abc"/,
    ],
    [
      'a currency without a rate',
      line('1', 'EUR', 'Usage', '', ''),
      /line 3, BillingCurrency: EUR の為替レートがありません/,
    ],
    [
      'a cost tag not in the map',
      line('1', 'USD', 'Usage', '', '{"warikan:cost":"gpu"}'),
      /line 3, Tags\.warikan:cost: 費目 "gpu"/,
    ],
    [
      'a currency mix in one group',
      line('100', 'JPY', 'Usage', '', ''),
      /line 3, BillingCurrency: 費目 cloud に通貨 USD と JPY/,
    ],
    ['Tags that are not JSON', line('1', 'USD', 'Usage', '', '{oops}'), /line 3, Tags: JSON/],
    ['a field count that differs', '1,2,3', /line 3, row: 列の数が 3/],
  ]
  it.each(cases)('%s', async (_name, row, message) => {
    const file = billWith(row)
    const r = await cli(['bill', file, '--map', temp('map.json', map), '--rate', 'USD=150'])
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(file)
    expect(r.stderr).toMatch(message)
  })

  it('a member code not in the scenario (--scenario)', async () => {
    const file = billWith(line('1', 'USD', 'Usage', '', '{"warikan:member":"143413"}'))
    const r = await cli([
      'bill',
      file,
      '--map',
      temp('map.json', map),
      '--rate',
      'USD=150',
      '--scenario',
      temp('s.json', scenario),
    ])
    expect(r.code).not.toBe(0)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(
      new RegExp(
        `${file}: line 3, Tags\\.warikan:member: 団体コード 143413 はシナリオの団体にありません`,
      ),
    )
  })

  it('a group whose total is negative', async () => {
    const file = billWith(line('-3', 'USD', 'Credit', '', ''))
    const r = await cli(['bill', file, '--map', temp('map.json', map), '--rate', 'USD=150'])
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/費目 cloud: 合計が負です: -2 USD/)
  })

  it('a map with errors names its field paths', async () => {
    const bad = temp('map.json', { ...map, defaultCost: 'nope', subAccounts: { x: '143015' } })
    const r = await cli(['bill', billWith(line('1', 'USD', 'Usage', '', '')), '--map', bad])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(`${bad}: defaultCost: 費目 "nope" は costs にありません`)
    expect(r.stderr).toContain(`${bad}: subAccounts.x: 検査数字が不正です`)
  })

  it('a missing FOCUS column', async () => {
    const file = temp('bad.csv', 'BilledCost,ChargeCategory\n1,Usage\n')
    const r = await cli(['bill', file, '--map', temp('map.json', map)])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /line 1, header: FOCUS の列がありません: BillingCurrency, SubAccountId, Tags/,
    )
  })

  it('bytes that are not UTF-8', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warikan-bill-'))
    const file = join(dir, 'sjis.csv')
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(HEADER + '\n'), Buffer.from([0x31, 0x2c, 0x82, 0xa0, 0x0a])]),
    )
    const r = await cli(['bill', file, '--map', temp('map.json', map)])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(new RegExp(`${file}: line \\d+, encoding: UTF-8 として読めない`))
  })

  it('a bad --rate', async () => {
    const r = await cli(['bill', AWS, '--map', MAP, '--rate', 'USD=-1'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/--rate USD=-1/)
  })
})

describe('warikan bill: the generated provider files of fixtures/bills', () => {
  it('reads both currencies, leaves out Purchase, and the sum check holds', async () => {
    const r = await cli([
      'bill',
      AWS,
      SAKURA,
      '--map',
      MAP,
      '--rate',
      'USD=151.37',
      '--scenario',
      DEMO,
    ])
    expect(r.code).toBe(0)
    const rec = JSON.parse(r.stdout).reconciliation
    expect(rec.files).toEqual([
      { file: AWS, rows: 60, used: 59, skipped: 1 },
      { file: SAKURA, rows: 16, used: 16, skipped: 0 },
    ])
    expect(rec.currencies.map((c: { currency: string }) => c.currency)).toEqual(['JPY', 'USD'])
    expect(rec.chargeCategories.map((c: { category: string }) => c.category)).toEqual([
      'Credit',
      'Tax',
      'Usage',
    ])
    expect(rec.direct + rec.shared).toBe(rec.total)
    expect(rec.check.ok).toBe(true)
  })

  it('prints a Japanese table', async () => {
    const r = await cli([
      'bill',
      AWS,
      SAKURA,
      '--map',
      MAP,
      '--rate',
      'USD=151.37',
      '--scenario',
      DEMO,
      '--format',
      'table',
    ])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('個別')
    expect(r.stdout).toContain('照合')
    expect(r.stdout).toMatch(/✓\n$/)
  })
})

describe('allocate --format focus, read back by warikan bill', () => {
  it('writes one FOCUS row per member × cost item with the allocation columns', async () => {
    const r = await cli(['allocate', DEMO, '--format', 'focus'])
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split('\r\n')
    const demo = JSON.parse(readFileSync(DEMO, 'utf8'))
    expect(lines).toHaveLength(1 + demo.members.length * demo.costs.length)
    expect(lines[0]).toContain('BilledCost')
    expect(lines[0]).toContain('AllocatedMethodId,AllocatedMethodDetails')
    expect(lines[1]).toContain(',143014,葉山町,dc,')
  })

  it('round trip: a map that attributes every row directly gives back each member total', async () => {
    const demo = JSON.parse(readFileSync(DEMO, 'utf8'))
    const focus = await cli(['allocate', DEMO, '--format', 'focus'])
    const expected = JSON.parse((await cli(['allocate', DEMO, '--format', 'json'])).stdout)
    const roundTripMap = {
      memberTag: 'warikan:member',
      costTag: 'warikan:cost',
      defaultCost: demo.costs[0].id,
      costs: Object.fromEntries(
        demo.costs.map((c: { id: string; name: string }) => [
          c.id,
          { name: c.name, rule: { equal: 1 } },
        ]),
      ),
    }
    const r = await cli([
      'bill',
      temp('focus.csv', focus.stdout),
      '--map',
      temp('map.json', roundTripMap),
      '--scenario',
      DEMO,
    ])
    expect(r.stderr).toBe('')
    const rec = JSON.parse(r.stdout).reconciliation
    expect(rec.shared).toBe(0)
    const direct = new Map(
      rec.members.map((m: { code: string; direct: number }) => [m.code, m.direct]),
    )
    for (const m of expected.members) expect(direct.get(m.code) ?? 0).toBe(m.total)
    expect(rec.total).toBe(expected.total)
  })
})
