/** Streams FOCUS CSV files from disk through the core's bill reader, with progress. */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { isUtf8 } from 'node:buffer'
import {
  BillAggregator,
  BillCsvReader,
  parseDecimal,
  type BillMap,
  type BillOptions,
  type BillOutput,
  type BillProblem,
  type ScaledDecimal,
} from '@warikan/core/bills'
import { CliError } from '../cli/errors'
import type { ReadProgress } from '../traffic/traffic-file-reader'

export type BillReadResult = { ok: true; value: BillOutput } | { ok: false; problem: BillProblem }

export interface ReadBillOptions extends BillOptions {
  onProgress?: (file: string, p: ReadProgress) => void
}

/** `USD=150` → { USD: 150 } (exact decimals, > 0). */
export function parseRates(texts: readonly string[]): Record<string, ScaledDecimal> {
  const rates: Record<string, ScaledDecimal> = {}
  for (const text of texts) {
    const m = /^([A-Z]{3})=(.+)$/.exec(text.trim())
    const rate = m ? parseDecimal(m[2]!) : undefined
    if (!m || !rate || rate.m <= 0n)
      throw new CliError(
        `--rate ${text}: 「通貨=円」の形で正の数を指定します（例 USD=150） (expected CUR=yen, e.g. USD=150)`,
        2,
      )
    if (m[1] === 'JPY' && !(rate.m === 10n ** BigInt(rate.s)))
      throw new CliError(`--rate ${text}: JPY のレートは 1 です (JPY is always 1)`, 2)
    rates[m[1]!] = rate
  }
  return rates
}

/** Reads every file into one aggregate; the first problem (file, line, column) stops the reading. */
export async function readBillFiles(
  files: readonly string[],
  map: BillMap,
  options: ReadBillOptions = {},
): Promise<BillReadResult> {
  const aggregator = new BillAggregator(map, options)
  for (const file of files) {
    let totalBytes: number
    try {
      totalBytes = (await stat(file)).size
    } catch (e) {
      throw new CliError(`${file}: 読み込めません (cannot read): ${(e as Error).message}`, 2)
    }
    const reader = new BillCsvReader(file, aggregator, map)
    let bytes = 0
    let rest: Buffer | undefined
    const stream = createReadStream(file, { highWaterMark: 1 << 20 })
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length
        const data = rest ? Buffer.concat([rest, chunk]) : chunk
        const cut = utf8Boundary(data)
        rest = cut < data.length ? data.subarray(cut) : undefined
        const part = data.subarray(0, cut)
        if (!isUtf8(part)) return { ok: false, problem: utf8Problem(file, reader) }
        if (!reader.push(part.toString('utf8'))) break
        options.onProgress?.(file, { bytes, totalBytes, rows: reader.rows })
      }
    } finally {
      stream.destroy()
    }
    if (rest && !reader.problem) return { ok: false, problem: utf8Problem(file, reader) }
    const problem = reader.end()
    if (problem) return { ok: false, problem }
  }
  return aggregator.finish()
}

/** Bytes up to the last complete UTF-8 character (a split character waits for the next chunk). */
function utf8Boundary(b: Buffer): number {
  let i = b.length
  // at most 3 continuation bytes (10xxxxxx) before a lead byte
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

function utf8Problem(file: string, reader: BillCsvReader): BillProblem {
  return {
    file,
    line: reader.rows + 2,
    field: 'encoding',
    message: 'UTF-8 として読めないバイトがあります (not valid UTF-8)',
  }
}

/** The same reading from text already in memory (API uploads). */
export function readBillTexts(
  files: ReadonlyArray<{ name: string; text: string }>,
  map: BillMap,
  options: BillOptions = {},
): BillReadResult {
  const aggregator = new BillAggregator(map, options)
  for (const { name, text } of files) {
    const reader = new BillCsvReader(name, aggregator, map)
    reader.push(text)
    const problem = reader.end()
    if (problem) return { ok: false, problem }
  }
  return aggregator.finish()
}

/** "file: line 12, BilledCost: message" */
export function problemText(p: BillProblem): string {
  const where = p.line === undefined ? p.field : `line ${p.line}, ${p.field}`
  return `${p.file}: ${where}: ${p.message}`
}
