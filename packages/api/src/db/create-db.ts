/** Chooses the dialect once: better-sqlite3 for a file (or :memory:), pg for a postgres:// URL. */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './database'

export type DialectName = 'sqlite' | 'postgres'

export interface Db {
  db: Kysely<Database>
  dialect: DialectName
  close: () => Promise<void>
}

export interface DbTarget {
  /** postgres://… ; when absent, `file` is used */
  url?: string | undefined
  /** SQLite file path or ':memory:' */
  file?: string | undefined
}

// BIGINT columns come back from pg as strings; amounts of yen are safe integers.
pg.types.setTypeParser(20, (v) => {
  const n = Number(v)
  if (!Number.isSafeInteger(n)) throw new RangeError(`bigint out of safe range: ${v}`)
  return n
})

export function createDb(target: DbTarget): Db {
  if (target.url && /^postgres(ql)?:\/\//.test(target.url)) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return { db, dialect: 'postgres', close: () => db.destroy() }
  }
  const file = target.file ?? './data/warikan.db'
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const sqlite = new SqliteDatabase(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, dialect: 'sqlite', close: () => db.destroy() }
}
