/**
 * ネットワーク障害パターン (表2-14) × 主な対策 (表2-15), as data; which patterns each member leaves
 * uncovered, the cheapest set of countermeasures that closes them, and shared countermeasures split
 * through the allocation engine.
 */
import { z } from 'zod'
import { allocate, type AllocationOutput } from '../allocation/index'
import { costSchema } from '../scenario/schema'
import { parseScenario } from '../scenario/validate'
import type { InputIssue, Result } from '../scenario/issues'
import { formatPath } from '../scenario/issues'

/** The six countermeasures of 表2-15, in the table's column order. */
export const COUNTERMEASURES = [
  { id: 'line-multiplexing', name: 'アクセス回線を多重化', short: '回線多重化' },
  { id: 'spare-equipment', name: '自庁舎内機器の代替機を確保', short: '代替機' },
  { id: 'backup-server', name: '自庁舎内にバックアップサーバを設置', short: '庁舎BKサーバ' },
  { id: 'data-backup', name: '自庁舎内にデータバックアップを確保', short: '庁舎データBK' },
  { id: 'emergency-power', name: '自庁舎に非常用発電装置等を備える', short: '非常用発電' },
  { id: 'cloud-redundancy-sla', name: 'クラウド側の冗長化をSLA等で規定', short: 'SLA冗長化' },
] as const
export type CountermeasureId = (typeof COUNTERMEASURES)[number]['id']
const COUNTERMEASURE_IDS = COUNTERMEASURES.map((c) => c.id) as [
  CountermeasureId,
  ...CountermeasureId[],
]

/** The nine failure patterns of 表2-14 with the countermeasures 表2-15 marks ○ for each. */
export const FAILURE_PATTERNS: ReadonlyArray<{
  no: number
  name: string
  countermeasures: readonly CountermeasureId[]
}> = [
  { no: 1, name: '単独の通信障害', countermeasures: ['line-multiplexing', 'backup-server'] },
  { no: 2, name: '大規模通信障害', countermeasures: ['backup-server', 'data-backup'] },
  {
    no: 3,
    name: 'クラウドのハードウェア障害',
    countermeasures: ['backup-server', 'cloud-redundancy-sla'],
  },
  {
    no: 4,
    name: 'クラウドのソフトウェア障害',
    countermeasures: ['backup-server', 'cloud-redundancy-sla'],
  },
  {
    no: 5,
    name: '自治体の通信機器障害',
    countermeasures: ['line-multiplexing', 'spare-equipment'],
  },
  { no: 6, name: '自治体の端末障害', countermeasures: ['spare-equipment'] },
  { no: 7, name: '局所的な停電', countermeasures: ['line-multiplexing', 'emergency-power'] },
  { no: 8, name: '大規模災害時の広域障害（停電なし）', countermeasures: ['backup-server'] },
  {
    no: 9,
    name: '大規模災害時の広域障害（停電あり）',
    countermeasures: ['backup-server', 'emergency-power'],
  },
]

const yen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)
export const continuitySchema = z
  .object({
    version: z.literal(1),
    consortium: z.object({ name: z.string().min(1), fiscalYear: z.number().int() }).strict(),
    /** countermeasures the consortium holds for every member (e.g. the SLA's cloud redundancy) */
    consortiumCountermeasures: z.array(z.enum(COUNTERMEASURE_IDS)).default([]),
    /** what one member pays to put a countermeasure in place (yen), unless the member says otherwise */
    countermeasureCosts: z.partialRecord(z.enum(COUNTERMEASURE_IDS), yen).default({}),
    members: z
      .array(
        z
          .object({
            code: z.string(),
            name: z.string().min(1),
            population: z.number().int().positive(),
            countermeasures: z.array(z.enum(COUNTERMEASURE_IDS)).default([]),
            costs: z.partialRecord(z.enum(COUNTERMEASURE_IDS), yen).optional(),
          })
          .strict(),
      )
      .min(1),
    /** shared countermeasures (遠隔地バックアップ among members …) as cost items split by their rule */
    shared: z.array(costSchema).default([]),
  })
  .strict()
export type ContinuityFile = z.output<typeof continuitySchema>

export interface MemberCoverage {
  code: string
  name: string
  countermeasures: CountermeasureId[]
  covered: number[]
  uncovered: number[]
  /** the cheapest set of countermeasures that covers every uncovered pattern (undefined: no cost known) */
  closeGaps?: { countermeasures: CountermeasureId[]; cost: number }
}

export interface ContinuityReport {
  matrix: Array<{ no: number; name: string; marks: boolean[] }>
  countermeasures: Array<{ id: CountermeasureId; name: string }>
  members: MemberCoverage[]
  shared?: AllocationOutput
}

export function parseContinuity(raw: unknown): Result<ContinuityFile> {
  const parsed = continuitySchema.safeParse(raw)
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
    }
  const issues: InputIssue[] = []
  if (parsed.data.shared.length) {
    const s = parseScenario(sharedScenario(parsed.data))
    if (!s.ok)
      for (const i of s.issues)
        issues.push({ path: i.path.replace(/^costs/, 'shared'), message: i.message })
  } else {
    parsed.data.members.forEach((m, i) => {
      const s = parseScenario({
        version: 1,
        consortium: parsed.data.consortium,
        members: [{ code: m.code, name: m.name, population: m.population }],
        costs: [],
      })
      if (!s.ok)
        for (const x of s.issues) issues.push({ path: `members[${i}].code`, message: x.message })
    })
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: parsed.data }
}

const sharedScenario = (f: ContinuityFile) => ({
  version: 1,
  consortium: f.consortium,
  members: f.members.map((m) => ({ code: m.code, name: m.name, population: m.population })),
  costs: f.shared,
})

/** Coverage per member and the shared split. */
export function continuityReport(f: ContinuityFile): ContinuityReport {
  const members = f.members.map((m): MemberCoverage => {
    const has = new Set<CountermeasureId>([...m.countermeasures, ...f.consortiumCountermeasures])
    const covered: number[] = []
    const uncovered: number[] = []
    for (const p of FAILURE_PATTERNS)
      (p.countermeasures.some((c) => has.has(c)) ? covered : uncovered).push(p.no)
    const costOf = (c: CountermeasureId) => m.costs?.[c] ?? f.countermeasureCosts[c]
    return {
      code: m.code,
      name: m.name,
      countermeasures: [...has],
      covered,
      uncovered,
      closeGaps: uncovered.length
        ? cheapestCover(uncovered, has, costOf)
        : { countermeasures: [], cost: 0 },
    }
  })
  let shared: AllocationOutput | undefined
  if (f.shared.length) {
    const parsed = parseScenario(sharedScenario(f))
    if (parsed.ok) {
      const a = allocate(parsed.value)
      if (a.ok) shared = a.value.output
    }
  }
  return {
    matrix: FAILURE_PATTERNS.map((p) => ({
      no: p.no,
      name: p.name,
      marks: COUNTERMEASURES.map((c) => p.countermeasures.includes(c.id)),
    })),
    countermeasures: COUNTERMEASURES.map((c) => ({ id: c.id, name: c.name })),
    members,
    shared,
  }
}

/** A countermeasure's short label (tables and slides). */
export const countermeasureShort = (id: string): string =>
  COUNTERMEASURES.find((c) => c.id === id)?.short ?? id

/** Exact minimum-cost set cover over the (at most 6) countermeasures not yet held. */
function cheapestCover(
  uncovered: number[],
  has: Set<CountermeasureId>,
  costOf: (c: CountermeasureId) => number | undefined,
): MemberCoverage['closeGaps'] {
  const options = COUNTERMEASURE_IDS.filter((c) => !has.has(c) && costOf(c) !== undefined)
  let best: { countermeasures: CountermeasureId[]; cost: number } | undefined
  for (let mask = 1; mask < 1 << options.length; mask++) {
    const pick = options.filter((_, i) => mask & (1 << i))
    const ok = uncovered.every((no) =>
      FAILURE_PATTERNS[no - 1]!.countermeasures.some((c) => pick.includes(c)),
    )
    if (!ok) continue
    const cost = pick.reduce((s, c) => s + costOf(c)!, 0)
    if (
      !best ||
      cost < best.cost ||
      (cost === best.cost && pick.length < best.countermeasures.length)
    )
      best = { countermeasures: pick, cost }
  }
  return best
}
