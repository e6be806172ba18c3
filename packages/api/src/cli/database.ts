/** Opening the database for a CLI command: --db FILE, else DATABASE_URL / WARIKAN_DB from env.ts. */
import { resolve } from 'node:path'
import { createDb, type Db } from '../db/create-db'
import { migrateOrThrow } from '../db/migrate'
import { readEnv } from '../env'
import { flag, type ParsedArgs } from './args'
import { CliError } from './errors'
import type { CliContext } from './command'

export async function openDatabase(args: ParsedArgs, ctx: CliContext): Promise<Db> {
  const env = readEnv(ctx.env)
  const file = flag(args, 'db')
  const handle = file
    ? createDb({ file })
    : createDb({ url: env.DATABASE_URL, file: env.WARIKAN_DB })
  await migrateOrThrow(handle.db)
  return handle
}

export async function withDatabase<T>(
  args: ParsedArgs,
  ctx: CliContext,
  fn: (db: Db) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase(args, ctx)
  try {
    return await fn(handle)
  } finally {
    await handle.close()
  }
}

/**
 * The database of `serve --demo`: always a SQLite file of its own — --db FILE or WARIKAN_DEMO_DB
 * (default ./data/warikan-demo.db) — never DATABASE_URL and never the data file (WARIKAN_DB).
 */
export async function openDemoDatabase(args: ParsedArgs, ctx: CliContext): Promise<Db> {
  const env = readEnv(ctx.env)
  const file = flag(args, 'db') ?? env.WARIKAN_DEMO_DB
  if (file === ':memory:' || resolve(file) === resolve(env.WARIKAN_DB))
    throw new CliError(
      `--demo: ${file} はデモ専用にできません — 本番のデータファイル (WARIKAN_DB) ではなく別のファイルを指定してください (demo mode needs its own database file)`,
      2,
    )
  const handle = createDb({ file })
  await migrateOrThrow(handle.db)
  return handle
}
