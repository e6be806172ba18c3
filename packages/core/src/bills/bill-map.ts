/**
 * The bill map (請求明細の対応表): how rows of a FOCUS cost-and-usage file become scenario cost items.
 * Which tag names the member (団体コード), which sub-accounts belong to a member, which tag names the cost
 * item, and per cost item its name and the scenario rule (or parts) that splits the shared rows.
 * `rule`, `parts` and `rounding` are copied into the produced items as given; the scenario validator checks them.
 */
import { z } from 'zod'
import { checkLocalGovCode } from '../codes'
import { formatPath, type InputIssue, type Result } from '../scenario/issues'

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日付は YYYY-MM-DD です (expected YYYY-MM-DD)')
const jsonObject = z.record(z.string(), z.unknown())

const billCostSchema = z
  .object({
    name: z.string().min(1, '名称が空です (empty name)'),
    rule: jsonObject.optional(),
    parts: z.array(jsonObject).min(1, 'parts が空です (no parts)').optional(),
    rounding: jsonObject.optional(),
    /** participants of the shared item (default: every member) */
    members: z.array(z.string()).min(1, '参加団体が空です (no participants)').optional(),
  })
  .strict()

export const billMapSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** tag key whose value is a member's 団体コード */
    memberTag: z.string().min(1).optional(),
    /** SubAccountId → 団体コード (a member's own account: 個別) */
    subAccounts: z.record(z.string(), z.string()).optional(),
    /** tag key whose value is a cost id of `costs` */
    costTag: z.string().min(1).optional(),
    /** cost id for rows without the cost tag */
    defaultCost: z.string().min(1),
    costs: z.record(z.string(), billCostSchema),
    filters: z
      .object({
        /** rows whose ChargePeriodStart date lies in [from, to] (inclusive, dates as written) */
        billingPeriod: z
          .object({ from: isoDate.optional(), to: isoDate.optional() })
          .strict()
          .optional(),
        /** ChargeCategory values to keep (e.g. leave out Purchase) */
        chargeCategories: z.array(z.string().min(1)).min(1).optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

export type BillMap = z.output<typeof billMapSchema>

export function parseBillMap(raw: unknown): Result<BillMap> {
  const parsed = billMapSchema.safeParse(raw)
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    }
  }
  const map = parsed.data
  const issues: InputIssue[] = []
  const push = (path: string, message: string) => issues.push({ path, message })
  const ids = Object.keys(map.costs)
  if (!ids.length) push('costs', '費目がありません (no cost items)')
  for (const id of ids) {
    const at = formatPath(['costs', id])
    const cost = map.costs[id]!
    if (!id.trim()) push(at, '費目ID が空です (empty cost id)')
    const direct = /^(.+)--\d{6}$/.exec(id)
    if (direct && direct[1]! in map.costs)
      push(
        at,
        `費目ID "${id}" は費目 ${direct[1]} の個別費目IDと重なります (clashes with a direct item id)`,
      )
    if ((cost.rule === undefined) === (cost.parts === undefined))
      push(at, 'rule か parts のどちらか一方が必要です (exactly one of rule or parts)')
    cost.members?.forEach((code, k) => {
      const check = checkLocalGovCode(code)
      if (!check.ok) push(formatPath(['costs', id, 'members', k]), check.reason)
    })
  }
  if (!(map.defaultCost in map.costs))
    push('defaultCost', `費目 "${map.defaultCost}" は costs にありません (not in costs)`)
  for (const [account, code] of Object.entries(map.subAccounts ?? {})) {
    const check = checkLocalGovCode(code)
    if (!check.ok) push(formatPath(['subAccounts', account]), check.reason)
  }
  const period = map.filters?.billingPeriod
  if (period?.from && period.to && period.from > period.to)
    push(
      'filters.billingPeriod',
      `from ${period.from} が to ${period.to} より後です (from after to)`,
    )
  if (map.memberTag && map.memberTag === map.costTag)
    push('costTag', 'memberTag と同じタグです (same tag as memberTag)')
  return issues.length ? { ok: false, issues } : { ok: true, value: map }
}
