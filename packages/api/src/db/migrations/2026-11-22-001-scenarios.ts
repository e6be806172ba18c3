// Frozen in time: imports only kysely. Runs on SQLite and PostgreSQL.
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

  await id('consortium')
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', timestamp, (c) => c.notNull().defaultTo(now))
    .execute()

  await id('scenario')
    .addColumn('consortium_id', 'integer', (c) =>
      c.notNull().references('consortium.id').onDelete('cascade'),
    )
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('fiscal_year', 'integer', (c) => c.notNull())
    .addColumn('population_date', 'text')
    .addColumn('description', 'text')
    .addColumn('rounding_json', 'text')
    .addColumn('target_json', 'text')
    .addColumn('extensions_json', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', timestamp, (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', timestamp, (c) => c.notNull().defaultTo(now))
    .execute()

  await id('member')
    .addColumn('scenario_id', 'integer', (c) =>
      c.notNull().references('scenario.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('population', 'bigint', (c) => c.notNull())
    .addColumn('standalone_cost', 'bigint')
    .addColumn('metrics_json', 'text')
    .addUniqueConstraint('member_scenario_code_unique', ['scenario_id', 'code'])
    .execute()

  await id('cost_item')
    .addColumn('scenario_id', 'integer', (c) =>
      c.notNull().references('scenario.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('cost_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('rule_json', 'text', (c) => c.notNull())
    .addColumn('traffic_json', 'text')
    .addColumn('has_subset', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('cost_item_scenario_key_unique', ['scenario_id', 'cost_key'])
    .execute()

  await db.schema
    .createTable('cost_participant')
    .addColumn('cost_item_id', 'integer', (c) =>
      c.notNull().references('cost_item.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('member_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cost_participant_pk', ['cost_item_id', 'position'])
    .execute()

  await db.schema
    .createIndex('scenario_consortium_idx')
    .on('scenario')
    .column('consortium_id')
    .execute()
  await db.schema.createIndex('member_scenario_idx').on('member').column('scenario_id').execute()
  await db.schema
    .createIndex('cost_item_scenario_idx')
    .on('cost_item')
    .column('scenario_id')
    .execute()
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['cost_participant', 'cost_item', 'member', 'scenario', 'consortium']) {
    await db.schema.dropTable(t).ifExists().execute()
  }
}
