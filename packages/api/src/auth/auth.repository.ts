/** All Kysely code for API tokens and their roles. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/database'
import { isoTimestamp } from '../scenario/scenario-edit.repository'
import { isRole, type Principal, type RoleGrant } from './roles'

type Executor = Kysely<Database> | Transaction<Database>

export async function insertToken(
  db: Executor,
  name: string,
  tokenHash: string,
  grants: RoleGrant[],
  options: { expiresAt?: string | null; demo?: boolean } = {},
): Promise<number> {
  const { id } = await db
    .insertInto('api_token')
    .values({
      name,
      token_hash: tokenHash,
      revoked_at: null,
      expires_at: options.expiresAt ?? null,
      demo: options.demo ? 1 : 0,
    })
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

/** A token that is not revoked, with what decides whether it works now (expiry, demo). */
export interface ActiveToken {
  principal: Principal
  /** ISO instant, or null = never */
  expiresAt: string | null
  demo: boolean
}

export async function findPrincipalByHash(
  db: Executor,
  tokenHash: string,
): Promise<ActiveToken | undefined> {
  const token = await db
    .selectFrom('api_token')
    .select(['id', 'name', 'expires_at', 'demo'])
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
    expiresAt: token.expires_at === null ? null : isoTimestamp(token.expires_at),
    demo: Number(token.demo) === 1,
    principal: {
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
    },
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

export interface TokenRecord {
  id: number
  name: string
  createdAt: string
  expiresAt: string | null
  revokedAt: string | null
  demo: boolean
  roles: RoleGrant[]
}

/** Tokens holding a role in a consortium (every token when consortiumId is undefined), oldest first. */
export async function selectTokens(db: Executor, consortiumId?: number): Promise<TokenRecord[]> {
  let q = db
    .selectFrom('api_token as t')
    .innerJoin('api_token_role as r', 'r.token_id', 't.id')
    .select([
      't.id',
      't.name',
      't.created_at',
      't.expires_at',
      't.revoked_at',
      't.demo',
      'r.consortium_id',
      'r.role',
      'r.member_code',
    ])
  if (consortiumId !== undefined) q = q.where('r.consortium_id', '=', consortiumId)
  const rows = await q.orderBy('t.id').orderBy('r.consortium_id').execute()
  const byId = new Map<number, TokenRecord>()
  for (const r of rows) {
    let t = byId.get(r.id)
    if (!t) {
      t = {
        id: r.id,
        name: r.name,
        createdAt: isoTimestamp(r.created_at),
        expiresAt: r.expires_at === null ? null : isoTimestamp(r.expires_at),
        revokedAt: r.revoked_at === null ? null : isoTimestamp(r.revoked_at),
        demo: Number(r.demo) === 1,
        roles: [],
      }
      byId.set(r.id, t)
    }
    if (isRole(r.role))
      t.roles.push({
        consortiumId: r.consortium_id,
        role: r.role,
        ...(r.member_code === null ? {} : { memberCode: r.member_code }),
      })
  }
  return [...byId.values()]
}

/** Marks a token revoked; false when it was already revoked (or does not exist). */
export async function revokeTokenRow(db: Executor, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function selectDemoSession(
  db: Executor,
): Promise<{ tokenId: number; token: string } | undefined> {
  const row = await db
    .selectFrom('demo_session as s')
    .innerJoin('api_token as t', 't.id', 's.token_id')
    .select(['s.token_id', 's.token'])
    .where('t.revoked_at', 'is', null)
    .where('t.demo', '=', 1)
    .orderBy('s.token_id', 'desc')
    .executeTakeFirst()
  return row ? { tokenId: row.token_id, token: row.token } : undefined
}

export async function insertDemoSession(db: Executor, tokenId: number, token: string) {
  await db.insertInto('demo_session').values({ token_id: tokenId, token }).execute()
}

/** What is in the database besides demo rows: consortia and tokens not written by `serve --demo`. */
export async function countNonDemoRows(
  db: Executor,
): Promise<{ consortia: string[]; tokens: number }> {
  const consortia = await db
    .selectFrom('consortium')
    .select('name')
    .where('demo', '=', 0)
    .orderBy('id')
    .execute()
  const { n } = await db
    .selectFrom('api_token')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('demo', '=', 0)
    .executeTakeFirstOrThrow()
  return { consortia: consortia.map((c) => c.name), tokens: Number(n) }
}
