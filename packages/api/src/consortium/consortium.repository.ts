/** All Kysely code for consortia (協議会 / 共同事業組合). */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'

export interface Consortium {
  id: number
  name: string
}

export async function selectConsortia(db: Kysely<Database>, ids: number[]): Promise<Consortium[]> {
  if (!ids.length) return []
  return db
    .selectFrom('consortium')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .orderBy('id')
    .execute()
}

export async function selectConsortium(
  db: Kysely<Database>,
  id: number,
): Promise<Consortium | undefined> {
  return db.selectFrom('consortium').select(['id', 'name']).where('id', '=', id).executeTakeFirst()
}
