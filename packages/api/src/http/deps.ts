/** What every route module receives from createApp. */
import type { Kysely } from 'kysely'
import type { AllocationService } from '../allocation/allocation.service'
import type { Database } from '../db/database'
import type { DialectName } from '../db/create-db'
import type { Env } from '../env'

export interface AppDeps {
  db: Kysely<Database>
  dialect: DialectName
  env: Env
  allocations: AllocationService
  /** one line to the server log (stderr); never given a token */
  log: (line: string) => void
}
