/**
 * What scenario reads ask the database for on every request: the scenario's state behind each access check
 * (metadata and the key of its stored traffic), and the scenario document. Both are remembered while the
 * database is unchanged (SQLite's change token: one check per call) and queried on every call otherwise
 * (PostgreSQL).
 */
import type { ScenarioInput } from '@warikan/core'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { rememberWhileUnchanged } from '../db/remember-while-unchanged'
import { storedTrafficKey } from '../traffic/traffic.service'
import { getScenarioMeta, type ScenarioMeta } from './scenario-edit.service'
import { exportScenario } from './scenario.service'

/** A stored scenario as API reads need it before they answer. */
export interface ScenarioState extends ScenarioMeta {
  /** changes whenever the scenario's stored traffic changes (traffic.repository: trafficImportsKey) */
  trafficKey: string
}

export type ScenarioStateReader = (id: number) => Promise<ScenarioState | undefined>
export type ScenarioDocumentReader = (id: number) => Promise<ScenarioInput | undefined>

export const scenarioStateReader = (
  db: Kysely<Database>,
  changeToken?: () => string,
): ScenarioStateReader =>
  rememberWhileUnchanged(async (id: number) => {
    const meta = await getScenarioMeta(db, id)
    return meta && { ...meta, trafficKey: await storedTrafficKey(db, id) }
  }, changeToken)

/** Documents can be large (a national scenario is ~0.5 MB), so only a few are kept. */
export const scenarioDocumentReader = (
  db: Kysely<Database>,
  changeToken?: () => string,
): ScenarioDocumentReader => rememberWhileUnchanged((id) => exportScenario(db, id), changeToken, 32)
