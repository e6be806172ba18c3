// Frozen in time: imports only kysely. Runs on SQLite and PostgreSQL.
// Multi-year plans (中期計画), stored beside scenarios: the plan file as given, with a version for
// optimistic concurrency. Each year is expanded from it on read; a year saved as a 予算 becomes a scenario.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter

export async function up(db: Kysely<unknown>): Promise<void> {
  const pgsql = isPostgres(db)
  const now = pgsql ? sql`now()` : sql`CURRENT_TIMESTAMP`
  const timestamp = pgsql ? 'timestamptz' : 'text'
  const table = pgsql
    ? db.schema
        .createTable('plan')
        .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : db.schema
        .createTable('plan')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  await table
    .addColumn('consortium_id', 'integer', (c) =>
      c.notNull().references('consortium.id').onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('to_year', 'integer', (c) => c.notNull())
    .addColumn('document_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', timestamp, (c) => c.notNull().defaultTo(now))
    .execute()
  await db.schema.createIndex('plan_consortium_idx').on('plan').column('consortium_id').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('plan').ifExists().execute()
}
