/**
 * Summing one 照会ログ file in constant memory (`warikan traffic`, `allocate --traffic`). Small files are read
 * on this thread as a stream; large files are cut at record boundaries into slices that worker threads parse
 * in parallel (traffic-worker.ts), the results merged in file order. (Imports read through traffic-stage.ts.)
 */
import { closeSync, createReadStream, openSync } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { workerModuleUrl } from '../worker-url'
import {
  TrafficAggregator,
  blankProblem,
  type TrafficByteReader,
  type TrafficColumns,
  type TrafficLogProblem,
} from '@warikan/core/traffic'
import { trafficByteReader } from './byte-reader'
import { detectEncoding, detectFileEncoding, type LogEncoding } from './text-encoding'
import { firstRecordEnd } from './record-boundary'
import { parseUnits, unitCounter, type UnitPlan, type UnitResult } from './traffic-range-reader'
import type { WorkerReply, WorkerRequest } from './traffic-worker-protocol'

export interface ReadProgress {
  bytes: number
  totalBytes: number
  rows: number
}

export interface TrafficFileOptions {
  /** forced encoding; detected from the whole file otherwise (text-encoding.ts) */
  encoding?: LogEncoding | undefined
  onProgress?: (p: ReadProgress) => void
  /** threads summing the file (this one + workers); 1 = this thread only. Default: {@link defaultThreads} */
  threads?: number
  /** files at least this big are summed by several threads (default PARALLEL_THRESHOLD_BYTES) */
  parallelMinBytes?: number
  /** bytes per unit a thread claims (default: ≈ 8 units per thread, 4 × chunk … 64 MiB; tests use small ones) */
  unitBytes?: number
  /** bytes each thread reads at a time (default 1 MiB) */
  chunkBytes?: number
}

export type TrafficFileResult =
  | {
      ok: true
      encoding: LogEncoding
      rows: number
      aggregator: TrafficAggregator
      /** threads that parsed the file */
      threads: number
    }
  | { ok: false; problem: TrafficLogProblem }

/** Threads for summing a large file: one per core (this thread counts), at most MAX_THREADS. */
export const defaultThreads = (): number => Math.min(MAX_THREADS, availableParallelism())
const MAX_THREADS = 8

/** Files at least this big are summed by several threads. */
export const PARALLEL_THRESHOLD_BYTES = 32 * 1024 * 1024
const STREAM_BLOCK = 1024 * 1024
const DEFAULT_CHUNK_BYTES = 1024 * 1024
const MAX_UNIT_BYTES = 64 * 1024 * 1024

export async function readTrafficFile(
  file: string,
  options: TrafficFileOptions = {},
): Promise<TrafficFileResult> {
  const { size } = await stat(file)
  if (options.encoding === undefined) {
    // judged on the whole file, not its first block (traffic-log names may come late)
    const fd = openSync(file, 'r')
    try {
      options = { ...options, encoding: detectFileEncoding(fd, size) }
    } finally {
      closeSync(fd)
    }
  }
  const threads = options.threads ?? defaultThreads()
  if (threads > 1 && size >= (options.parallelMinBytes ?? PARALLEL_THRESHOLD_BYTES)) {
    const parallel = await readParallel(file, size, threads, options)
    if (parallel) return parallel
  }
  return readSequential(file, size, options)
}

async function readSequential(
  file: string,
  size: number,
  options: TrafficFileOptions,
): Promise<TrafficFileResult> {
  const stream = createReadStream(file, { highWaterMark: STREAM_BLOCK })
  try {
    return await readTrafficStream(stream as AsyncIterable<Buffer>, {
      ...options,
      totalBytes: size,
    })
  } finally {
    stream.destroy()
  }
}

/** Sums a log from any byte stream on this thread. */
export async function readTrafficStream(
  source: AsyncIterable<Uint8Array>,
  options: TrafficFileOptions & { totalBytes?: number } = {},
): Promise<TrafficFileResult> {
  const size = options.totalBytes ?? 0
  let encoding = options.encoding
  let reader: TrafficByteReader | undefined
  let bytes = 0
  for await (const chunk of source) {
    if (reader?.failed) break
    if (!reader) {
      encoding ??= detectEncoding(chunk)
      reader = trafficByteReader(encoding)
    }
    reader.push(chunk)
    bytes += chunk.length
    options.onProgress?.({ bytes, totalBytes: size, rows: reader.rowCount })
  }
  reader ??= trafficByteReader(encoding ?? 'utf-8')
  const result = reader.end()
  if (!result.ok) return result
  return {
    ok: true,
    encoding: encoding ?? 'utf-8',
    rows: result.rows,
    aggregator: reader.aggregator,
    threads: 1,
  }
}

/**
 * A worker allocates little (typed arrays, a few strings per new code): a small young generation keeps its
 * heap — and the process's peak RSS — small (the default semi-spaces are 16 MB each).
 */
export const WORKER_LIMITS = { resourceLimits: { maxYoungGenerationSizeMb: 4 } }

/** The traffic worker's code (built next to the CLI, or bundled from the sources: worker-url.ts). */
export const workerUrl = (): Promise<URL> => workerModuleUrl(import.meta.url, 'traffic-worker')

/**
 * Several threads, each reading its own units of the file (traffic-range-reader.ts). undefined when the
 * file's start is unusual (no header line in the first block) or a quoted line break crosses a unit
 * boundary — then the caller reads the file on one thread.
 */
async function readParallel(
  file: string,
  size: number,
  threads: number,
  options: TrafficFileOptions,
): Promise<TrafficFileResult | undefined> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES
  const fh = await open(file, 'r')
  let head: Buffer
  try {
    head = Buffer.allocUnsafe(Math.min(size, chunkBytes))
    const first = await fh.read(head, 0, head.length, 0)
    head = head.subarray(0, first.bytesRead)
  } finally {
    await fh.close()
  }
  const encoding = options.encoding ?? detectEncoding(head)
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
  const headerEnd = firstRecordEnd(head.subarray(bom), head.length - bom)
  if (headerEnd < 0) return undefined
  const header = trafficByteReader(encoding)
  header.push(head.subarray(bom, bom + headerEnd))
  const headerResult = header.end()
  if (!headerResult.ok || !headerResult.columns) return headerResult.ok ? undefined : headerResult
  const columns: TrafficColumns = headerResult.columns
  const headerLines = header.linesRead || 1
  const bodyStart = bom + headerEnd

  // units: about 8 per thread, so a thread that started late (or ran slower) takes fewer
  const unitBytes =
    options.unitBytes ??
    Math.max(
      4 * chunkBytes,
      Math.min(MAX_UNIT_BYTES, Math.ceil((size - bodyStart) / (threads * 8))),
    )
  const bounds: number[] = []
  for (let a = bodyStart; a < size; a += unitBytes) bounds.push(a)
  bounds.push(size)
  const plan: UnitPlan = { bounds, size, encoding, columns }
  const counter = unitCounter()

  const url = await workerUrl()
  const workers: Worker[] = []
  const replies: Array<Promise<WorkerReply>> = []
  for (let k = 1; k < threads; k++) {
    const w = new Worker(url, WORKER_LIMITS)
    workers.push(w)
    replies.push(
      new Promise<WorkerReply>((resolve, reject) => {
        w.once('message', resolve)
        w.once('error', reject)
        w.once('exit', (code) => reject(new Error(`traffic worker exited (${code})`)))
      }),
    )
    w.postMessage({ type: 'units', file, plan, counter, chunkBytes } satisfies WorkerRequest)
  }
  try {
    const aggregator = new TrafficAggregator()
    let doneBytes = 0
    let doneRows = 0
    const fd = openSync(file, 'r')
    let mine: UnitResult[]
    try {
      mine = parseUnits(fd, plan, counter, aggregator, chunkBytes, (r) => {
        doneBytes += bounds[r.unit + 1]! - bounds[r.unit]!
        if (r.ok) doneRows += r.rows
        options.onProgress?.({ bytes: doneBytes, totalBytes: size, rows: doneRows })
      })
    } finally {
      closeSync(fd)
    }
    const results: UnitResult[] = []
    for (const r of mine) results[r.unit] = r
    for (const reply of await Promise.all(replies)) {
      if (reply.type === 'error') throw new Error(`traffic worker: ${reply.message}`)
      for (const r of reply.results) results[r.unit] = r
      aggregator.merge(reply.partial)
    }
    // in file order: each unit must start where the previous one stopped
    let line = 1 + headerLines
    let rows = 0
    let previousEnd = bodyStart
    let blank: number | undefined
    for (let unit = 0; unit < bounds.length - 1; unit++) {
      const r = results[unit]
      if (!r) break // not parsed: an earlier unit failed
      if (r.start !== previousEnd) return undefined
      if (blank !== undefined && (!r.ok || r.lines > 0))
        return { ok: false, problem: blankProblem(blank) }
      if (!r.ok) return { ok: false, problem: { ...r.problem, line: line + r.problem.line - 1 } }
      if (r.trailingBlankLine !== undefined) blank = line + r.trailingBlankLine - 1
      rows += r.rows
      line += r.lines
      previousEnd = r.end
    }
    options.onProgress?.({ bytes: size, totalBytes: size, rows })
    return { ok: true, encoding, rows, aggregator, threads }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
