/**
 * JSON bodies decoded strictly before any route reads them (input/strict-json.ts): a body on a JSON route
 * must say `Content-Type: application/json` (else 415); invalid UTF-8, malformed JSON or nesting deeper than
 * the limit is 400 naming the byte offset or line; NUL, lone surrogates and unsafe integers are 422 with
 * their field paths. Query values with NUL or lone surrogates are 400. Nothing reaches a service otherwise.
 */
import type { MiddlewareHandler } from 'hono'
import { decodeStrictJson, stringProblem } from '../input/strict-json'
import { ApiError } from './api-error'
import type { AppEnv } from './app-env'

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i

export function strictJsonBodies(options: {
  /** routes that take another body (the traffic upload) */
  exempt: (path: string) => boolean
  maxDepth?: number
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = c.req.url
    if (url.includes('?')) {
      for (const [name, values] of Object.entries(c.req.queries())) {
        for (const v of [name, ...values]) {
          const p = stringProblem(v)
          if (p)
            throw new ApiError('bad_request', `クエリ ${name}: ${p}`, [
              { path: `query.${name}`, field: name, message: p },
            ])
        }
      }
    }
    const method = c.req.method
    if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS')
      return next()
    if (options.exempt(c.req.path)) return next()
    const type = c.req.header('content-type')
    const length = c.req.header('content-length')
    if (type === undefined && (length === undefined || length === '0')) return next()
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.byteLength === 0) return next()
    if (type === undefined || !JSON_TYPE.test(type.trim()))
      throw new ApiError(
        'unsupported_media_type',
        `Content-Type は application/json (UTF-8) です (got ${type === undefined ? 'none' : JSON.stringify(type)})`,
      )
    const decoded = decodeStrictJson(bytes, { maxDepth: options.maxDepth })
    if (!decoded.ok) {
      const p = decoded.problem
      if (p.kind === 'value')
        throw new ApiError(
          'validation',
          `${p.message}: ${p.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
          p.issues.map((i) => ({ path: i.path, message: i.message })),
        )
      if (p.kind === 'encoding')
        throw new ApiError('bad_request', p.message, [
          { path: `body[${p.offset}]`, message: p.message },
        ])
      const where = p.line === undefined ? '' : `line ${p.line}, column ${p.column ?? 0}: `
      throw new ApiError('bad_request', `${where}${p.message}`, [
        { ...(p.line === undefined ? {} : { line: p.line }), message: p.message },
      ])
    }
    // the routes' validators read the checked text (c.req.json() parses bodyCache.text)
    ;(c.req.bodyCache as Record<string, unknown>)['text'] = Promise.resolve(decoded.text)
    return next()
  }
}
