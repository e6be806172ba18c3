/**
 * Real databases for tests, no mocks: SQLite in memory always, and PostgreSQL when TEST_DATABASE_URL is set
 * (scripts/test-all.mjs starts a throwaway cluster). Each PostgreSQL handle gets a fresh schema, so tests
 * are independent; migrations run on both.
 */
import pg from 'pg'
import { createDb, type Db } from '../../packages/api/src/db/create-db'
import { migrateOrThrow } from '../../packages/api/src/db/migrate'

export interface TestDatabase {
  name: 'sqlite' | 'postgres'
  /** a fresh, migrated database */
  create: () => Promise<Db>
}

let counter = 0

async function freshPostgres(url: string): Promise<Db> {
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE SCHEMA ${schema}`)
  await admin.end()
  const sep = url.includes('?') ? '&' : '?'
  const handle = createDb({
    url: `${url}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
  })
  await migrateOrThrow(handle.db)
  return {
    ...handle,
    close: async () => {
      await handle.close()
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`DROP SCHEMA ${schema} CASCADE`)
      await c.end()
    },
  }
}

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [
    {
      name: 'sqlite',
      create: async () => {
        const handle = createDb({ file: ':memory:' })
        await migrateOrThrow(handle.db)
        return handle
      },
    },
  ]
  const url = process.env['TEST_DATABASE_URL']
  if (url) list.push({ name: 'postgres', create: () => freshPostgres(url) })
  return list
}
