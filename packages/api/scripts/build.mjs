#!/usr/bin/env node
// Builds the installed `warikan` CLI: src/cli/main.ts and the traffic worker thread into packages/api/dist
// (ES modules, one chunk per lazily loaded command; npm dependencies stay in node_modules). Run by the root
// `postinstall` and `pnpm build`, and by the test setup, so the CLI the tests run is the one users run.
import { build } from 'esbuild'
import { rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outdir = join(root, 'dist')

/**
 * Loaded from node_modules at run time: native addons and CommonJS packages loaded through require (pg).
 * Everything else — the workspace's TypeScript, zod, hono, kysely — is bundled: one file per chunk loads
 * several times faster than the hundreds of small modules of zod alone.
 */
const external = ['better-sqlite3', 'pg', 'pg-*', 'exceljs']

export async function buildCli({ quiet = false } = {}) {
  const started = Date.now()
  rmSync(outdir, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      cli: 'src/cli/main.ts',
      // resolved at run time as ./traffic-worker.js next to the chunk that starts it (traffic-file-reader.ts)
      'traffic-worker': 'src/traffic/traffic-worker.ts',
      // likewise ./bill-worker.js (bills/bill-parallel.ts)
      'bill-worker': 'src/bills/bill-worker.ts',
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // every chunk in one folder, so relative URLs between them (the worker's) hold in any chunk
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    external,
    // bundled CommonJS code (if any) calls require: give it Node's
    banner: {
      js: "import { createRequire as __warikanRequire } from 'node:module'; const require = __warikanRequire(import.meta.url);",
    },
  })
  writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile))
  if (!quiet) process.stderr.write(`warikan CLI built: ${outdir} (${Date.now() - started} ms)\n`)
  return result.metafile
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli()
