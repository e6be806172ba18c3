/** The Node server: the API, the built web app from packages/web/dist (index.html fallback), request log. */
import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve, type ServerType } from '@hono/node-server'
import { serveStatic } from '@hono/node-server/serve-static'
import type { OpenAPIHono } from '@hono/zod-openapi'
import { createApp, type CreateAppOptions } from './app'
import type { AppEnv } from './http/app-env'

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url))

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
  const app = createApp({ accessLog: true, ...options })
  mountWebApp(app, options.webDir ?? WEB_DIST)
  return new Promise((resolve) => {
    const server = serve(
      { fetch: app.fetch, port: options.port, hostname: options.host },
      (info: AddressInfo) => {
        const url = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`
        resolve({
          server,
          url,
          close: () => new Promise<void>((done) => server.close(() => done())),
        })
      },
    )
    // Slow clients cannot hold a connection forever; uploads are streamed and may take long.
    if ('requestTimeout' in server) server.requestTimeout = 0
    if ('headersTimeout' in server) server.headersTimeout = 60_000
  })
}
