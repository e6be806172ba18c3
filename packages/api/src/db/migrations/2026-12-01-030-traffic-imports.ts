// Frozen in time: imports only kysely. Runs on SQLite and PostgreSQL.
// What a planner sees in the list of imported 照会ログ: the hash of the rows as read (so a copy of a log in
// another encoding or with reordered columns counts as the same log), the period it covers, and who imported
// it. Existing imports keep null in these columns (their rows hash is unknown; they are listed without it).
import type { Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('traffic_import').addColumn('records_sha256', 'text').execute()
  await db.schema.alterTable('traffic_import').addColumn('first_at', 'bigint').execute()
  await db.schema.alterTable('traffic_import').addColumn('last_at', 'bigint').execute()
  await db.schema.alterTable('traffic_import').addColumn('imported_by', 'text').execute()
  await db.schema
    .createIndex('traffic_import_scenario_records')
    .on('traffic_import')
    .columns(['scenario_id', 'records_sha256'])
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('traffic_import_scenario_records').execute()
  for (const column of ['imported_by', 'last_at', 'first_at', 'records_sha256'])
    await db.schema.alterTable('traffic_import').dropColumn(column).execute()
}
