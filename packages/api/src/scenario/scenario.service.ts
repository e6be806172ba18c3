/** Scenario use cases: validate with the core, own the transaction, never leak rows. */
import {
  parseScenario,
  type InputIssue,
  type Result,
  type Scenario,
  type ScenarioInput,
} from '@warikan/core'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import {
  findOrCreateConsortium,
  insertScenario,
  listScenarioSummaries,
  loadScenarioDocument,
  type ScenarioSummary,
} from './scenario.repository'

export interface ImportedScenario {
  id: number
  consortiumId: number
}

/** Validates, then writes the whole scenario in one transaction; nothing is written on invalid input. */
export async function importScenario(
  db: Kysely<Database>,
  document: unknown,
  options: { title?: string } = {},
): Promise<Result<ImportedScenario>> {
  const parsed = parseScenario(document)
  if (!parsed.ok) return parsed
  const doc = document as ScenarioInput
  const title = options.title ?? defaultTitle(parsed.value)
  const value = await db.transaction().execute(async (trx) => {
    const consortiumId = await findOrCreateConsortium(trx, doc.consortium.name)
    const id = await insertScenario(trx, consortiumId, doc, title)
    return { id, consortiumId }
  })
  return { ok: true, value }
}

const defaultTitle = (s: Scenario) => `${s.consortium.fiscalYear}年度 ${s.consortium.name}`

export const listScenarios = (db: Kysely<Database>): Promise<ScenarioSummary[]> =>
  listScenarioSummaries(db)

export const exportScenario = (
  db: Kysely<Database>,
  id: number,
): Promise<ScenarioInput | undefined> => loadScenarioDocument(db, id)

/** Loads a stored scenario, validated again through the core (the database is not trusted blindly). */
export async function loadScenario(
  db: Kysely<Database>,
  id: number,
): Promise<
  | { ok: true; scenario: Scenario; document: ScenarioInput }
  | { ok: false; issues: InputIssue[] }
  | undefined
> {
  const document = await loadScenarioDocument(db, id)
  if (!document) return undefined
  const parsed = parseScenario(document)
  return parsed.ok
    ? { ok: true, scenario: parsed.value, document }
    : { ok: false, issues: parsed.issues }
}
