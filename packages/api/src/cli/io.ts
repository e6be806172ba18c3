/** Reading input files for the CLI, with errors that name the file. */
import { readFileSync } from 'node:fs'
import { parseScenario, type Scenario } from '@warikan/core'
import { decodeStrictJson } from '../input/strict-json'
import { CliError, InputError } from './errors'

/**
 * Reads a JSON input file strictly (input/strict-json.ts): invalid UTF-8 names its byte offset, malformed
 * JSON its line and column; NUL, lone surrogates, unsafe integers and too deep nesting are refused.
 */
export function readJsonFile(file: string): unknown {
  let bytes: Uint8Array
  try {
    bytes = readFileSync(file)
  } catch (e) {
    throw new CliError(`${file}: 読み込めません (cannot read): ${(e as Error).message}`, 2)
  }
  const decoded = decodeStrictJson(bytes)
  if (decoded.ok) return decoded.value
  const p = decoded.problem
  switch (p.kind) {
    case 'encoding':
      throw new InputError(file, [{ path: `byte ${p.offset}`, message: p.message }])
    case 'syntax':
    case 'depth':
      throw new InputError(file, [
        {
          path: p.line === undefined ? '(root)' : `line ${p.line}, column ${p.column ?? 0}`,
          message: p.message,
        },
      ])
    case 'value':
      throw new InputError(file, p.issues)
  }
}

/** Read and validate a scenario file; returns the parsed scenario and the raw document. */
export function readScenarioFile(file: string): { scenario: Scenario; document: unknown } {
  const document = readJsonFile(file)
  const parsed = parseScenario(document)
  if (!parsed.ok) throw new InputError(file, parsed.issues)
  return { scenario: parsed.value, document }
}
