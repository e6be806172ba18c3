/** One raw SQL statement on a test database's own connection (PRAGMAs), without importing kysely here. */
import type { Db } from '../../packages/api/src/db/create-db'

export async function rawSql<R = Record<string, unknown>>(
  db: Db['db'],
  text: string,
): Promise<R[]> {
  // the shape of kysely's CompiledQuery.raw(text)
  const query = {
    sql: text,
    parameters: [],
    query: { kind: 'RawNode', sqlFragments: [text], parameters: [] },
  }
  const result = await db.executeQuery(query as never)
  return result.rows as R[]
}
