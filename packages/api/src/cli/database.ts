/** Opening the database for a CLI command: --db FILE, else DATABASE_URL / WARIKAN_DB from env.ts. */
import { createDb, type Db } from '../db/create-db'
import { migrateOrThrow } from '../db/migrate'
import { readEnv } from '../env'
import { flag, type ParsedArgs } from './args'
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
