/** Chooses the dialect once: better-sqlite3 for a file (or :memory:), pg for a postgres:// URL. */
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import SqliteDatabase from 'better-sqlite3'
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type SqliteDialectConfig,
} from 'kysely'
import type pg from 'pg'
import type { Database } from './database'

export type DialectName = 'sqlite' | 'postgres'

export interface Db {
  db: Kysely<Database>
  dialect: DialectName
  close: () => Promise<void>
  /**
   * SQLite only: a value that changes whenever the database may have changed since the last call — a commit
   * by another connection (`PRAGMA data_version`) or a row changed by this one (`total_changes()`). In-memory
   * caches of small rows compare it instead of querying. PostgreSQL has no cheap equivalent: absent there.
   */
  changeToken?: () => string
}

export interface DbTarget {
  /** postgres://… ; when absent, `file` is used */
  url?: string | undefined
  /** SQLite file path or ':memory:' */
  file?: string | undefined
}

let pgModule: typeof pg | undefined

/** pg, loaded on the first PostgreSQL connection only (a SQLite run never pays for it). */
function loadPg(): typeof pg {
  if (pgModule) return pgModule
  const loaded = createRequire(import.meta.url)('pg') as typeof pg
  // BIGINT columns come back from pg as strings; amounts of yen are safe integers.
  loaded.types.setTypeParser(20, (v) => {
    const n = Number(v)
    if (!Number.isSafeInteger(n)) throw new RangeError(`bigint out of safe range: ${v}`)
    return n
  })
  return (pgModule = loaded)
}

export function createDb(target: DbTarget): Db {
  if (target.url && /^postgres(ql)?:\/\//.test(target.url)) {
    const pool = new (loadPg().Pool)({ connectionString: target.url, max: 10 })
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
  const db = new Kysely<Database>({
    dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }),
  })
  return {
    db,
    dialect: 'sqlite',
    close: () => db.destroy(),
    changeToken: sqliteChangeToken(sqlite),
  }
}

/**
 * Transactions begin IMMEDIATE: one that reads, then writes takes the write lock first (waiting up to
 * busy_timeout while another process — `db import-traffic`, a second server — commits) instead of failing
 * with SQLITE_BUSY when that process committed between its read and its write (WAL snapshots).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'))
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly config: SqliteDialectConfig) {
    super(config)
  }
  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.config)
  }
}

function sqliteChangeToken(sqlite: SqliteDatabase.Database): () => string {
  // two statements: `total_changes()` alone needs no read transaction (≈0.1 µs), data_version ≈2 µs
  const dataVersion = sqlite.prepare('PRAGMA data_version').pluck()
  const totalChanges = sqlite.prepare('SELECT total_changes()').pluck()
  let unknown = 0
  return () => {
    try {
      return `${totalChanges.get() as number}:${dataVersion.get() as number}`
    } catch {
      // e.g. the connection is closed: report "changed", so nothing is served from a cache
      return `unknown:${++unknown}`
    }
  }
}

/**
 * Kysely's SQLite driver prepares every query anew; better-sqlite3 statements are reusable, so keep the
 * most recent ones by SQL text (bounded: multi-row inserts produce many distinct texts). Kysely never
 * streams here, so a cached statement is never busy when it is handed out again.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, max = 256) {
  const cache = new Map<string, SqliteDatabase.Statement>()
  // SQLite ends a transaction itself on some errors (SQLITE_FULL, an interrupted statement); Kysely then
  // sends `rollback` and its "no transaction is active" would hide the real error (a 500 instead of a 503).
  const noRollback = { reader: false, run: () => ({ changes: 0, lastInsertRowid: 0 }) }
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      if (sql === 'rollback' && !sqlite.inTransaction) return noRollback as never
      let stmt = cache.get(sql)
      if (stmt) {
        cache.delete(sql) // re-insert: most recently used last
      } else {
        stmt = sqlite.prepare(sql)
        if (cache.size >= max) cache.delete(cache.keys().next().value as string)
      }
      cache.set(sql, stmt)
      return stmt
    },
  }
}
