/**
 * Where the repository's files are at run time, from the TypeScript sources (src/…) and from the built CLI
 * (dist/…) alike: found from the @warikan/api package folder, the nearest one above this module holding a
 * package.json (bundling moves this code to another depth, so no fixed `../../..`).
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}

/** packages/api */
export const API_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)))
/** the repository root (the workspace) */
export const REPO_ROOT = join(API_ROOT, '..', '..')
/** the built web app */
export const WEB_DIST = join(REPO_ROOT, 'packages', 'web', 'dist')
/** a file under fixtures/ */
export const fixturePath = (name: string): string => join(REPO_ROOT, 'fixtures', name)
