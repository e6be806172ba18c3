/**
 * Finding where records end in raw bytes, so a file can be cut into slices that parse independently.
 * Safe for UTF-8 and Shift_JIS alike: `"`, `,`, CR and LF never occur inside a multi-byte character in either.
 */

/** The offset just after the last line feed in `buf[0, length)` outside quotes (buf starts a record); −1 if none. */
export function lastRecordEnd(buf: Uint8Array, length: number): number {
  const firstQuote = buf.indexOf(34)
  if (firstQuote < 0 || firstQuote >= length) {
    const nl = buf.lastIndexOf(10, length - 1)
    return nl < 0 ? -1 : nl + 1
  }
  let inQuotes = false
  let last = -1
  for (let i = 0; i < length; i++) {
    const c = buf[i]
    if (c === 34) inQuotes = !inQuotes
    else if (c === 10 && !inQuotes) last = i + 1
  }
  return last
}

/** The offset just after the first line feed outside quotes (end of the header record); −1 when none. */
export function firstRecordEnd(buf: Uint8Array, length: number): number {
  let inQuotes = false
  for (let i = 0; i < length; i++) {
    const c = buf[i]
    if (c === 34) inQuotes = !inQuotes
    else if (c === 10 && !inQuotes) return i + 1
  }
  return -1
}
