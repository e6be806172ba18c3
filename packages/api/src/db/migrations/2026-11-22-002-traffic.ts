// Frozen in time: imports only kysely. Runs on SQLite and PostgreSQL.
// 照会ログ: one traffic_import per file (content hash unique per scenario), its rows, and its sums.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter

export async function up(db: Kysely<unknown>): Promise<void> {
  const pgsql = isPostgres(db)
  const now = pgsql ? sql`now()` : sql`CURRENT_TIMESTAMP`
  const timestamp = pgsql ? 'timestamptz' : 'text'
  const table = pgsql
    ? db.schema
        .createTable('traffic_import')
        .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : db.schema
        .createTable('traffic_import')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  await table
    .addColumn('scenario_id', 'integer', (c) =>
      c.notNull().references('scenario.id').onDelete('cascade'),
    )
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_sha256', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text', (c) => c.notNull())
    .addColumn('row_count', 'bigint', (c) => c.notNull())
    .addColumn('imported_at', timestamp, (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint('traffic_import_scenario_hash_unique', ['scenario_id', 'content_sha256'])
    .execute()

  // No index besides the foreign key's target: rows are written in bulk and read back only by import.
  await db.schema
    .createTable('traffic_row')
    .addColumn('import_id', 'integer', (c) =>
      c.notNull().references('traffic_import.id').onDelete('cascade'),
    )
    .addColumn('line', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull()) // ms since 1970 UTC
    .addColumn('requester', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('records', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('traffic_pair')
    .addColumn('import_id', 'integer', (c) =>
      c.notNull().references('traffic_import.id').onDelete('cascade'),
    )
    .addColumn('requester', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('queries', 'bigint', (c) => c.notNull())
    .addColumn('records', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('traffic_pair_pk', ['import_id', 'requester', 'provider'])
    .execute()

  await db.schema
    .createTable('traffic_month')
    .addColumn('import_id', 'integer', (c) =>
      c.notNull().references('traffic_import.id').onDelete('cascade'),
    )
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('queries', 'bigint', (c) => c.notNull())
    .addColumn('records', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('traffic_month_pk', ['import_id', 'month'])
    .execute()

  await db.schema
    .createIndex('traffic_import_scenario_idx')
    .on('traffic_import')
    .column('scenario_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['traffic_month', 'traffic_pair', 'traffic_row', 'traffic_import']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
