/** Access log: method, path (never the query string or headers, so never a token), status, milliseconds. */
import type { MiddlewareHandler } from 'hono'

export function requestLog(log: (line: string) => void): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now()
    await next()
    log(
      `${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
    )
  }
}
