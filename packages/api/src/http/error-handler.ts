/** The one onError, the one notFound and the one validation hook shared by every route. */
import type { Hook } from '@hono/zod-openapi'
import { formatPath } from '@warikan/core'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ApiError, lastSegment } from './api-error'

export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err
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
  throw new ApiError('validation', '入力が正しくありません (validation failed)', details)
}
