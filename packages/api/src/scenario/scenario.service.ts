/** Scenario use cases: validate with the core, own the transaction, never leak rows. */
import {
  parseScenario,
  type InputIssue,
  type Result,
  type Scenario,
  type ScenarioInput,
} from '@warikan/core'
import type { Kysely } from 'kysely'
import { CLI_ACTOR } from '../audit/audit.service'
import type { Database } from '../db/database'
import { createScenarioIn } from './scenario-edit.service'
import {
  findOrCreateConsortium,
  listScenarioSummaries,
  loadScenarioDocument,
  type ScenarioSummary,
} from './scenario.repository'

export interface ImportedScenario {
  id: number
  consortiumId: number
}

/**
 * The CLI's import (`warikan db import`): the same write as the API's create — validated first (nothing is
 * written on invalid input), one transaction, and an audit record by the CLI actor — into the consortium
 * named by the document (created if new).
 */
export async function importScenario(
  db: Kysely<Database>,
  document: unknown,
  options: { title?: string } = {},
): Promise<Result<ImportedScenario>> {
  const parsed = parseScenario(document)
  if (!parsed.ok) return parsed
  // a new consortium is created in the same transaction as the scenario and its audit entry
  const { created, consortiumId } = await db.transaction().execute(async (trx) => {
    const consortiumId = await findOrCreateConsortium(trx, parsed.value.consortium.name)
    const created = await createScenarioIn(trx, consortiumId, document, options.title, CLI_ACTOR)
    return { created, consortiumId }
  })
  if (created.ok) return { ok: true, value: { id: created.value.id, consortiumId } }
  if (created.reason === 'invalid') return { ok: false, issues: created.issues }
  throw new Error(`scenario import failed: ${created.reason}`)
}

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
