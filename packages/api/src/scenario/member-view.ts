/**
 * What a `member` token sees of a scenario: its own 団体 and the cost items it takes part in, with its own
 * share and the rule. Never another member's row, fixed share or single-member item (個別カスタマイズ of
 * another town), and none of the extensions that carry other members' figures (coalition model, patterns).
 * The consortium total shown is the total of the visible items, so no hidden item can be worked out from it.
 */
import type { AllocationOutput, ScenarioInput, ShareExplanation } from '@warikan/core'

interface CostItems {
  costs: ReadonlyArray<{ id: string; members?: string[] | undefined }>
}

export const takesPart = (cost: { members?: string[] | undefined }, code: string): boolean =>
  cost.members === undefined || cost.members.includes(code)

/** The ids of the cost items a member takes part in, in document order. */
export const visibleCostIds = (doc: CostItems, code: string): Set<string> =>
  new Set(doc.costs.filter((c) => takesPart(c, code)).map((c) => c.id))

export function memberDocument(doc: ScenarioInput, code: string): ScenarioInput {
  const { coalitionModel: _c, patterns: _p, services: _s, ...rest } = doc
  return {
    ...rest,
    members: doc.members.filter((m) => m.code === code),
    costs: doc.costs
      .filter((c) => takesPart(c, code))
      .map((c) => {
        const ownFixed = <R extends { fixed?: Record<string, unknown> | undefined }>(
          rule: R,
        ): R => {
          const fixed = rule.fixed
          if (fixed === undefined) return rule
          return { ...rule, fixed: Object.hasOwn(fixed, code) ? { [code]: fixed[code] } : {} }
        }
        const parts = c.parts?.map((p) => (p.rule ? { ...p, rule: ownFixed(p.rule) } : p))
        return {
          ...c,
          ...(c.rule ? { rule: ownFixed(c.rule) } : {}),
          ...(parts ? { parts } : {}),
        }
      }),
  }
}

export function memberAllocation(
  output: AllocationOutput,
  doc: CostItems,
  code: string,
): AllocationOutput {
  const visible = visibleCostIds(doc, code)
  const costs = output.costs.filter((c) => visible.has(c.id))
  return {
    total: costs.reduce((sum, c) => sum + c.amount, 0),
    members: output.members
      .filter((m) => m.code === code)
      .map((m) => ({
        ...m,
        shares: Object.fromEntries(Object.entries(m.shares).filter(([id]) => visible.has(id))),
      })),
    costs,
  }
}

export const memberExplanations = (list: ShareExplanation[]): ShareExplanation[] =>
  list.filter((e) => e.participant)
