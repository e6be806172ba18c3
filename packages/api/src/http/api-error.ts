/** The one API error type: a string-literal code, an HTTP status, and `{ error: { code, message, details } }`. */
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export type ApiErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'duplicate'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation'
  | 'rate_limited'
  | 'internal'
  | 'timeout'
  | 'request_timeout'
  | 'unavailable'

const STATUS: Record<ApiErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation: 422,
  rate_limited: 429,
  internal: 500,
  timeout: 504,
  request_timeout: 408,
  unavailable: 503,
}

/** One problem in the input: a JSON path (`members.3.population`) or a CSV line, and the field. */
export interface ErrorDetail {
  path?: string
  file?: string
  line?: number
  field?: string
  message: string
}

export class ApiError extends Error {
  readonly status: ContentfulStatusCode
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = STATUS[code]
  }

  toJSON(): { error: { code: ApiErrorCode; message: string; details: ErrorDetail[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } }
  }
}

export const notFound = (what: string) =>
  new ApiError('not_found', `${what} が見つかりません (not found)`)
export const forbidden = () =>
  new ApiError('forbidden', 'この操作を行う権限がありません (forbidden for this role)')

/** Core input issues (`{ path, message }`) as error details; `field` is the last path segment. */
export const issueDetails = (issues: Array<{ path: string; message: string }>): ErrorDetail[] =>
  issues.map((i) => ({ path: i.path, field: lastSegment(i.path), message: i.message }))

export const lastSegment = (path: string): string => {
  const parts = path.split(/[.[\]]/).filter((s) => s !== '' && !/^\d+$/.test(s))
  return parts.at(-1) ?? path
}

/** 409 for a write made on a stale version (optimistic concurrency), the same words on every route. */
export const versionConflict = (currentVersion: number) =>
  new ApiError(
    'conflict',
    `他の人が先に保存しました。最新の版 ${currentVersion} を読み直してください (version conflict)`,
    [{ path: 'version', field: 'version', message: `current version is ${currentVersion}` }],
  )
