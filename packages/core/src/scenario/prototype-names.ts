/**
 * Names a scenario must not use for a key it names itself (a metric, a cost id, a fixed share's code):
 * every property name of Object.prototype (`constructor`, `toString`, `__proto__` …). Looked up on a plain
 * object they find the prototype's value, and `__proto__` is silently dropped by the schema, so they are
 * refused at the boundary with their field path.
 */
import type { InputIssue } from './issues'
import { formatPath } from './issues'

export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype),
)

export const isPrototypeName = (name: string): boolean => PROTOTYPE_NAMES.has(name)

export const prototypeNameMessage = (name: string): string =>
  `"${name}" は名前に使えません (reserved name: a property of every JavaScript object)`

/** Every object key anywhere in a decoded JSON value that is a prototype name, with its path. */
export function prototypeKeyIssues(
  value: unknown,
  path: Array<string | number> = [],
): InputIssue[] {
  const issues: InputIssue[] = []
  const walk = (v: unknown, at: Array<string | number>) => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...at, i]))
    else if (v !== null && typeof v === 'object')
      for (const key of Object.keys(v)) {
        if (isPrototypeName(key))
          issues.push({ path: formatPath([...at, key]), message: prototypeNameMessage(key) })
        else walk((v as Record<string, unknown>)[key], [...at, key])
      }
  }
  walk(value, path)
  return issues
}
