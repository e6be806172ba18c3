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
  revokeTokenRow,
  selectTokens,
  type ActiveToken,
  type TokenRecord,
} from './auth.repository'

export type { TokenRecord } from './auth.repository'
import type { Principal, Role } from './roles'
import { hashToken, newToken } from './token-hash'

export interface CreateTokenInput {
  /** consortium name or numeric id; a name that does not exist yet creates the consortium */
  consortium: string | number
  role: Role
  memberCode?: string | undefined
  name?: string | undefined
  /** `90d`, `30`, `2027-03-31`, an ISO instant, or `never`; default DEFAULT_TOKEN_DAYS days */
  expires?: string | undefined
}

/** New tokens expire after this many days unless told otherwise. */
export const DEFAULT_TOKEN_DAYS = 90
const MAX_TOKEN_DAYS = 3650

/**
 * Reads a token lifetime: `N` or `Nd` days (1–3650), a date `YYYY-MM-DD` (the token works through the end
 * of that day, Japan time), an ISO instant, or `never`. Returns the expiry instant (ISO), null for never.
 */
export function parseExpiry(
  text: string | undefined,
  now: Date = new Date(),
): { ok: true; expiresAt: string | null } | { ok: false; message: string } {
  const t = (text ?? `${DEFAULT_TOKEN_DAYS}d`).trim()
  if (t === 'never') return { ok: true, expiresAt: null }
  const days = /^(\d{1,4})d?$/.exec(t)
  if (days) {
    const n = Number(days[1])
    if (n < 1 || n > MAX_TOKEN_DAYS)
      return { ok: false, message: `有効期限は 1〜${MAX_TOKEN_DAYS} 日です (got ${t})` }
    return { ok: true, expiresAt: new Date(now.getTime() + n * 86_400_000).toISOString() }
  }
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
  let at: Date | undefined
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])]
    const probe = new Date(Date.UTC(y, m - 1, d))
    if (probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d)
      at = new Date(Date.UTC(y, m - 1, d + 1) - 9 * 3_600_000) // end of the day in JST (UTC+9)
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(t)) {
    const probe = new Date(t)
    if (!Number.isNaN(probe.getTime())) at = probe
  }
  if (!at)
    return {
      ok: false,
      message: `有効期限 "${t}" が読めません: 日数 (90d)、日付 (2027-03-31) または never (invalid expiry)`,
    }
  if (at.getTime() <= now.getTime())
    return { ok: false, message: `有効期限 ${t} は過去です (expiry is in the past)` }
  if (at.getTime() > now.getTime() + MAX_TOKEN_DAYS * 86_400_000)
    return { ok: false, message: `有効期限は ${MAX_TOKEN_DAYS} 日以内です (expiry too far)` }
  return { ok: true, expiresAt: at.toISOString() }
}

export type CreateTokenResult =
  | {
      ok: true
      /** shown once; only its hash is stored */
      token: string
      tokenId: number
      consortiumId: number
      consortiumCreated: boolean
      /** ISO instant; null = never */
      expiresAt: string | null
    }
  | { ok: false; field: 'consortium' | 'member' | 'name' | 'expires'; message: string }

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
  const expiry = parseExpiry(input.expires)
  if (!expiry.ok) return { ok: false, field: 'expires', message: expiry.message }
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
    const tokenId = await insertToken(trx, name, hashToken(token), [grant], {
      expiresAt: expiry.expiresAt,
    })
    await recordAudit(trx, actor, {
      consortiumId,
      scenarioId: null,
      action: 'token.create',
      target: `token:${tokenId}`,
      after: { tokenId, name, ...grant, expiresAt: expiry.expiresAt },
    })
    return {
      ok: true,
      token,
      tokenId,
      consortiumId,
      consortiumCreated,
      expiresAt: expiry.expiresAt,
    } as const
  })
}

/** The tokens holding a role in a consortium (all tokens when undefined); never the tokens themselves. */
export const listApiTokens = (
  db: Kysely<Database>,
  consortiumId?: number,
): Promise<TokenRecord[]> => selectTokens(db, consortiumId)

/** A token's state now: revoked, expired, or active. */
export const tokenStatus = (t: TokenRecord, now = Date.now()): 'active' | 'expired' | 'revoked' =>
  t.revokedAt !== null
    ? 'revoked'
    : t.expiresAt !== null && Date.parse(t.expiresAt) <= now
      ? 'expired'
      : 'active'

export type RevokeResult =
  { ok: true; token: TokenRecord } | { ok: false; reason: 'not_found' | 'already_revoked' | 'demo' }

/**
 * Revokes a token (it stops working at once in this process, within one request elsewhere on SQLite and
 * within the authenticator's cache time on PostgreSQL). With `consortiumId`, only a token holding a role
 * in that consortium is found. The audit entry shares the transaction. The demo's own token is not revoked: the
 * demo page runs on it (`serve --demo` hands out the same token again), so revoking it would only lock the demo out.
 */
export async function revokeApiToken(
  db: Kysely<Database>,
  tokenId: number,
  actor: Actor,
  consortiumId?: number,
): Promise<RevokeResult> {
  return db.transaction().execute(async (trx) => {
    const token = (await selectTokens(trx, consortiumId)).find((t) => t.id === tokenId)
    if (!token) return { ok: false, reason: 'not_found' } as const
    if (token.revokedAt !== null) return { ok: false, reason: 'already_revoked' } as const
    if (token.demo) return { ok: false, reason: 'demo' } as const
    const at = new Date().toISOString()
    if (!(await revokeTokenRow(trx, tokenId, at)))
      return { ok: false, reason: 'already_revoked' } as const
    await recordAudit(trx, actor, {
      consortiumId: consortiumId ?? token.roles[0]?.consortiumId ?? null,
      scenarioId: null,
      action: 'token.revoke',
      target: `token:${tokenId}`,
      before: { tokenId, name: token.name, revokedAt: null },
      after: { tokenId, name: token.name, revokedAt: at },
    })
    return { ok: true, token: { ...token, revokedAt: at } } as const
  })
}

export interface AuthenticatorOptions {
  /** the server runs with --demo: demo tokens are accepted (otherwise they never are) */
  demo?: boolean
  /** SQLite change token: a cached lookup is reused only while the database is unchanged */
  changeToken?: (() => string) | undefined
  ttlMs?: number
  now?: () => number
}

/**
 * Looks a bearer token up by its hash. A short cache keeps the hot path (the load test: 200 connections)
 * off the database; entries live a few seconds (on SQLite only while no write happened), so a revoked
 * token stops working quickly; an expired token stops at its instant; a demo token works only in demo mode.
 */
export function tokenAuthenticator(db: Kysely<Database>, options: AuthenticatorOptions = {}) {
  const ttlMs = options.ttlMs ?? 5_000
  const now = options.now ?? Date.now
  const cache = new Map<
    string,
    { at: number; version: string; found: ActiveToken | undefined; expires: number }
  >()
  const accept = (found: ActiveToken | undefined, expires: number, t: number) =>
    found && t < expires && (!found.demo || options.demo === true) ? found.principal : undefined
  const authenticate = async (token: string): Promise<Principal | undefined> => {
    const hash = hashToken(token)
    const t = now()
    const version = options.changeToken?.() ?? ''
    const hit = cache.get(hash)
    if (hit && t - hit.at < ttlMs && hit.version === version)
      return accept(hit.found, hit.expires, t)
    const found = await findPrincipalByHash(db, hash)
    const expires = found?.expiresAt ? Date.parse(found.expiresAt) : Infinity
    if (cache.size > 10_000) cache.clear()
    cache.set(hash, { at: t, version, found, expires })
    return accept(found, expires, t)
  }
  /** drops every cached lookup (after a revocation through this process) */
  authenticate.forget = () => cache.clear()
  return authenticate
}
