/** Which text encoding a 照会ログ is in: UTF-8 (BOM or not) or Shift_JIS/CP932, detected or forced. */
import { isAscii } from 'node:buffer'
import { readSync } from 'node:fs'
import { CliError } from '../cli/errors'

/** WHATWG labels; `shift_jis` in TextDecoder is CP932 (Windows-31J). */
export type LogEncoding = 'utf-8' | 'shift_jis'

const ALIASES: Record<string, LogEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-bom': 'utf-8',
  shift_jis: 'shift_jis',
  'shift-jis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'windows-31j': 'shift_jis',
  ms932: 'shift_jis',
}

/** The encoding a name stands for (`sjis`, `CP932`, `utf8` …); undefined when unknown. */
export const encodingNamed = (name: string): LogEncoding | undefined =>
  Object.hasOwn(ALIASES, name.trim().toLowerCase()) ? ALIASES[name.trim().toLowerCase()] : undefined

/** Names accepted for an encoding (for a query parameter's schema). */
export const ENCODING_NAMES = Object.keys(ALIASES)

export function normalizeEncoding(name: string): LogEncoding {
  const e = encodingNamed(name)
  if (!e) {
    throw new CliError(
      `--encoding は utf-8 か shift_jis (cp932) です (unknown encoding "${name}")`,
      2,
    )
  }
  return e
}

/**
 * UTF-8 when the sample starts with a BOM or is valid UTF-8 (an incomplete sequence cut at the end of the
 * sample is allowed); otherwise Shift_JIS. An ASCII-only sample reads as UTF-8 (both agree on ASCII).
 */
export function detectEncoding(sample: Uint8Array): LogEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8'
  let end = sample.length
  // drop a multi-byte sequence the sample may have cut
  let back = 0
  while (back < 3 && end - back - 1 >= 0 && (sample[end - back - 1]! & 0xc0) === 0x80) back++
  if (end - back - 1 >= 0 && sample[end - back - 1]! >= 0xc0) end = end - back - 1
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end))
    return 'utf-8'
  } catch {
    return 'shift_jis'
  }
}

/** bytes judged around the first non-ASCII byte */
const SAMPLE_BYTES = 64 * 1024

/**
 * The encoding of a whole file: a UTF-8 byte order mark, else judged on the bytes from its first non-ASCII
 * byte on (however far into the file that is: a log whose first hundreds of KiB are ASCII — codes, dates,
 * numbers — and whose names come later is judged on the names); an all-ASCII file reads as UTF-8.
 */
export function detectFileEncoding(fd: number, size: number): LogEncoding {
  const buf = Buffer.allocUnsafe(Math.min(size, 1 << 20))
  let position = 0
  while (position < size) {
    const got = readSync(fd, buf, 0, buf.length, position)
    if (got === 0) break
    if (position === 0 && got >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
      return 'utf-8'
    const block = buf.subarray(0, got)
    if (!isAscii(block)) {
      let i = 0
      while (block[i]! < 0x80) i++
      const sample = Buffer.allocUnsafe(SAMPLE_BYTES)
      const n = readSync(fd, sample, 0, SAMPLE_BYTES, position + i)
      return detectEncoding(sample.subarray(0, n))
    }
    position += got
  }
  return 'utf-8'
}
