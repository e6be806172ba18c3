// Frozen in time: imports only kysely. Runs on SQLite and PostgreSQL.
// 照会ログ rows keep institution codes (照会元・提供先) and 事務番号 as integer references to two lookup tables
// instead of repeating the text on every row: a stored row is then all integers (half the insert cost).
import { PostgresAdapter, sql, type Kysely } from 'kysely'

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter

async function codeTable(db: Kysely<unknown>, name: string): Promise<void> {
  const table = isPostgres(db)
    ? db.schema
        .createTable(name)
        .addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : db.schema.createTable(name).addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  await table.addColumn('code', 'text', (c) => c.notNull().unique()).execute()
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await codeTable(db, 'traffic_institution')
  await codeTable(db, 'traffic_procedure')
  // The code columns have no foreign key: only the importer writes them, after their codes in the same
  // transaction (a foreign key would cost three lookups per stored row).
  await db.schema
    .createTable('traffic_row_v2')
    .addColumn('import_id', 'integer', (c) =>
      c.notNull().references('traffic_import.id').onDelete('cascade'),
    )
    .addColumn('line', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull()) // ms since 1970 UTC
    .addColumn('requester_id', 'integer', (c) => c.notNull())
    .addColumn('provider_id', 'integer', (c) => c.notNull())
    .addColumn('procedure_id', 'integer', (c) => c.notNull())
    .addColumn('records', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .execute()
  await sql`insert into traffic_institution (code)
    select requester from traffic_row union select provider from traffic_row`.execute(db)
  await sql`insert into traffic_procedure (code) select distinct procedure from traffic_row`.execute(
    db,
  )
  await sql`insert into traffic_row_v2
    (import_id, line, occurred_at, requester_id, provider_id, procedure_id, records, bytes)
    select r.import_id, r.line, r.occurred_at, q.id, p.id, c.id, r.records, r.bytes
    from traffic_row r
    join traffic_institution q on q.code = r.requester
    join traffic_institution p on p.code = r.provider
    join traffic_procedure c on c.code = r.procedure`.execute(db)
  await db.schema.dropTable('traffic_row').execute()
  await db.schema.alterTable('traffic_row_v2').renameTo('traffic_row').execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('traffic_row_v1')
    .addColumn('import_id', 'integer', (c) =>
      c.notNull().references('traffic_import.id').onDelete('cascade'),
    )
    .addColumn('line', 'bigint', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('requester', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('procedure', 'text', (c) => c.notNull())
    .addColumn('records', 'bigint', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .execute()
  await sql`insert into traffic_row_v1
    select r.import_id, r.line, r.occurred_at, q.code, p.code, c.code, r.records, r.bytes
    from traffic_row r
    join traffic_institution q on q.id = r.requester_id
    join traffic_institution p on p.id = r.provider_id
    join traffic_procedure c on c.id = r.procedure_id`.execute(db)
  await db.schema.dropTable('traffic_row').execute()
  await db.schema.alterTable('traffic_row_v1').renameTo('traffic_row').execute()
  await db.schema.dropTable('traffic_procedure').execute()
  await db.schema.dropTable('traffic_institution').execute()
}
