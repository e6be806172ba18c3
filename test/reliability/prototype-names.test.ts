/**
 * Every Object.prototype name used where the scenario names a key — a metric, a cost id, a fixed share's
 * code — is refused with its field path (CLI exit 2, API 422), never stored, never a 500 / exit 70
 * (issue 15, finding 4).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'
import { testDatabases } from '../helpers/databases'
import { harness, type Harness } from '../api/api-harness'

const NAMES = Object.getOwnPropertyNames(Object.prototype)
const demo = () =>
  JSON.parse(readFileSync('fixtures/demo/kanagawa-2026.json', 'utf8')) as {
    members: Array<{ code: string; metrics?: Record<string, number> }>
    costs: Array<{ id: string; rule: Record<string, unknown>; members?: string[] }>
  }

/** The scenario text (JSON.stringify would drop an own `__proto__` key, so keys are spliced in as text). */
function variants(name: string): Array<{ label: string; text: string; path: RegExp }> {
  const out: Array<{ label: string; text: string; path: RegExp }> = []
  const key = JSON.stringify(name)
  // a metric named `name` on every member, used by a cost
  {
    const d = demo()
    d.members.forEach((m) => (m.metrics = { ...m.metrics, PLACEHOLDER: 10 }))
    d.costs[0]!.rule = { metric: { name, weight: 1 } }
    out.push({
      label: 'metric',
      text: JSON.stringify(d).replaceAll('"PLACEHOLDER"', key),
      path: /metric/,
    })
  }
  // a metric key alone (not used by any rule)
  {
    const d = demo()
    d.members[0]!.metrics = { ...d.members[0]!.metrics, PLACEHOLDER: 1 }
    out.push({
      label: 'metric key',
      text: JSON.stringify(d).replaceAll('"PLACEHOLDER"', key),
      path: /members\[0\]\.metrics/,
    })
  }
  // a cost id
  {
    const d = demo()
    d.costs[1]!.id = name
    out.push({ label: 'cost id', text: JSON.stringify(d), path: /costs\[1\]\.id/ })
  }
  // a fixed share keyed by the name next to a real participant
  {
    const d = demo()
    d.costs[0]!.rule = { fixed: { [d.members[0]!.code]: 0.5, PLACEHOLDER: 0.5 } }
    out.push({
      label: 'fixed key',
      text: JSON.stringify(d).replaceAll('"PLACEHOLDER"', key),
      path: /costs\[0\]\.rule\.fixed/,
    })
  }
  return out
}

const CASES = NAMES.flatMap((name) => variants(name).map((v) => ({ name, ...v })))

describe('Object.prototype names through the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warikan-proto-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each(CASES)(
    'allocate and db import refuse $label "$name"',
    async ({ name, label, text, path }) => {
      const file = join(dir, `${label.replace(' ', '-')}-${name}.json`)
      writeFileSync(file, text)
      const r = await cli(['allocate', file, '--format', 'json'])
      expect(r.code, r.stderr).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain(file)
      expect(r.stderr).toMatch(path)
      const db = join(dir, 'store.db')
      const imported = await cli(['db', 'import', file, '--db', db])
      expect(imported.code, imported.stderr).toBe(2)
      const list = await cli(['db', 'list', '--db', db])
      expect(list.stdout).not.toMatch(/^\s*\d+\s/m)
    },
  )
})

describe.each(testDatabases())('Object.prototype names through the API on $name', (database) => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(database)
  })
  afterAll(() => h.close())

  it.each(CASES)('POST /api/allocate and a save refuse $label "$name"', async ({ text, path }) => {
    const r = await h.request('POST', '/api/allocate', { token: h.tokens.member, body: text })
    expect(r.status, JSON.stringify(r.body)).toBe(422)
    expect(JSON.stringify(r.body.error.details)).toMatch(path)
    const save = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.editor,
      body: text,
    })
    expect(save.status).toBe(422)
    const list = await h.request('GET', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.admin,
    })
    expect(list.body).toHaveLength(1)
  })
})
