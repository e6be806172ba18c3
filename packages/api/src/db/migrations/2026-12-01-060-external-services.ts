// Frozen in time: imports only kysely. Runs on SQLite and PostgreSQL.
// The external-service register (外部サービス台帳): one row per service of a consortium (or of one member alone),
// its entry as JSON, its lifecycle status and a version for optimistic concurrency.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter

export async function up(db: Kysely<unknown>): Promise<void> {
  const pgsql = isPostgres(db)
  const now = pgsql ? sql`now()` : sql`CURRENT_TIMESTAMP`
  const timestamp = pgsql ? 'timestamptz' : 'text'
  const table = pgsql
    ? db.schema
        .createTable('external_service')
        .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : db.schema
        .createTable('external_service')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  await table
    .addColumn('consortium_id', 'integer', (c) =>
      c.notNull().references('consortium.id').onDelete('cascade'),
    )
    .addColumn('member_code', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('entry_json', 'text', (c) => c.notNull())
    .addColumn('decision_json', 'text')
    .addColumn('end_report_json', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', timestamp, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint(
      'external_service_status_check',
      sql`status in ('applied', 'approved', 'refused', 'inUse', 'ended')`,
    )
    .execute()
  await db.schema
    .createIndex('external_service_consortium_idx')
    .on('external_service')
    .column('consortium_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('external_service').execute()
}
