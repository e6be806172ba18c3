/** The Node server: the API, the built web app from packages/web/dist (index.html fallback), request log. */
import { existsSync } from 'node:fs'
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { relative } from 'node:path'
import { getRequestListener, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { createApp, type CreateAppOptions } from './app'
import { API_HEADERS, isApiPath } from './http/api-headers'
import type { AppEnv } from './http/app-env'
import { WEB_DIST } from './paths'

/** Serves a built single-page app at / with index.html for unknown non-API paths. */
export function mountWebApp(app: OpenAPIHono<AppEnv>, dir: string): boolean {
  if (!existsSync(`${dir}/index.html`)) return false
  const root = relative(process.cwd(), dir) || '.'
  const reserved = (p: string) =>
    p.startsWith('/api/') || p === '/api' || p === '/doc' || p === '/reference'
  const files = serveStatic({ root })
  const index = serveStatic({ root, path: 'index.html' })
  app.get('*', (c, next) => (reserved(c.req.path) ? next() : files(c, next)))
  app.get('*', (c, next) => (reserved(c.req.path) ? next() : index(c, next)))
  return true
}

/** The path of a request target: origin-form (`/api/…`) or, rarely, absolute-form (`http://host/api/…`). */
function pathOf(target: string): string {
  if (target.startsWith('/')) return target
  try {
    return new URL(target).pathname
  } catch {
    return target
  }
}

/** Writes API_HEADERS on API responses before Hono handles the request (the app leaves them out). */
function withApiHeaders(listener: RequestListener): RequestListener {
  return (req, res) => {
    if (isApiPath(pathOf(req.url ?? '/')))
      for (const [name, value] of API_HEADERS) res.setHeader(name, value)
    listener(req, res)
  }
}

export interface StartOptions extends CreateAppOptions {
  port: number
  host: string
  webDir?: string
}

export interface RunningServer {
  server: ServerType
  url: string
  close: () => Promise<void>
}

export function startServer(options: StartOptions): Promise<RunningServer> {
  const app = createApp({ accessLog: true, ...options, apiHeadersSetByServer: true })
  mountWebApp(app, options.webDir ?? WEB_DIST)
  // @hono/node-server's listener on our own http server, so API headers can be written first.
  const server = createServer(
    withApiHeaders(getRequestListener(app.fetch, { hostname: options.host })),
  )
  return new Promise((resolve) => {
    server.listen(options.port, options.host, () => {
      const info = server.address() as AddressInfo
      const url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`
      resolve({
        server,
        url,
        close: () => new Promise<void>((done) => server.close(() => done())),
      })
    })
    // Slow clients cannot hold a connection forever; uploads are streamed and may take long.
    server.requestTimeout = 0
    server.headersTimeout = 60_000
  })
}
