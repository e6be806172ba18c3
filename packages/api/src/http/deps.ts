/** What every route module receives from createApp. */
import type { Kysely } from 'kysely'
import type { AllocationService } from '../allocation/allocation.service'
import type { Database } from '../db/database'
import type { DialectName } from '../db/create-db'
import type { Env } from '../env'
import type { ScenarioDocumentReader, ScenarioStateReader } from '../scenario/scenario-readers'

export interface AppDeps {
  db: Kysely<Database>
  dialect: DialectName
  env: Env
  allocations: AllocationService
  /** a scenario's metadata and traffic key, for the access check every scenario route starts with */
  scenarioState: ScenarioStateReader
  /** a stored scenario as a scenario file (GET /api/scenarios/{id}); shared: never modify it */
  scenarioDocument: ScenarioDocumentReader
  /** drops the authenticator's cached token lookups (after a revocation) */
  forgetTokens: () => void
  /** one line to the server log (stderr); never given a token */
  log: (line: string) => void
}
