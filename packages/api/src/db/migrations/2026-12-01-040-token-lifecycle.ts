// Frozen in time: imports only kysely. Runs on SQLite and PostgreSQL.
// Token lifecycle and confined demo mode:
// - api_token.expires_at: a token stops working after it (null = never);
// - api_token.demo / consortium.demo: rows written by `serve --demo` (1) — demo tokens work only while the
//   server runs with --demo, and demo mode refuses a database holding any row that is not a demo row;
// - demo_session: the demo token itself (public by design: /api/demo/session hands it to anyone), so a
//   restart of `serve --demo` reuses it instead of adding another.
// Tokens issued before expiry existed keep working until revoked (expires_at null).
import { PostgresAdapter, type Kysely } from 'kysely'

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter

export async function up(db: Kysely<unknown>): Promise<void> {
  const timestamp = isPostgres(db) ? 'timestamptz' : 'text'
  await db.schema.alterTable('api_token').addColumn('expires_at', timestamp).execute()
  await db.schema
    .alterTable('api_token')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('consortium')
    .addColumn('demo', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .createTable('demo_session')
    .addColumn('token_id', 'integer', (c) =>
      c.primaryKey().references('api_token.id').onDelete('cascade'),
    )
    .addColumn('token', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('demo_session').ifExists().execute()
  await db.schema.alterTable('consortium').dropColumn('demo').execute()
  await db.schema.alterTable('api_token').dropColumn('demo').execute()
  await db.schema.alterTable('api_token').dropColumn('expires_at').execute()
}
