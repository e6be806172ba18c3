/**
 * Strict JSON input, the one decoder for API bodies and CLI files: the bytes must be valid UTF-8 (the first
 * invalid byte is named by its offset; nothing is replaced by U+FFFD), the nesting at most `maxDepth` deep,
 * and in the decoded value no string (key or value) holds NUL or a lone surrogate — SQLite and PostgreSQL
 * would store those differently, or not at all — and no integer is beyond ±(2^53 − 1), where JSON numbers
 * stop being exact yen.
 */
import { formatPath, locateJsonError } from '@warikan/core'

export const DEFAULT_MAX_DEPTH = 64

export type StrictJsonProblem =
  | { kind: 'encoding'; offset: number; message: string }
  | { kind: 'syntax'; line?: number; column?: number; message: string }
  | { kind: 'depth'; line: number; column: number; message: string }
  | { kind: 'value'; issues: Array<{ path: string; message: string }>; message: string }

export type StrictJsonResult =
  { ok: true; value: unknown; text: string } | { ok: false; problem: StrictJsonProblem }

/** Offset of the first byte that does not belong to well-formed UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length
  let i = 0
  while (i < n) {
    const b = bytes[i]!
    if (b < 0x80) {
      i++
      continue
    }
    let need: number
    let lo = 0x80
    let hi = 0xbf
    if (b >= 0xc2 && b <= 0xdf) need = 1
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      if (b === 0xe0) lo = 0xa0 // no overlong
      if (b === 0xed) hi = 0x9f // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      if (b === 0xf0) lo = 0x90
      if (b === 0xf4) hi = 0x8f // ≤ U+10FFFF
    } else return i
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined) return i
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i + k
    }
    i += need + 1
  }
  return -1
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a string cannot be stored, or undefined when it can. */
export function stringProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return 'NUL 文字は使えません (NUL character not allowed)'
  if (LONE_SURROGATE.test(s))
    return '対になっていないサロゲートは使えません (lone surrogate not allowed)'
  return undefined
}

const lineColumn = (text: string, index: number) => {
  let line = 1
  let last = -1
  for (let i = 0; i < index; i++)
    if (text.charCodeAt(i) === 10) {
      line++
      last = i
    }
  return { line, column: index - last }
}

/** Index of the first `[` or `{` (outside strings) deeper than maxDepth, or -1. */
function tooDeepAt(text: string, maxDepth: number): number {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    if (inString) {
      if (ch === 92)
        i++ // backslash: skip the escaped character
      else if (ch === 34) inString = false
    } else if (ch === 34) inString = true
    else if (ch === 91 || ch === 123) {
      if (++depth > maxDepth) return i
    } else if (ch === 93 || ch === 125) depth--
  }
  return -1
}

function valueIssues(value: unknown, max = 20): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = []
  const path: Array<string | number> = []
  const walk = (v: unknown) => {
    if (issues.length >= max) return
    if (typeof v === 'string') {
      const p = stringProblem(v)
      if (p) issues.push({ path: formatPath(path), message: p })
    } else if (typeof v === 'number') {
      if (Number.isInteger(v) && !Number.isSafeInteger(v))
        issues.push({
          path: formatPath(path),
          message: `整数 ${v} は ±(2^53−1) を超えます (integer beyond 2^53 − 1 cannot be exact)`,
        })
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        path.push(i)
        walk(item)
        path.pop()
      })
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        path.push(k)
        const p = stringProblem(k)
        if (p) issues.push({ path: formatPath(path), message: `キー: ${p}` })
        else walk(item)
        path.pop()
      }
    }
  }
  walk(value)
  return issues
}

export function decodeStrictJson(
  bytes: Uint8Array,
  options: { maxDepth?: number } = {},
): StrictJsonResult {
  const bad = firstInvalidUtf8(bytes)
  if (bad >= 0)
    return {
      ok: false,
      problem: {
        kind: 'encoding',
        offset: bad,
        message: `${bad} バイト目 (0x${bytes[bad]?.toString(16).padStart(2, '0') ?? '??'}) が UTF-8 として正しくありません (invalid UTF-8 at byte offset ${bad})`,
      },
    }
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
  const text = new TextDecoder('utf-8').decode(bytes.subarray(start))
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  const deep = tooDeepAt(text, maxDepth)
  if (deep >= 0) {
    const at = lineColumn(text, deep)
    return {
      ok: false,
      problem: {
        kind: 'depth',
        ...at,
        message: `入れ子が深すぎます: 上限 ${maxDepth} 段 (nesting deeper than ${maxDepth})`,
      },
    }
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    const at = locateJsonError(text)
    return {
      ok: false,
      problem: {
        kind: 'syntax',
        ...(at ? { line: at.line, column: at.column } : {}),
        message: `JSON の構文エラー (malformed JSON): ${at ? at.message : (e as Error).message}`,
      },
    }
  }
  const issues = valueIssues(value)
  if (issues.length)
    return {
      ok: false,
      problem: {
        kind: 'value',
        issues,
        message: '保存できない値があります (values that cannot be stored)',
      },
    }
  return { ok: true, value, text }
}
