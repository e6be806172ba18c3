/**
 * The installed CLI: a real bin at the repository root, built code (no TypeScript loader at run time), and
 * commands that load only their own dependencies (the built chunks' static imports, from esbuild's metafile).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const root = join(import.meta.dirname, '..', '..')
const dist = join(root, 'packages/api/dist')

interface Metafile {
  outputs: Record<
    string,
    { imports: Array<{ path: string; kind: string }>; inputs: Record<string, unknown> }
  >
}
const meta = (): Metafile => JSON.parse(readFileSync(join(dist, 'meta.json'), 'utf8')) as Metafile

/** Every module loaded before any dynamic import runs: the static closure of one built chunk. */
function staticClosure(m: Metafile, start: string): Set<string> {
  const seen = new Set<string>()
  const visit = (path: string) => {
    if (seen.has(path)) return
    seen.add(path)
    for (const i of m.outputs[path]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path)
  }
  visit(start)
  return seen
}

const chunkOf = (m: Metafile, command: string) => {
  const name = Object.keys(m.outputs).find((k) =>
    new RegExp(
      `^packages/api/dist/${command}-[A-Z0-9]+\\.js$|dist/${command}-[A-Z0-9]+\\.js$`,
    ).test(k),
  )
  if (!name) throw new Error(`no chunk for ${command}`)
  return name
}

describe('installed CLI', () => {
  it('node_modules/.bin/warikan at the root runs the built CLI', () => {
    const bin = join(root, 'node_modules', '.bin', 'warikan')
    expect(existsSync(bin)).toBe(true)
    const r = spawnSync(bin, ['--help'], { encoding: 'utf8', cwd: root })
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^warikan — /)
    expect(r.stdout).toContain('allocate')
    expect(r.stderr).toBe('')
  })

  it('ships the traffic worker built next to the chunks', () => {
    expect(existsSync(join(dist, 'traffic-worker.js'))).toBe(true)
    expect(existsSync(join(dist, 'cli.js'))).toBe(true)
  })

  it('--help loads no command and no npm package', () => {
    const m = meta()
    const entry = Object.keys(m.outputs).find((k) => k.endsWith('dist/cli.js'))!
    const loaded = staticClosure(m, entry)
    const external = [...loaded].filter((p) => !p.includes('dist/'))
    expect(external.filter((p) => !p.startsWith('node:'))).toEqual([])
    expect([...loaded].some((p) => /dist\/(allocate|serve|db)-/.test(p))).toBe(false)
  })

  it('allocate loads neither the database, the HTTP server nor pg', () => {
    const m = meta()
    const loaded = [...staticClosure(m, chunkOf(m, 'allocate'))]
    for (const pkg of ['better-sqlite3', 'pg', 'kysely', 'hono', 'exceljs', 'mathjs'])
      expect(loaded.filter((p) => p === pkg || p.startsWith(`${pkg}/`))).toEqual([])
    const sources = loaded.flatMap((path) => Object.keys(m.outputs[path]?.inputs ?? {}))
    expect(sources).toContain('src/cli/commands/allocate.ts')
    expect(sources.some((s) => /node_modules\/.*(hono|kysely)\//.test(s))).toBe(false)
    expect(sources.some((s) => s.includes('packages/api/src/db/'))).toBe(false)
  })

  it('an unknown command: exit 2, usage on stderr, nothing on stdout', async () => {
    const r = await cli(['no-such-command'])
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('不明なコマンド "no-such-command"')
  })

  it('a command’s --help loads it and prints its usage', async () => {
    const r = await cli(['network', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^usage: warikan network <topology\.json>/)
  })
})
