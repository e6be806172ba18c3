/** A validation problem, located by a field path such as `costs[2].rule` or a CSV line. */
export interface InputIssue {
  path: string
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] }

/** ['costs', 2, 'rule'] → "costs[2].rule" */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else {
      const k = String(key)
      out += /^[A-Za-z_$][\w$]*$/.test(k) ? (out ? `.${k}` : k) : `[${JSON.stringify(k)}]`
    }
  }
  return out || '(root)'
}
