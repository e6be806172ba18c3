/** Which text encoding a 照会ログ is in: UTF-8 (BOM or not) or Shift_JIS/CP932, detected or forced. */
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

export function normalizeEncoding(name: string): LogEncoding {
  const e = ALIASES[name.trim().toLowerCase()]
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
