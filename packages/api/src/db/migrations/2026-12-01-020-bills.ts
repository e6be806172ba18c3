// Frozen in time: imports only kysely. Runs on SQLite and PostgreSQL.
// クラウド請求明細 (FOCUS bills): one bill_import per upload (its files, map, rates), the cost items it produced
// and the reconciliation, stored as JSON text as computed (nothing is recomputed on read).
import { PostgresAdapter, sql, type Kysely } from 'kysely'

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter

export async function up(db: Kysely<unknown>): Promise<void> {
  const pgsql = isPostgres(db)
  const now = pgsql ? sql`now()` : sql`CURRENT_TIMESTAMP`
  const timestamp = pgsql ? 'timestamptz' : 'text'
  const table = pgsql
    ? db.schema
        .createTable('bill_import')
        .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : db.schema
        .createTable('bill_import')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  await table
    .addColumn('scenario_id', 'integer', (c) =>
      c.notNull().references('scenario.id').onDelete('cascade'),
    )
    .addColumn('file_names_json', 'text', (c) => c.notNull())
    .addColumn('row_count', 'bigint', (c) => c.notNull())
    .addColumn('total_yen', 'bigint', (c) => c.notNull())
    .addColumn('direct_yen', 'bigint', (c) => c.notNull())
    .addColumn('shared_yen', 'bigint', (c) => c.notNull())
    .addColumn('map_json', 'text', (c) => c.notNull())
    .addColumn('rates_json', 'text', (c) => c.notNull())
    .addColumn('costs_json', 'text', (c) => c.notNull())
    .addColumn('reconciliation_json', 'text', (c) => c.notNull())
    .addColumn('imported_at', timestamp, (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema
    .createIndex('bill_import_scenario_idx')
    .on('bill_import')
    .column('scenario_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bill_import').execute()
}
