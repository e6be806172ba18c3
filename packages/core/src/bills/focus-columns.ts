/**
 * The FOCUS 1.x cost-and-usage columns a bill import reads, found by their header names (Column IDs, case as the
 * spec writes them). `BilledCost` and `BillingCurrency` are required; `ChargeCategory` too (FOCUS requires it and the
 * reconciliation totals by it); `ChargePeriodStart` only when the map filters by period; `Tags` and `SubAccountId`
 * when the map attributes by them. `ProviderName` (FOCUS ≤ 1.2) and `ServiceProviderName` (1.3) are both recognised;
 * the split does not need them, so the CSV reader skips them (and `ServiceName`) unread.
 */
import type { BillMap } from './bill-map'

export interface FocusColumns {
  count: number
  billedCost: number
  billingCurrency: number
  chargeCategory: number
  chargePeriodStart: number
  subAccountId: number
  tags: number
  provider: number
  serviceName: number
}

/** One row's fields the aggregator needs (text as in the file; '' when the column is absent or null). */
export interface BillRow {
  billedCost: string
  billingCurrency: string
  chargeCategory: string
  chargePeriodStart: string
  subAccountId: string
  tags: string
  /** `tags` is the raw inner text of a quoted CSV field (doubled quotes not yet undone) */
  tagsQuoted?: boolean
  provider: string
  serviceName: string
}

export type HeaderResult = { ok: true; columns: FocusColumns } | { ok: false; message: string }

export function focusColumns(
  header: readonly string[],
  count: number,
  map?: BillMap,
): HeaderResult {
  const index = new Map<string, number>()
  for (let i = 0; i < count; i++) {
    const name = header[i]!.trim()
    if (name && !index.has(name)) index.set(name, i)
  }
  const at = (name: string) => index.get(name) ?? -1
  const columns: FocusColumns = {
    count,
    billedCost: at('BilledCost'),
    billingCurrency: at('BillingCurrency'),
    chargeCategory: at('ChargeCategory'),
    chargePeriodStart: at('ChargePeriodStart'),
    subAccountId: at('SubAccountId'),
    tags: at('Tags'),
    provider: at('ServiceProviderName') >= 0 ? at('ServiceProviderName') : at('ProviderName'),
    serviceName: at('ServiceName'),
  }
  const missing: string[] = []
  if (columns.billedCost < 0) missing.push('BilledCost')
  if (columns.billingCurrency < 0) missing.push('BillingCurrency')
  if (columns.chargeCategory < 0) missing.push('ChargeCategory')
  if (map?.filters?.billingPeriod && columns.chargePeriodStart < 0)
    missing.push('ChargePeriodStart')
  if (map?.subAccounts && Object.keys(map.subAccounts).length && columns.subAccountId < 0)
    missing.push('SubAccountId')
  if ((map?.memberTag || map?.costTag) && columns.tags < 0) missing.push('Tags')
  if (missing.length)
    return {
      ok: false,
      message: `FOCUS の列がありません: ${missing.join(', ')} (missing FOCUS columns)`,
    }
  return { ok: true, columns }
}

const field = (fields: readonly string[], i: number): string => (i >= 0 ? fields[i]! : '')

export function billRow(fields: readonly string[], c: FocusColumns): BillRow {
  return {
    billedCost: fields[c.billedCost]!,
    billingCurrency: fields[c.billingCurrency]!,
    chargeCategory: fields[c.chargeCategory]!,
    chargePeriodStart: field(fields, c.chargePeriodStart),
    subAccountId: field(fields, c.subAccountId),
    tags: field(fields, c.tags),
    provider: field(fields, c.provider),
    serviceName: field(fields, c.serviceName),
  }
}
