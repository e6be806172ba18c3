/**
 * Small values read from the database (a scenario's version, a fingerprint of its traffic imports), kept in
 * memory while the database's change token stays the same. Every call still reads the token (SQLite: two
 * cheap statements), so a commit by this process, another worker or the CLI is seen by the very next call.
 * Without a change token (PostgreSQL) every call loads.
 */
export function rememberWhileUnchanged<K, V>(
  load: (key: K) => Promise<V>,
  changeToken: (() => string) | undefined,
  maxEntries = 10_000,
): (key: K) => Promise<V> {
  if (!changeToken) return load
  let token: string | undefined
  const known = new Map<K, V>()
  return async (key) => {
    const now = changeToken()
    if (now !== token) {
      known.clear()
      token = now
    }
    if (known.has(key)) return known.get(key) as V
    const value = await load(key)
    // The value read is at least as new as `now`: kept under it, unless another call has meanwhile seen a
    // newer token (then the map belongs to that token). A change during the load moves the token, so the
    // next call drops the value anyway.
    if (token === now) {
      if (known.size >= maxEntries) known.clear()
      known.set(key, value)
    }
    return value
  }
}
