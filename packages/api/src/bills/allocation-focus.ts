/**
 * An allocation as FOCUS-aligned cost rows (`warikan allocate --format focus`): one row per member × cost item,
 * BilledCost and EffectiveCost the member's share in JPY, the member in SubAccountId / SubAccountName, and the
 * split in the allocation columns: AllocatedMethodId = the cost id, AllocatedMethodDetails = the rule (or parts),
 * the member's driver values and the rounding, as JSON. Tags carry `warikan:cost` and `warikan:member`, so the
 * file reads back with `warikan bill` (docs/bills.md). Periods are the fiscal year (4月1日〜翌年4月1日) in UTC.
 */
import { explainMember, toCsv, type Allocation, type CsvCell, type Scenario } from '@warikan/core'

export const FOCUS_EXPORT_COLUMNS = [
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ChargeCategory',
  'ChargeDescription',
  'BilledCost',
  'EffectiveCost',
  'ServiceProviderName',
  'ServiceName',
  'SubAccountId',
  'SubAccountName',
  'AllocatedMethodId',
  'AllocatedMethodDetails',
  'Tags',
] as const

export function allocationFocusRows(scenario: Scenario, allocation: Allocation): CsvCell[][] {
  const year = scenario.consortium.fiscalYear
  const start = `${year}-04-01T00:00:00Z`
  const end = `${year + 1}-04-01T00:00:00Z`
  const consortium = scenario.consortium.name
  const costs = new Map(scenario.costs.map((c) => [c.id, c as Record<string, unknown> & typeof c]))
  const rows: CsvCell[][] = [[...FOCUS_EXPORT_COLUMNS]]
  for (const member of allocation.output.members) {
    const explanations = new Map(explainMember(allocation, member.code).map((e) => [e.costId, e]))
    for (const [id, cost] of costs) {
      const share = member.shares[id] ?? 0
      const e = explanations.get(id)
      const details = {
        ...(cost.parts !== undefined ? { parts: cost.parts } : { rule: cost.rule }),
        ...(cost.members ? { members: cost.members } : {}),
        amount: cost.amount,
        participant: e?.participant ?? false,
        drivers: (e?.drivers ?? []).map((d) => ({
          driver: d.key,
          ...(d.detail === undefined ? {} : { detail: d.detail }),
          weight: d.weight,
          value: d.value,
          total: d.total,
        })),
        exactShare: e?.exactShare ?? '0',
        rounding: {
          ...(scenario.rounding ?? {}),
          ...((cost.rounding as object | undefined) ?? {}),
          unit: e?.unit ?? scenario.rounding?.unit ?? 1,
          ...(e ? { floor: e.floor, yenAdded: e.yenAdded } : {}),
        },
        share,
      }
      rows.push([
        consortium,
        consortium,
        'JPY',
        start,
        end,
        start,
        end,
        'Usage',
        cost.name,
        share,
        share,
        consortium,
        cost.name,
        member.code,
        member.name,
        id,
        JSON.stringify(details),
        JSON.stringify({ 'warikan:cost': id, 'warikan:member': member.code }),
      ])
    }
  }
  return rows
}

/** UTF-8 CSV without BOM (FOCUS files are plain UTF-8). */
export const allocationFocusCsv = (scenario: Scenario, allocation: Allocation): string =>
  toCsv(allocationFocusRows(scenario, allocation))
