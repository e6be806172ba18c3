/** Small builders for bill tests (not exported from the package). */
import type { BillMap } from './bill-map'
import type { BillRow } from './focus-columns'

export const members = [
  { code: '143014', name: '葉山町' },
  { code: '143219', name: '寒川町' },
]

export const testMap: BillMap = {
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

export function row(
  billedCost: string,
  currency = 'USD',
  extra: Partial<Omit<BillRow, 'tags'>> & { tags?: Record<string, string> | string } = {},
): BillRow {
  const { tags, ...rest } = extra
  return {
    billedCost,
    billingCurrency: currency,
    chargeCategory: 'Usage',
    chargePeriodStart: '2026-04-01T00:00:00Z',
    subAccountId: '',
    provider: 'AWS',
    serviceName: 'Amazon EC2',
    ...rest,
    tags: typeof tags === 'string' ? tags : tags ? JSON.stringify(tags) : '',
  }
}
