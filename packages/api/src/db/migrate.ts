/* eslint-disable @typescript-eslint/no-explicit-any -- the migrator works on any schema */
import { Migrator, type Kysely, type MigrationResultSet } from 'kysely'
import { migrations } from './migrations/index'

/** Runs every pending migration. Returns Kysely's result set (errors are data, not throws). */
export function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  // Features landed in parallel, so a later-named migration may have run before an earlier-named one.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  })
  return migrator.migrateToLatest()
}

export async function migrateOrThrow(db: Kysely<any>): Promise<void> {
  const { error, results } = await migrateToLatest(db)
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(
      `migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message ?? String(error)}`,
    )
  }
}
