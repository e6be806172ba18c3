/** Reading one byte range of a FOCUS file into a bill reader (the main thread and bill-worker.ts alike). */
import { isUtf8 } from 'node:buffer'
import { readSync } from 'node:fs'
import type { BillCsvReader } from '@warikan/core/bills'

/**
 * Read size: 64 KiB keeps each decoded chunk in V8's young generation (a 1 MiB string goes to large-object
 * space, one mmap/munmap per chunk: measured ≈ 20 % more CPU on a 470 MB bill).
 */
export const CHUNK_BYTES = 64 * 1024

/** Bytes up to the last complete UTF-8 character (a split character waits for the next chunk). */
export function utf8Boundary(b: Uint8Array): number {
  let i = b.length
  for (let k = 0; k < 4 && i > 0; k++) {
    const c = b[i - 1]!
    if (c < 0x80) return b.length
    i--
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2
      return b.length - i >= need ? b.length : i
    }
  }
  return b.length
}

/** Feeds bytes [start, end) of an open file; false when the bytes are not UTF-8 or the reader stopped. */
export function readRange(
  fd: number,
  start: number,
  end: number,
  reader: BillCsvReader,
  chunkBytes = CHUNK_BYTES,
  onBytes?: (bytes: number) => void,
): boolean {
  const buf = Buffer.allocUnsafe(chunkBytes + 4)
  let carry = 0
  let pos = start
  while (pos < end) {
    const n = readSync(fd, buf, carry, Math.min(chunkBytes, end - pos), pos)
    if (n <= 0) break
    pos += n
    const filled = carry + n
    const cut = pos < end ? utf8Boundary(buf.subarray(0, filled)) : filled
    const part = buf.subarray(0, cut)
    if (!isUtf8(part)) return false
    if (!reader.push(part.toString('utf8'))) return false
    carry = filled - cut
    if (carry) buf.copy(buf, 0, cut, filled)
    onBytes?.(n)
  }
  return carry === 0
}
