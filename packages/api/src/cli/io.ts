/** Reading input files for the CLI, with errors that name the file. */
import { readFileSync } from 'node:fs'
import { locateJsonError, parseScenario, type Scenario } from '@warikan/core'
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
    const at = locateJsonError(text)
    const path = at ? `line ${at.line}, column ${at.column}` : '(root)'
    const detail = at?.message ?? (e as Error).message
    throw new InputError(file, [{ path, message: `JSON の構文エラー (malformed JSON): ${detail}` }])
  }
}

/** Read and validate a scenario file; returns the parsed scenario and the raw document. */
export function readScenarioFile(file: string): { scenario: Scenario; document: unknown } {
  const document = readJsonFile(file)
  const parsed = parseScenario(document)
  if (!parsed.ok) throw new InputError(file, parsed.issues)
  return { scenario: parsed.value, document }
}
