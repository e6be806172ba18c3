/** API tokens: created with a role in one consortium, shown once, stored hashed; authentication by hash. */
import { isLocalGovCode } from '@warikan/core'
import type { Kysely } from 'kysely'
import { recordAudit, type Actor } from '../audit/audit.service'
import type { Database } from '../db/database'
import {
  findConsortiumById,
  findConsortiumByName,
  findPrincipalByHash,
  insertConsortium,
  insertToken,
} from './auth.repository'
import type { Principal, Role } from './roles'
import { hashToken, newToken } from './token-hash'

export interface CreateTokenInput {
  /** consortium name or numeric id; a name that does not exist yet creates the consortium */
  consortium: string | number
  role: Role
  memberCode?: string | undefined
  name?: string | undefined
}

export type CreateTokenResult =
  | {
      ok: true
      /** shown once; only its hash is stored */
      token: string
      tokenId: number
      consortiumId: number
      consortiumCreated: boolean
    }
  | { ok: false; field: 'consortium' | 'member' | 'name'; message: string }

export async function createApiToken(
  db: Kysely<Database>,
  input: CreateTokenInput,
  actor: Actor,
): Promise<CreateTokenResult> {
  if (input.role === 'member') {
    if (!input.memberCode)
      return {
        ok: false,
        field: 'member',
        message: 'member ロールには団体コードが必要です (--member CODE)',
      }
    if (!isLocalGovCode(input.memberCode))
      return {
        ok: false,
        field: 'member',
        message: `団体コード ${input.memberCode} が正しくありません (invalid code)`,
      }
  } else if (input.memberCode !== undefined) {
    return { ok: false, field: 'member', message: '団体コードは member ロールにのみ指定できます' }
  }
  const name = (
    input.name ?? `${input.role}${input.memberCode ? `-${input.memberCode}` : ''}`
  ).trim()
  if (!name || name.length > 200)
    return { ok: false, field: 'name', message: 'トークン名は 1〜200 文字です (name length)' }
  const token = newToken()
  return db.transaction().execute(async (trx) => {
    let consortiumCreated = false
    let consortiumId: number
    if (typeof input.consortium === 'number') {
      const found = await findConsortiumById(trx, input.consortium)
      if (!found)
        return {
          ok: false,
          field: 'consortium',
          message: `協議会 ${input.consortium} はありません (no such consortium)`,
        } as const
      consortiumId = found.id
    } else {
      const found = await findConsortiumByName(trx, input.consortium)
      if (found) consortiumId = found.id
      else {
        consortiumId = await insertConsortium(trx, input.consortium)
        consortiumCreated = true
      }
    }
    const grant = {
      consortiumId,
      role: input.role,
      ...(input.memberCode ? { memberCode: input.memberCode } : {}),
    }
    const tokenId = await insertToken(trx, name, hashToken(token), [grant])
    await recordAudit(trx, actor, {
      consortiumId,
      scenarioId: null,
      action: 'token.create',
      target: `token:${tokenId}`,
      after: { tokenId, name, ...grant },
    })
    return { ok: true, token, tokenId, consortiumId, consortiumCreated } as const
  })
}

/**
 * Looks a bearer token up by its hash. A short cache keeps the hot path (the load test: 200 connections)
 * off the database; entries live a few seconds so a revoked token stops working quickly.
 */
export function tokenAuthenticator(db: Kysely<Database>, ttlMs = 5_000) {
  const cache = new Map<string, { at: number; principal: Principal | undefined }>()
  return async (token: string): Promise<Principal | undefined> => {
    const hash = hashToken(token)
    const now = Date.now()
    const hit = cache.get(hash)
    if (hit && now - hit.at < ttlMs) return hit.principal
    const principal = await findPrincipalByHash(db, hash)
    if (cache.size > 10_000) cache.clear()
    cache.set(hash, { at: now, principal })
    return principal
  }
}
