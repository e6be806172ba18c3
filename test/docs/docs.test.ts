/**
 * The docs a newcomer's clone has: every Markdown link in README.md and docs/ points at a file inside the
 * repository (no web links, nothing outside it), and the examples of docs/formats/ are files the installed CLI
 * accepts, with the results the pages state.
 */
import { mkdtempSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli'

const root = resolve(import.meta.dirname, '..', '..')
const markdown = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? markdown(join(dir, e.name))
      : e.name.endsWith('.md')
        ? [join(dir, e.name)]
        : [],
  )
const pages = [join(root, 'README.md'), ...markdown(join(root, 'docs'))]
const read = (page: string) => readFileSync(page, 'utf8')

/** The code blocks of one language in a page, in order. */
const blocks = (page: string, lang: string) =>
  [...read(page).matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!)

describe('docs', () => {
  it.each(pages.map((p) => [relative(root, p)]))(
    '%s links only to files in the repository',
    (rel) => {
      const page = join(root, rel)
      const targets = [...read(page).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!)
      for (const target of targets) {
        expect(target, `${rel}: ${target}`).not.toMatch(/^[a-z]+:/i)
        const file = resolve(dirname(page), target.split('#')[0]!)
        expect(
          relative(root, file).startsWith('..'),
          `${rel}: ${target} leaves the repository`,
        ).toBe(false)
        expect(existsSync(file), `${rel}: ${target} does not exist`).toBe(true)
      }
    },
  )

  it('every input format has its page, linked from the README', () => {
    const readme = read(join(root, 'README.md'))
    for (const name of ['scenario', 'traffic-log', 'topology', 'patterns'])
      expect(readme).toContain(`docs/formats/${name}.md`)
  })

  it('the examples of docs/formats run through the CLI with the stated results', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'warikan-docs-'))
    const save = (name: string, text: string) => {
      const file = join(dir, name)
      writeFileSync(file, text)
      return file
    }
    const formats = join(root, 'docs', 'formats')
    const log = save('log.csv', blocks(join(formats, 'traffic-log.md'), 'csv')[0]!)
    const traffic = await cli(['traffic', log, '--format', 'json'])
    expect(traffic.code).toBe(0)
    expect(JSON.parse(traffic.stdout)).toEqual(
      JSON.parse(blocks(join(formats, 'traffic-log.md'), 'json')[0]!),
    )
    const japanese = save('log-ja.csv', blocks(join(formats, 'traffic-log.md'), 'csv')[1]!)
    expect((await cli(['traffic', japanese])).code).toBe(0)

    const [scenarioDoc, outputDoc] = blocks(join(formats, 'scenario.md'), 'json')
    const scenario = save('scenario.json', scenarioDoc!)
    const allocation = await cli(['allocate', scenario, '--traffic', log, '--format', 'json'])
    expect(allocation.code).toBe(0)
    const got = JSON.parse(allocation.stdout) as { total: number; members: unknown[] }
    const shown = JSON.parse(outputDoc!) as { total: number; members: unknown[] }
    expect(got.total).toBe(shown.total)
    expect(got.members[0]).toEqual(shown.members[0])

    const topology = save('topology.json', blocks(join(formats, 'topology.md'), 'json')[0]!)
    const network = await cli(['network', topology, '--format', 'json'])
    expect(network.code).toBe(0)
    const findings = (
      JSON.parse(network.stdout) as { findings: Array<{ rule: string; path: string[] }> }
    ).findings
    expect(findings.map((f) => [f.rule, f.path.join(' → ')])).toEqual([
      ['NET-004', 'dc-kikan → town-joho'],
    ])

    const patterns = save('patterns.json', blocks(join(formats, 'patterns.md'), 'json')[0]!)
    const compared = await cli(['patterns', patterns])
    expect(compared.code).toBe(0)
    expect(compared.stdout).toContain('同一業務統合型')
  })
})
