/** The one onError, the one notFound and the one validation hook shared by every route. */
import type { Hook } from '@hono/zod-openapi'
import { formatPath } from '@warikan/core'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ApiError, lastSegment } from './api-error'

/**
 * Database states that pass: the SQLite database locked by another writer beyond the busy timeout, or the
 * disk full (SQLite or PostgreSQL). The transaction rolled back, so nothing changed: 503 with Retry-After.
 */
const BUSY_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_BUSY_RECOVERY',
  'SQLITE_LOCKED',
  'SQLITE_LOCKED_SHAREDCACHE',
  '55P03',
  '40001',
  '40P01',
])
const FULL_CODES = new Set(['SQLITE_FULL', '53100'])
export const RETRY_AFTER_SECONDS = 5

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code === 'string' && BUSY_CODES.has(code))
    return new ApiError(
      'unavailable',
      'データベースが他の書き込みで使用中です。しばらくして再試行してください — 何も変更していません (database busy; nothing changed)',
    )
  if (typeof code === 'string' && FULL_CODES.has(code))
    return new ApiError(
      'unavailable',
      'ディスクの空きがありません。管理者に連絡してください — 何も変更していません (disk full; nothing changed)',
    )
  if (err instanceof HTTPException) {
    if (err.status === 413)
      return new ApiError('payload_too_large', '送信データが大きすぎます (payload too large)')
    if (err.status === 504 || err.status === 503)
      return new ApiError('timeout', '処理が時間内に終わりませんでした (request timed out)')
    if (err.status === 401) return new ApiError('unauthorized', err.message || 'unauthorized')
    if (err.status === 400) return new ApiError('bad_request', err.message || 'bad request')
  }
  return new ApiError('internal', 'サーバー内部エラー (internal error)')
}

export function onError(log: (line: string) => void) {
  return (err: Error, c: Context) => {
    const apiError = toApiError(err)
    if (apiError.code === 'internal')
      log(`internal error on ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`)
    if (apiError.code === 'unavailable') {
      log(`unavailable on ${c.req.method} ${c.req.path}: ${err.message}`)
      c.header('Retry-After', String(RETRY_AFTER_SECONDS))
    }
    return c.json(apiError.toJSON(), apiError.status)
  }
}

export const notFoundHandler = (c: Context) =>
  c.json(new ApiError('not_found', `${c.req.path} はありません (no such route)`).toJSON(), 404)

/** zod failures on params, query or body → 422 with one detail per issue, each with its field path. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook is shared by every route
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (result.success) return
  const details = result.error.issues.map((i) => {
    const inner = formatPath(i.path)
    const path =
      result.target === 'json' ? inner : inner ? `${result.target}.${inner}` : result.target
    return { path, field: lastSegment(path), message: i.message }
  })
  // a path that does not name an id (`/api/scenarios/0x10`, `%201`) names nothing: 404, never another id
  if (result.target === 'param')
    throw new ApiError(
      'not_found',
      'その URL のものはありません (no such resource: bad id)',
      details,
    )
  throw new ApiError('validation', '入力が正しくありません (validation failed)', details)
}
