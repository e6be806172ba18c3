/** Bearer-token authentication: no or unknown token → 401. Roles are checked per route (403). */
import type { MiddlewareHandler } from 'hono'
import type { Principal } from '../auth/roles'
import { ApiError } from './api-error'
import type { AppEnv } from './app-env'

export function requireToken(
  authenticate: (token: string) => Promise<Principal | undefined>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? ''
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (!m) {
      c.header('WWW-Authenticate', 'Bearer')
      throw new ApiError('unauthorized', 'トークンが必要です (missing bearer token)')
    }
    const principal = await authenticate(m[1]!)
    if (!principal) {
      c.header('WWW-Authenticate', 'Bearer error="invalid_token"')
      throw new ApiError('unauthorized', 'トークンが無効です (invalid token)')
    }
    c.set('principal', principal)
    return next()
  }
}
