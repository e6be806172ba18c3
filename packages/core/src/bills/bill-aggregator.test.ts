import { describe, expect, it } from 'vitest'
import { BillAggregator, type BillOptions } from './bill-aggregator'
import { parseBillMap, type BillMap } from './bill-map'
import { members, row, testMap } from './bill-test-helpers'
import { parseDecimal } from './scaled-decimal'
import { formatExactYen } from './format-exact-yen'
import type { BillRow } from './focus-columns'

const usd = (rate: string): BillOptions['rates'] => ({ USD: parseDecimal(rate)! })

function run(
  rows: BillRow[],
  options: BillOptions = { rates: usd('151.37'), members },
  map = testMap,
) {
  const agg = new BillAggregator(map, options)
  agg.beginFile('bill.csv')
  for (const [i, r] of rows.entries()) {
    const problem = agg.addRow(r, i + 2)
    if (problem) return { ok: false as const, problem }
  }
  return agg.finish()
}

/** The 10-row bill of docs/bills.md, at USD = ¥151.37. */
const tenRows: BillRow[] = [
  row('12.345', 'USD', { tags: { 'warikan:member': '143014' } }),
  row('7.5', 'USD', { tags: { 'warikan:member': '143014', env: 'prod' } }),
  row('20.00', 'USD', { subAccountId: '111122223333' }),
  row('3.333', 'USD', { subAccountId: '111122223333', tags: { 'warikan:cost': 'backup' } }),
  row('100', 'USD'),
  row('45.67', 'USD', { tags: { env: 'prod' } }),
  row('-10', 'USD', { chargeCategory: 'Credit' }),
  row('16.123', 'USD', { chargeCategory: 'Tax', serviceName: '' }),
  row('8.88', 'USD', { tags: { 'warikan:cost': 'backup' } }),
  row('12345.5', 'JPY', { tags: { 'warikan:cost': 'support' }, provider: 'さくらのクラウド' }),
]

describe('BillAggregator: the 10-row bill, hand-worked at USD = ¥151.37', () => {
  const result = run(tenRows)
  if (!result.ok) throw new Error(JSON.stringify(result.problem))
  const { costs, reconciliation: rec } = result.value

  it('gives each group its exact yen rounded half up once', () => {
    expect(costs.map((c) => [c.id, c.amount])).toEqual([
      ['cloud', 22977], // (100 + 45.67 − 10 + 16.123) × 151.37 = 22976.90641
      ['cloud--143014', 3004], // (12.345 + 7.5) × 151.37 = 3003.93765
      ['cloud--143219', 3027], // 20 × 151.37 = 3027.4
      ['backup', 1344], // 8.88 × 151.37 = 1344.1656
      ['backup--143219', 505], // 3.333 × 151.37 = 504.51621
      ['support', 12346], // 12345.5 JPY, half up
    ])
    expect(rec.items.map((i) => [i.id, i.exactYen, i.rounding])).toEqual([
      ['cloud', '22976.90641', '0.09359'],
      ['cloud--143014', '3003.93765', '0.06235'],
      ['cloud--143219', '3027.4', '-0.4'],
      ['backup', '1344.1656', '-0.1656'],
      ['backup--143219', '504.51621', '0.48379'],
      ['support', '12345.5', '0.5'],
    ])
  })

  it('makes direct items for one member and keeps the map rule on shared items', () => {
    expect(costs[0]).toEqual({
      id: 'cloud',
      name: 'ガバメントクラウド利用料',
      amount: 22977,
      rule: { equal: 0.5, population: 0.5 },
    })
    expect(costs[1]).toEqual({
      id: 'cloud--143014',
      name: 'ガバメントクラウド利用料（葉山町 個別）',
      amount: 3004,
      members: ['143014'],
      rule: { equal: 1 },
    })
  })

  it('reconciles rows, currencies, categories and the sum', () => {
    expect(rec.files).toEqual([{ file: 'bill.csv', rows: 10, used: 10, skipped: 0 }])
    expect(rec.currencies).toEqual([
      { currency: 'JPY', rows: 1, billed: '12345.5', rate: '1', exactYen: '12345.5' },
      { currency: 'USD', rows: 9, billed: '203.851', rate: '151.37', exactYen: '30856.92587' },
    ])
    expect(rec.chargeCategories).toEqual([
      { category: 'Credit', rows: 1, billed: { USD: '-10' }, exactYen: '-1513.7' },
      { category: 'Tax', rows: 1, billed: { USD: '16.123' }, exactYen: '2440.53851' },
      {
        category: 'Usage',
        rows: 8,
        billed: { JPY: '12345.5', USD: '197.728' },
        exactYen: '42275.58736',
      },
    ])
    expect(rec.members).toEqual([
      { code: '143014', direct: 3004 },
      { code: '143219', direct: 3532 },
    ])
    expect([rec.direct, rec.shared, rec.total]).toEqual([6536, 36667, 43203])
    expect(rec.check).toEqual({
      rowsExactYen: '43202.42587',
      itemsYen: 43203,
      difference: '0.57413',
      bound: '3',
      ok: true,
    })
  })
})

describe('BillAggregator: half-up rounding per group', () => {
  it.each([
    ['0.5', 1],
    ['0.4999', 0],
    ['1.5', 2],
    ['2.5', 3],
    ['0', 0],
  ])('%s JPY → ¥%d', (cost, amount) => {
    const result = run([row(cost, 'JPY')])
    expect(result.ok && result.value.costs[0]!.amount).toBe(amount)
  })

  it('rounds the sum, not each row', () => {
    const result = run([row('0.4', 'JPY'), row('0.4', 'JPY'), row('0.4', 'JPY')])
    expect(result.ok && result.value.costs[0]!.amount).toBe(1)
  })

  it('reads scientific notation exactly', () => {
    const result = run([row('1.5E-1', 'USD'), row('2e1', 'USD')], { rates: usd('10') })
    expect(result.ok && result.value.reconciliation.items[0]!.exactYen).toBe('201.5')
  })
})

describe('BillAggregator: errors name the file, the line and the column', () => {
  const cases: Array<[string, BillRow, string, RegExp, BillOptions?]> = [
    ['a bad number', row('12,5'), 'BilledCost', /数値ではありません/],
    ['an empty number', row(''), 'BilledCost', /数値ではありません/],
    ['a currency without a rate', row('1', 'EUR'), 'BillingCurrency', /EUR の為替レート/],
    ['a bad currency code', row('1', 'usd'), 'BillingCurrency', /通貨コード/],
    [
      'a cost tag not in the map',
      row('1', 'USD', { tags: { 'warikan:cost': 'gpu' } }),
      'Tags.warikan:cost',
      /"gpu" は対応表/,
    ],
    [
      'a member code not in the scenario',
      row('1', 'USD', { tags: { 'warikan:member': '143413' } }),
      'Tags.warikan:member',
      /143413 はシナリオの団体にありません/,
    ],
    [
      'a member code with a bad check digit',
      row('1', 'USD', { tags: { 'warikan:member': '143015' } }),
      'Tags.warikan:member',
      /検査数字/,
    ],
    ['Tags that are not JSON', row('1', 'USD', { tags: '{"a":' }), 'Tags', /JSON/],
    [
      'a sub-account and a tag naming different members',
      row('1', 'USD', { subAccountId: '111122223333', tags: { 'warikan:member': '143014' } }),
      'SubAccountId',
      /disagree/,
    ],
  ]
  it.each(cases)('%s', (_name, bad, field, message) => {
    const result = run([row('1'), row('2'), bad])
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.problem).toMatchObject({ file: 'bill.csv', line: 4, field })
    expect(result.problem.message).toMatch(message)
  })

  it('a currency mix inside one group', () => {
    const result = run([row('1', 'USD'), row('100', 'JPY')])
    expect(!result.ok && result.problem).toMatchObject({
      file: 'bill.csv',
      line: 3,
      field: 'BillingCurrency',
    })
    expect(!result.ok && result.problem.message).toMatch(/cloud に通貨 USD と JPY/)
  })

  it('a group whose total is negative (credits larger than charges)', () => {
    const result = run([
      row('5'),
      row('3', 'USD', { tags: { 'warikan:cost': 'backup' } }),
      row('-4', 'USD', { tags: { 'warikan:cost': 'backup' } }),
    ])
    expect(!result.ok && result.problem).toMatchObject({ file: 'bill.csv', field: '費目 backup' })
    expect(!result.ok && result.problem.message).toMatch(/合計が負です: -1 USD/)
  })
})

describe('BillAggregator: filters', () => {
  const map: BillMap = {
    ...testMap,
    filters: {
      chargeCategories: ['Usage', 'Tax', 'Credit'],
      billingPeriod: { from: '2026-04-01', to: '2027-03-31' },
    },
  }
  it('skips rows outside the period or category and counts them', () => {
    const result = run(
      [
        row('10', 'JPY'),
        row('1000', 'JPY', { chargeCategory: 'Purchase' }),
        row('7', 'JPY', { chargePeriodStart: '2026-03-31T15:00:00Z' }),
        row('3', 'JPY', { chargePeriodStart: '2027-03-31T23:00:00Z' }),
      ],
      { members },
      map,
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.costs.map((c) => c.amount)).toEqual([13])
    expect(result.value.reconciliation.files[0]).toMatchObject({ rows: 4, used: 2, skipped: 2 })
  })
})

describe('parseBillMap', () => {
  it('accepts the test map', () => {
    expect(parseBillMap(testMap).ok).toBe(true)
  })
  it.each([
    [{ ...testMap, defaultCost: 'nope' }, 'defaultCost'],
    [{ ...testMap, costs: { cloud: { name: 'x' } }, defaultCost: 'cloud' }, 'costs.cloud'],
    [{ ...testMap, subAccounts: { a: '143015' } }, 'subAccounts.a'],
    [
      {
        ...testMap,
        costs: { ...testMap.costs, 'cloud--143014': { name: 'x', rule: { equal: 1 } } },
      },
      'costs["cloud--143014"]',
    ],
    [{ ...testMap, extra: 1 }, '(root)'],
    [
      { ...testMap, filters: { billingPeriod: { from: '2026/04/01' } } },
      'filters.billingPeriod.from',
    ],
  ])('reports %#', (map, path) => {
    const result = parseBillMap(map)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.issues.map((i) => i.path)).toContain(path)
  })
})

describe('BillAggregator: exact sums beyond double precision', () => {
  it('sums 15-digit, long and scientific amounts exactly', () => {
    const values = [
      '999999999999999',
      '999999999999999',
      '0.000000000000001',
      '123456789012345678901.5',
      '-0.5',
      '7e3',
      '999999999999.999',
    ]
    const rows = Array.from({ length: 300 }, (_, i) => row(values[i % values.length]!, 'JPY'))
    const result = run(rows)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    // the same sum in BigInt at scale 15
    const scaled = (v: string) => {
      const d = parseDecimal(v)!
      return d.m * 10n ** BigInt(15 - d.s)
    }
    const total = rows.reduce((a, r) => a + scaled(r.billedCost), 0n)
    const text = total.toString()
    const expected = `${text.slice(0, -15)}.${text.slice(-15)}`.replace(/\.?0+$/, '')
    expect(result.value.reconciliation.items[0]!.exactYen).toBe(expected)
    expect(result.value.reconciliation.currencies[0]!.billed).toBe(expected)
  })
})

describe('formatExactYen', () => {
  it.each([
    ['22976.90641', '¥22,976.90641'],
    ['-1513.7', '−¥1,513.7'],
    ['0', '¥0'],
    ['1234567', '¥1,234,567'],
  ])('%s → %s', (text, out) => expect(formatExactYen(text)).toBe(out))
})
