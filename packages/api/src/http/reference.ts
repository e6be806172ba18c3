/**
 * `/reference`: the interactive API reference (Swagger UI) for the OpenAPI document at /doc, served wholly
 * from this server — Swagger UI's browser bundle and stylesheet come from the installed swagger-ui-dist
 * package, the start-up script is a file of ours (no inline script, so a Content-Security-Policy of
 * `script-src 'self'` holds), and nothing is fetched from another host (LGWAN PCs have no internet).
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { AppEnv } from './app-env'

const PAGE = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Warikan API リファレンス (API reference)</title>
<link rel="stylesheet" href="/reference/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/reference/assets/swagger-ui-bundle.js"></script>
<script src="/reference/assets/start.js"></script>
</body>
</html>
`

// validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io for a badge
const START = `SwaggerUIBundle({ url: '/doc', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null })\n`

const ASSETS: Record<string, { file?: string; text?: string; type: string }> = {
  'swagger-ui.css': { file: 'swagger-ui.css', type: 'text/css; charset=utf-8' },
  'swagger-ui-bundle.js': { file: 'swagger-ui-bundle.js', type: 'text/javascript; charset=utf-8' },
  'start.js': { text: START, type: 'text/javascript; charset=utf-8' },
}

export function registerReferenceRoutes(app: OpenAPIHono<AppEnv>): void {
  const loaded = new Map<string, string>()
  let dir: string | undefined
  const read = (name: string, asset: { file?: string; text?: string }) => {
    let body = loaded.get(name)
    if (body === undefined) {
      dir ??= dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))
      body = asset.text ?? readFileSync(join(dir, asset.file!), 'utf8')
      loaded.set(name, body)
    }
    return body
  }
  app.get('/reference', (c) => c.html(PAGE))
  app.get('/reference/assets/:name', (c) => {
    const name = c.req.param('name')
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined
    if (!asset) return c.notFound()
    return c.body(read(name, asset), 200, {
      'Content-Type': asset.type,
      'Cache-Control': 'public, max-age=3600',
    })
  })
}
