/** Merging bill cost items into a scenario document: same ids replaced in place, new ids appended. */
import type { BillCostItem } from '@warikan/core/bills'

export function mergeBillItems(
  document: unknown,
  items: readonly BillCostItem[],
): Record<string, unknown> {
  const doc = { ...(document as Record<string, unknown>) }
  const costs = Array.isArray(doc.costs) ? [...(doc.costs as unknown[])] : []
  const at = new Map<string, number>()
  costs.forEach((c, i) => {
    const id = (c as { id?: unknown } | null)?.id
    if (typeof id === 'string') at.set(id, i)
  })
  for (const item of items) {
    const i = at.get(item.id)
    if (i === undefined) costs.push(item)
    else costs[i] = item
  }
  doc.costs = costs
  return doc
}
