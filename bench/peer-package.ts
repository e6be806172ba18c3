/**
 * Benchmark peers (DuckDB …) are not part of the default install: a benchmark that needs one installs it
 * on first use with npm into its own folder under the system temp directory, kept for later runs.
 * Returns that folder — run the peer's script with it as the working directory so the import resolves.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function peerPackage(name: string, version: string): string {
  const dir = join(tmpdir(), 'warikan-bench-peers', `${name.replace(/[@/]/g, '_')}-${version}`)
  if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return dir
  mkdirSync(dir, { recursive: true })
  process.stderr.write(`installing benchmark peer ${name}@${version} into ${dir} …\n`)
  const r = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      dir,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${name}@${version}`,
    ],
    { stdio: 'inherit' },
  )
  if (r.status !== 0) throw new Error(`npm install ${name}@${version} failed (status ${r.status})`)
  return dir
}
