/** A small, strict argument parser: positional args, `--flag value`, `--flag=value`, boolean flags. */
import { CliError } from './errors'

export interface ParsedArgs {
  positional: string[]
  /** repeated flags collect every value */
  flags: Map<string, string[]>
  booleans: Set<string>
}

export interface ArgSpec {
  /** flags that take a value */
  values?: string[]
  /** flags without a value */
  booleans?: string[]
}

export function parseArgs(argv: string[], spec: ArgSpec): ParsedArgs {
  const values = new Set(spec.values ?? [])
  const bools = new Set([...(spec.booleans ?? []), 'help'])
  const out: ParsedArgs = { positional: [], flags: new Map(), booleans: new Set() }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') {
      out.positional.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('--') || arg === '-') {
      out.positional.push(arg)
      continue
    }
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2)
    if (bools.has(name) && eq < 0) {
      out.booleans.add(name)
      continue
    }
    if (!values.has(name)) throw new CliError(`不明なオプション --${name} (unknown option)`, 2)
    let value: string | undefined
    if (eq > 0) value = arg.slice(eq + 1)
    else value = argv[++i]
    if (value === undefined) throw new CliError(`--${name} に値がありません (missing value)`, 2)
    const list = out.flags.get(name) ?? []
    list.push(value)
    out.flags.set(name, list)
    // `--traffic a.csv b.csv`: following non-flag words belong to a repeatable list flag
    if (eq < 0 && name === 'traffic') {
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) list.push(argv[++i]!)
    }
  }
  return out
}

export const flag = (a: ParsedArgs, name: string): string | undefined => a.flags.get(name)?.at(-1)
export const flagList = (a: ParsedArgs, name: string): string[] => a.flags.get(name) ?? []

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  name: string,
): T {
  if (value === undefined) return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new CliError(`--${name} は ${allowed.join(' | ')} のいずれかです (got "${value}")`, 2)
}
