/**
 * The peer of the API load test: a minimal Hono app on the same Node adapter that answers every GET with
 * fixed bytes and the same response headers as the real server. No auth, no database, no routing beyond one
 * wildcard: the framework and HTTP floor. Started by bench/api-load.ts with the body file as its argument.
 */
import { readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { API_HEADERS } from '../packages/api/src/http/api-headers'

const body = new Uint8Array(readFileSync(process.argv[2]!))
const headers: Record<string, string> = Object.fromEntries(API_HEADERS)
headers['Content-Type'] = 'application/json'

const app = new Hono()
app.get('*', () => new Response(body, { status: 200, headers }))
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
  process.stderr.write(`peer: http://127.0.0.1:${info.port}/\n`),
)
