// Frozen in time: imports only kysely. Runs on SQLite and PostgreSQL.
// SLA files, incident logs and continuity files per consortium (stored as given, with a version for
// optimistic concurrency). An incident log names the SLA file it is read against.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter

export async function up(db: Kysely<unknown>): Promise<void> {
  const pgsql = isPostgres(db)
  const now = pgsql ? sql`now()` : sql`CURRENT_TIMESTAMP`
  const timestamp = pgsql ? 'timestamptz' : 'text'
  const table = pgsql
    ? db.schema
        .createTable('sla_document')
        .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : db.schema
        .createTable('sla_document')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  await table
    .addColumn('consortium_id', 'integer', (c) =>
      c.notNull().references('consortium.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sla_id', 'integer', (c) => c.references('sla_document.id').onDelete('cascade'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', timestamp, (c) => c.notNull().defaultTo(now))
    .addCheckConstraint('sla_document_kind_check', sql`kind in ('sla', 'incidents', 'continuity')`)
    .execute()
  await db.schema
    .createIndex('sla_document_consortium_idx')
    .on('sla_document')
    .column('consortium_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('sla_document').execute()
}
