/** All Kysely code for scenarios. Converts between the scenario document and its normalised rows. */
import type { ScenarioInput } from '@warikan/core'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/database'

type Executor = Kysely<Database> | Transaction<Database>

const EXTENSION_KEYS = ['$schema', 'services', 'patterns', 'coalitionModel', 'adjustments'] as const

/**
 * A cost item's ordinance fields (parts, rounding, deductions) are kept in `rule_json` beside the rule, under
 * one `$cost` key that no rule can have (rules are strict objects); a plain item keeps its bare rule.
 */
const COST_ENVELOPE = '$cost'

function costRuleJson(c: ScenarioInput['costs'][number]): string {
  if (c.parts === undefined && c.rounding === undefined && c.deductions === undefined)
    return JSON.stringify(c.rule)
  const envelope: Record<string, unknown> = {}
  if (c.rule !== undefined) envelope['rule'] = c.rule
  if (c.parts !== undefined) envelope['parts'] = c.parts
  if (c.rounding !== undefined) envelope['rounding'] = c.rounding
  if (c.deductions !== undefined) envelope['deductions'] = c.deductions
  return JSON.stringify({ [COST_ENVELOPE]: envelope })
}

function costRuleFields(ruleJson: string): Record<string, unknown> {
  const parsed = JSON.parse(ruleJson) as unknown
  if (typeof parsed === 'object' && parsed !== null && Object.hasOwn(parsed, COST_ENVELOPE))
    return (parsed as Record<string, Record<string, unknown>>)[COST_ENVELOPE]!
  return { rule: parsed }
}

/** Scenario extensions, with members' `kind` (class for class-weighted 均等割) by code. */
function extensionsOf(doc: ScenarioInput): Record<string, unknown> {
  const extensions: Record<string, unknown> = {}
  for (const k of EXTENSION_KEYS) if (doc[k] !== undefined) extensions[k] = doc[k]
  const kinds: Record<string, string> = {}
  for (const m of doc.members) if (m.kind !== undefined) kinds[m.code] = m.kind
  if (Object.keys(kinds).length) extensions['memberKinds'] = kinds
  return extensions
}

export interface ScenarioSummary {
  id: number
  consortiumId: number
  consortium: string
  title: string
  fiscalYear: number
  version: number
  members: number
  costs: number
  updatedAt: string
}

export async function findOrCreateConsortium(db: Executor, name: string): Promise<number> {
  const found = await db
    .selectFrom('consortium')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirst()
  if (found) return found.id
  const row = await db
    .insertInto('consortium')
    .values({ name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Writes a (validated) scenario document; call inside a transaction. */
export async function insertScenario(
  db: Executor,
  consortiumId: number,
  doc: ScenarioInput,
  title: string,
): Promise<number> {
  const extensions = extensionsOf(doc)
  const { id } = await db
    .insertInto('scenario')
    .values({
      consortium_id: consortiumId,
      title,
      fiscal_year: doc.consortium.fiscalYear,
      population_date: doc.populationDate ?? null,
      description: doc.description ?? null,
      rounding_json: doc.rounding === undefined ? null : JSON.stringify(doc.rounding),
      target_json: doc.target === undefined ? null : JSON.stringify(doc.target),
      extensions_json: Object.keys(extensions).length ? JSON.stringify(extensions) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await writeMembersAndCosts(db, id, doc)
  return id
}

async function writeMembersAndCosts(
  db: Executor,
  scenarioId: number,
  doc: ScenarioInput,
): Promise<void> {
  if (doc.members.length) {
    await db
      .insertInto('member')
      .values(
        doc.members.map((m, position) => ({
          scenario_id: scenarioId,
          position,
          code: m.code,
          name: m.name,
          population: m.population,
          standalone_cost: m.standaloneCost ?? null,
          metrics_json: m.metrics === undefined ? null : JSON.stringify(m.metrics),
        })),
      )
      .execute()
  }
  for (const [position, c] of doc.costs.entries()) {
    const { id } = await db
      .insertInto('cost_item')
      .values({
        scenario_id: scenarioId,
        position,
        cost_key: c.id,
        name: c.name,
        amount: c.amount,
        rule_json: costRuleJson(c),
        traffic_json: c.traffic === undefined ? null : JSON.stringify(c.traffic),
        has_subset: c.members === undefined ? 0 : 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (c.members?.length) {
      await db
        .insertInto('cost_participant')
        .values(c.members.map((code, i) => ({ cost_item_id: id, position: i, member_code: code })))
        .execute()
    }
  }
}

/** Replaces members and cost items of a scenario (the document as a whole); call inside a transaction. */
export async function replaceScenarioContent(
  db: Executor,
  scenarioId: number,
  doc: ScenarioInput,
): Promise<void> {
  await db.deleteFrom('cost_item').where('scenario_id', '=', scenarioId).execute()
  await db.deleteFrom('member').where('scenario_id', '=', scenarioId).execute()
  const extensions = extensionsOf(doc)
  await db
    .updateTable('scenario')
    .set({
      fiscal_year: doc.consortium.fiscalYear,
      population_date: doc.populationDate ?? null,
      description: doc.description ?? null,
      rounding_json: doc.rounding === undefined ? null : JSON.stringify(doc.rounding),
      target_json: doc.target === undefined ? null : JSON.stringify(doc.target),
      extensions_json: Object.keys(extensions).length ? JSON.stringify(extensions) : null,
    })
    .where('id', '=', scenarioId)
    .execute()
  await writeMembersAndCosts(db, scenarioId, doc)
}

export async function listScenarioSummaries(db: Executor): Promise<ScenarioSummary[]> {
  const rows = await db
    .selectFrom('scenario')
    .innerJoin('consortium', 'consortium.id', 'scenario.consortium_id')
    .select((eb) => [
      'scenario.id as id',
      'scenario.consortium_id as consortiumId',
      'consortium.name as consortium',
      'scenario.title as title',
      'scenario.fiscal_year as fiscalYear',
      'scenario.version as version',
      'scenario.updated_at as updatedAt',
      eb
        .selectFrom('member')
        .whereRef('member.scenario_id', '=', 'scenario.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('members'),
      eb
        .selectFrom('cost_item')
        .whereRef('cost_item.scenario_id', '=', 'scenario.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('costs'),
    ])
    .orderBy('scenario.id')
    .execute()
  return rows.map((r) => ({
    id: r.id,
    consortiumId: r.consortiumId,
    consortium: r.consortium,
    title: r.title,
    fiscalYear: r.fiscalYear,
    version: r.version,
    members: Number(r.members ?? 0),
    costs: Number(r.costs ?? 0),
    updatedAt: r.updatedAt instanceof Date ? r.updatedAt.toISOString() : String(r.updatedAt),
  }))
}

/** Rebuilds the scenario document exactly as it was imported (an equal JSON value). */
export async function loadScenarioDocument(
  db: Executor,
  scenarioId: number,
): Promise<ScenarioInput | undefined> {
  const s = await db
    .selectFrom('scenario')
    .innerJoin('consortium', 'consortium.id', 'scenario.consortium_id')
    .selectAll('scenario')
    .select('consortium.name as consortium_name')
    .where('scenario.id', '=', scenarioId)
    .executeTakeFirst()
  if (!s) return undefined
  const members = await db
    .selectFrom('member')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .orderBy('position')
    .execute()
  const costs = await db
    .selectFrom('cost_item')
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .orderBy('position')
    .execute()
  const participants = costs.length
    ? await db
        .selectFrom('cost_participant')
        .selectAll()
        .where(
          'cost_item_id',
          'in',
          costs.map((c) => c.id),
        )
        .orderBy('cost_item_id')
        .orderBy('position')
        .execute()
    : []
  const byCost = new Map<number, string[]>()
  for (const p of participants) {
    const list = byCost.get(p.cost_item_id) ?? []
    list.push(p.member_code)
    byCost.set(p.cost_item_id, list)
  }
  const extensions = s.extensions_json
    ? (JSON.parse(s.extensions_json) as Record<string, unknown>)
    : {}
  const doc: Record<string, unknown> = {}
  if (extensions['$schema'] !== undefined) doc['$schema'] = extensions['$schema']
  doc['version'] = 1
  doc['consortium'] = { name: s.consortium_name, fiscalYear: Number(s.fiscal_year) }
  if (s.population_date !== null) doc['populationDate'] = s.population_date
  if (s.description !== null) doc['description'] = s.description
  const kinds = extensions['memberKinds'] as Record<string, string> | undefined
  doc['members'] = members.map((m) => ({
    code: m.code,
    name: m.name,
    population: Number(m.population),
    ...(m.standalone_cost === null ? {} : { standaloneCost: Number(m.standalone_cost) }),
    ...(m.metrics_json === null
      ? {}
      : { metrics: JSON.parse(m.metrics_json) as Record<string, number> }),
    ...(kinds !== undefined && Object.hasOwn(kinds, m.code) ? { kind: kinds[m.code] } : {}),
  }))
  doc['costs'] = costs.map((c) => ({
    id: c.cost_key,
    name: c.name,
    amount: Number(c.amount),
    ...(Number(c.has_subset) ? { members: byCost.get(c.id) ?? [] } : {}),
    ...costRuleFields(c.rule_json),
    ...(c.traffic_json === null ? {} : { traffic: JSON.parse(c.traffic_json) as unknown }),
  }))
  if (s.rounding_json !== null) doc['rounding'] = JSON.parse(s.rounding_json)
  if (s.target_json !== null) doc['target'] = JSON.parse(s.target_json)
  for (const k of ['services', 'patterns', 'coalitionModel', 'adjustments'] as const) {
    if (extensions[k] !== undefined) doc[k] = extensions[k]
  }
  return doc as unknown as ScenarioInput
}
