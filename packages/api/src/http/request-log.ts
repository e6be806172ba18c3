/**
 * Access log: method, path (never the query string or headers, so never a token), status, milliseconds.
 * Lines are batched and flushed every 100 ms (or at 200 lines): a synchronous stderr write per request
 * would cost more than serving a cached allocation.
 */
import type { MiddlewareHandler } from 'hono'

export function requestLog(log: (line: string) => void): MiddlewareHandler {
  let pending: string[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    timer = undefined
    if (!pending.length) return
    const lines = pending
    pending = []
    log(lines.join('\n'))
  }
  return async (c, next) => {
    const started = performance.now()
    await next()
    pending.push(
      `${c.req.method} ${c.req.path} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
    )
    if (pending.length >= 200) flush()
    else timer ??= setTimeout(flush, 100)
  }
}
