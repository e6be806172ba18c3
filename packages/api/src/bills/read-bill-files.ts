/** Reads FOCUS CSV files from disk through the core's bill reader, with progress (large files on several threads). */
import { closeSync, openSync } from 'node:fs'
import { stat } from 'node:fs/promises'
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
import { defaultThreads, PARALLEL_MIN_BYTES, readBillFileParallel } from './bill-parallel'
import { CHUNK_BYTES, readRange } from './bill-range-reader'

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

export interface ReadBillFileOptions extends ReadBillOptions {
  /** threads for files of at least {@link PARALLEL_MIN_BYTES}; 1 = this thread only (default: up to 4 cores) */
  threads?: number
  /** files from this size on use the threads (default {@link PARALLEL_MIN_BYTES}; tests lower it) */
  parallelMinBytes?: number
}

/**
 * Reads every file into one aggregate; the first problem (file, line, column) stops the reading. Large files
 * are summed on several threads; whenever that meets anything unusual, every file is read again in order on this
 * thread, so problems always name their exact line.
 */
export async function readBillFiles(
  files: readonly string[],
  map: BillMap,
  options: ReadBillFileOptions = {},
): Promise<BillReadResult> {
  const sizes: number[] = []
  for (const file of files) {
    try {
      const s = await stat(file)
      if (!s.isFile()) throw new Error('not a file')
      sizes.push(s.size)
    } catch (e) {
      throw new CliError(`${file}: 読み込めません (cannot read): ${(e as Error).message}`, 2)
    }
  }
  const threads = options.threads ?? defaultThreads()
  const minBytes = options.parallelMinBytes ?? PARALLEL_MIN_BYTES
  if (threads > 1 && sizes.some((s) => s >= minBytes)) {
    const fast = await readFast(files, sizes, map, options, threads, minBytes)
    if (fast?.ok) return fast
  }
  const aggregator = new BillAggregator(map, options)
  for (const [i, file] of files.entries()) {
    const reader = new BillCsvReader(file, aggregator, map)
    if (!readWhole(file, sizes[i]!, reader, options)) {
      if (reader.problem) return { ok: false, problem: reader.problem }
      return { ok: false, problem: utf8Problem(file, reader) }
    }
    const problem = reader.end()
    if (problem) return { ok: false, problem }
  }
  return aggregator.finish()
}

function readWhole(
  file: string,
  size: number,
  reader: BillCsvReader,
  options: ReadBillOptions,
): boolean {
  const fd = openSync(file, 'r')
  let bytes = 0
  try {
    return readRange(fd, 0, size, reader, CHUNK_BYTES, (n) => {
      bytes += n
      options.onProgress?.(file, { bytes, totalBytes: size, rows: reader.rows })
    })
  } finally {
    closeSync(fd)
  }
}

/** Each file into its own aggregator (large ones on several threads), merged; undefined → read in order. */
async function readFast(
  files: readonly string[],
  sizes: number[],
  map: BillMap,
  options: ReadBillFileOptions,
  threads: number,
  minBytes: number,
): Promise<BillReadResult | undefined> {
  const total = new BillAggregator(map, options)
  const rates = Object.fromEntries(
    Object.entries(options.rates ?? {}).map(([k, v]) => [k, { m: v.m.toString(), s: v.s }]),
  )
  const members = options.members?.map((m) => ({ code: m.code, name: m.name }))
  for (const [i, file] of files.entries()) {
    const size = sizes[i]!
    const own = new BillAggregator(map, options)
    const reader = new BillCsvReader(file, own, map)
    let bytes = 0
    let otherRows = 0
    const onBytes = (n: number, other = 0) => {
      bytes += n
      otherRows += other
      options.onProgress?.(file, { bytes, totalBytes: size, rows: reader.rows + otherRows })
    }
    const ok =
      size >= minBytes
        ? await readBillFileParallel(
            file,
            size,
            threads,
            reader,
            own,
            { map, rates, members },
            onBytes,
          )
        : readWhole(file, size, reader, options)
    if (!ok || reader.end()) return undefined
    if (total.merge(own.toPartial()) !== undefined) return undefined
  }
  return total.finish()
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
