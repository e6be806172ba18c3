/** Reading an incidents CSV (UTF-8 with or without BOM, or Shift_JIS/CP932) into field records with line numbers. */
import { parse } from 'csv-parse/sync'
import type { InputIssue, Result } from '@warikan/core'

export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return new TextDecoder('shift_jis').decode(bytes)
  }
}

/** Records and the line each starts on (1-based). */
export function splitCsv(text: string): Result<{ records: string[][]; lines: number[] }> {
  try {
    const rows = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>
    // info.lines is the line the record ends on; for single-line records that is where it starts
    return {
      ok: true,
      value: { records: rows.map((r) => r.record), lines: rows.map((r) => r.info.lines) },
    }
  } catch (e) {
    const err = e as { lines?: number; message: string }
    const issue: InputIssue = {
      path: `line ${err.lines ?? '?'}`,
      message: `CSV として読めません (malformed CSV): ${err.message}`,
    }
    return { ok: false, issues: [issue] }
  }
}
