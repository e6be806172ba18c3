/** The database as Kysely sees it: every feature's tables. */
import type { ScenarioTables } from '../scenario/scenario.table'

export type Database = ScenarioTables
