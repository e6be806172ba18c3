/** Consortia visible to a token: those it holds a role in. */
import type { Kysely } from 'kysely'
import type { Principal } from '../auth/roles'
import type { Database } from '../db/database'
import { selectConsortia, selectConsortium, type Consortium } from './consortium.repository'

export type { Consortium } from './consortium.repository'

export const visibleConsortia = (db: Kysely<Database>, p: Principal): Promise<Consortium[]> =>
  selectConsortia(
    db,
    p.roles.map((r) => r.consortiumId),
  )

export const getConsortium = (db: Kysely<Database>, id: number): Promise<Consortium | undefined> =>
  selectConsortium(db, id)
