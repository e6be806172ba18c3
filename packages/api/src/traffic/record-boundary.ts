/**
 * Finding where records end in raw bytes, so a file can be cut into slices that parse independently.
 * Safe for UTF-8 and Shift_JIS alike: `"`, `,`, CR and LF never occur inside a multi-byte character in either.
 */

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
