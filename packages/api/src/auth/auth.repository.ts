/** All Kysely code for API tokens and their roles. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/database'
import { isRole, type Principal, type RoleGrant } from './roles'

type Executor = Kysely<Database> | Transaction<Database>

export async function insertToken(
  db: Executor,
  name: string,
  tokenHash: string,
  grants: RoleGrant[],
): Promise<number> {
  const { id } = await db
    .insertInto('api_token')
    .values({ name, token_hash: tokenHash, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (grants.length) {
    await db
      .insertInto('api_token_role')
      .values(
        grants.map((g) => ({
          token_id: id,
          consortium_id: g.consortiumId,
          role: g.role,
          member_code: g.memberCode ?? null,
        })),
      )
      .execute()
  }
  return id
}

export async function findPrincipalByHash(
  db: Executor,
  tokenHash: string,
): Promise<Principal | undefined> {
  const token = await db
    .selectFrom('api_token')
    .select(['id', 'name'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  if (!token) return undefined
  const roles = await db
    .selectFrom('api_token_role')
    .select(['consortium_id', 'role', 'member_code'])
    .where('token_id', '=', token.id)
    .orderBy('consortium_id')
    .execute()
  return {
    tokenId: token.id,
    name: token.name,
    roles: roles.flatMap((r) =>
      isRole(r.role)
        ? [
            {
              consortiumId: r.consortium_id,
              role: r.role,
              ...(r.member_code === null ? {} : { memberCode: r.member_code }),
            },
          ]
        : [],
    ),
  }
}

export async function findConsortiumByName(db: Executor, name: string) {
  return db
    .selectFrom('consortium')
    .select(['id', 'name'])
    .where('name', '=', name)
    .executeTakeFirst()
}

export async function findConsortiumById(db: Executor, id: number) {
  return db.selectFrom('consortium').select(['id', 'name']).where('id', '=', id).executeTakeFirst()
}

export async function insertConsortium(db: Executor, name: string): Promise<number> {
  const { id } = await db
    .insertInto('consortium')
    .values({ name })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}
