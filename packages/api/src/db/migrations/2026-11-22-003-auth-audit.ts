// Frozen in time: imports only kysely. Runs on SQLite and PostgreSQL.
// API tokens (stored as sha256 hashes), their roles per consortium, and the append-only audit log.
import { PostgresAdapter, sql, type Kysely } from 'kysely'

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter

export async function up(db: Kysely<unknown>): Promise<void> {
  const pgsql = isPostgres(db)
  const id = (name: string) =>
    pgsql
      ? db.schema
          .createTable(name)
          .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : db.schema
          .createTable(name)
          .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  const now = pgsql ? sql`now()` : sql`CURRENT_TIMESTAMP`
  const timestamp = pgsql ? 'timestamptz' : 'text'

  await id('api_token')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn('revoked_at', timestamp)
    .execute()

  await db.schema
    .createTable('api_token_role')
    .addColumn('token_id', 'integer', (c) =>
      c.notNull().references('api_token.id').onDelete('cascade'),
    )
    .addColumn('consortium_id', 'integer', (c) =>
      c.notNull().references('consortium.id').onDelete('cascade'),
    )
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('member_code', 'text')
    .addPrimaryKeyConstraint('api_token_role_pk', ['token_id', 'consortium_id'])
    .addCheckConstraint(
      'api_token_role_role_check',
      sql`role in ('admin', 'editor', 'viewer', 'member')`,
    )
    .execute()

  // No foreign keys: the trail must outlive what it describes (a deleted scenario, a revoked token).
  await id('audit_log')
    .addColumn('at', timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn('token_id', 'integer')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('consortium_id', 'integer')
    .addColumn('scenario_id', 'integer')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute()
  await db.schema
    .createIndex('audit_log_scenario_idx')
    .on('audit_log')
    .column('scenario_id')
    .execute()
  await db.schema
    .createIndex('audit_log_consortium_idx')
    .on('audit_log')
    .column('consortium_id')
    .execute()

  // Append-only: the database itself refuses UPDATE and DELETE on the trail.
  if (pgsql) {
    await sql`CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$ LANGUAGE plpgsql`.execute(db)
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(db)
  } else {
    await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db)
    await sql`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TRIGGER IF EXISTS audit_log_no_update ON audit_log`.execute(db)
    await sql`DROP FUNCTION IF EXISTS audit_log_append_only()`.execute(db)
  }
  for (const t of ['audit_log', 'api_token_role', 'api_token']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
