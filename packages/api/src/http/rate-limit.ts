/** Rate limit per token: a fixed one-minute window per token id; 429 with Retry-After when exceeded. */
import type { MiddlewareHandler } from 'hono'
import { ApiError } from './api-error'
import type { AppEnv } from './app-env'

export function rateLimitPerToken(
  perMinute: number,
  now: () => number = Date.now,
): MiddlewareHandler<AppEnv> {
  const windows = new Map<number, { start: number; count: number }>()
  return async (c, next) => {
    const principal = c.get('principal')
    if (!principal) return next()
    const t = now()
    let w = windows.get(principal.tokenId)
    if (!w || t - w.start >= 60_000) {
      if (windows.size > 10_000) windows.clear()
      w = { start: t, count: 0 }
      windows.set(principal.tokenId, w)
    }
    w.count++
    if (w.count > perMinute) {
      c.header('Retry-After', String(Math.ceil((w.start + 60_000 - t) / 1000)))
      throw new ApiError(
        'rate_limited',
        `リクエストが多すぎます: 1分あたり ${perMinute} 回まで (rate limited)`,
      )
    }
    return next()
  }
}
