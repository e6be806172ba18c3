/**
 * The web client's types, generated from the API's own OpenAPI document (/doc), so the web and the server share
 * one contract: core type → route schema (zod) → /doc → packages/web/src/api-types.gen.ts → the typed client.
 *
 *   pnpm api-types          rewrite the file
 *   pnpm api-types --check  exit 1 when the file is not what /doc gives (a test does the same)
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import * as prettier from 'prettier'
import { createApp } from '../packages/api/src/app'
import { createDb } from '../packages/api/src/db/create-db'
import { readEnv } from '../packages/api/src/env'

export const API_TYPES_FILE = fileURLToPath(
  new URL('../packages/web/src/api-types.gen.ts', import.meta.url),
)

const HEADER = `/**
 * GENERATED from the API's OpenAPI document (/doc) by scripts/api-types.ts: do not edit.
 * Run \`pnpm api-types\` after changing a route's schema; a test fails while this file is stale.
 */
`

/**
 * The OpenAPI document exactly as GET /doc serves it in demo mode, the one mode that also has /api/demo/session
 * (no database is touched to build it).
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const handle = createDb({ file: ':memory:' })
  try {
    const app = createApp({
      db: handle.db,
      dialect: handle.dialect,
      env: readEnv({}),
      demo: { token: 'unused' },
    })
    const res = await app.request('/doc')
    if (!res.ok) throw new Error(`/doc answered ${res.status}`)
    return (await res.json()) as Record<string, unknown>
  } finally {
    await handle.close()
  }
}

/** The text of api-types.gen.ts for the current routes, formatted by the repo's prettier settings. */
export async function renderApiTypes(): Promise<string> {
  const doc = await openApiDocument()
  // openapi-typescript reads the document as given (`as never` only bridges its OpenAPI3 object type); a field
  // with a default stays optional, as the server reads it (defaultNonNullable: false)
  const ast = await openapiTS(doc as never, { alphabetize: true, defaultNonNullable: false })
  const options = (await prettier.resolveConfig(API_TYPES_FILE)) ?? {}
  return prettier.format(HEADER + astToString(ast), { ...options, filepath: API_TYPES_FILE })
}

async function main(): Promise<void> {
  const text = await renderApiTypes()
  if (process.argv.includes('--check')) {
    const current = readFileSync(API_TYPES_FILE, 'utf8')
    if (current !== text) {
      console.error(
        `${API_TYPES_FILE} は /doc と一致しません: pnpm api-types (stale generated types)`,
      )
      process.exit(1)
    }
    return
  }
  writeFileSync(API_TYPES_FILE, text)
  console.error(`wrote ${API_TYPES_FILE}`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
