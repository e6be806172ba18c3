/**
 * Where a worker thread's code is. The built CLI ships each worker as `<name>.js` next to the chunk that starts
 * it (scripts/build.mjs puts every chunk in one folder). From the TypeScript sources (in-process tests) the
 * worker entry `<name>.ts` beside the caller is bundled once per process with esbuild (tsx's own dependency)
 * into one self-contained module, so a worker does not start a TypeScript loader of its own (≈ 100 MB and a
 * second each).
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The part of esbuild's API used here (esbuild is tsx's dependency, not ours, so no types). */
interface EsbuildApi {
  build(options: Record<string, unknown>): Promise<{ outputFiles: Array<{ text: string }> }>
}

const bundled = new Map<string, Promise<URL>>()

/** The URL to start worker `name` from, for a caller at `callerUrl` (its `import.meta.url`). */
export function workerModuleUrl(callerUrl: string, name: string): Promise<URL> {
  if (callerUrl.endsWith('.js')) return Promise.resolve(new URL(`./${name}.js`, callerUrl))
  const entry = fileURLToPath(new URL(`./${name}.ts`, callerUrl))
  let url = bundled.get(entry)
  if (!url) {
    url = bundle(entry)
    bundled.set(entry, url)
  }
  return url
}

async function bundle(entry: string): Promise<URL> {
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  const esbuild = createRequire(join(tsxRoot, 'package.json'))('esbuild') as EsbuildApi
  const out = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  })
  const code = out.outputFiles[0]!.text
  return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
}
