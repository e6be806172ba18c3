/** Reading input files for the CLI, with errors that name the file. */
import { readFileSync } from 'node:fs'
import { parseScenario, type Scenario } from '@warikan/core'
import { CliError, InputError } from './errors'

export function readJsonFile(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    throw new CliError(`${file}: 読み込めません (cannot read): ${(e as Error).message}`, 2)
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new InputError(file, [
      {
        path: jsonErrorPosition(text, e as Error),
        message: `JSON の構文エラー (malformed JSON): ${(e as Error).message}`,
      },
    ])
  }
}

function jsonErrorPosition(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message)
  if (!m) return '(root)'
  const pos = Number(m[1])
  const before = text.slice(0, pos)
  const line = before.split('\n').length
  const column = pos - before.lastIndexOf('\n')
  return `line ${line}, column ${column}`
}

/** Read and validate a scenario file; returns the parsed scenario and the raw document. */
export function readScenarioFile(file: string): { scenario: Scenario; document: unknown } {
  const document = readJsonFile(file)
  const parsed = parseScenario(document)
  if (!parsed.ok) throw new InputError(file, parsed.issues)
  return { scenario: parsed.value, document }
}
