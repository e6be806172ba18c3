/**
 * Reading one 照会ログ file in constant memory. Small files, and imports (which need every row), are read on
 * this thread as a stream; large files being only summed are cut at record boundaries into slices that worker
 * threads parse in parallel (traffic-worker.ts), the results merged in file order.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import {
  TrafficAggregator,
  blankProblem,
  type TrafficByteReader,
  type TrafficByteRow,
  type TrafficColumns,
  type TrafficLogProblem,
} from '@warikan/core/traffic'
import { trafficByteReader } from './byte-reader'
import { detectEncoding, type LogEncoding } from './text-encoding'
import { firstRecordEnd, lastRecordEnd } from './record-boundary'
import type { SliceResult, WorkerReply, WorkerRequest } from './traffic-worker-protocol'

export interface ReadProgress {
  bytes: number
  totalBytes: number
  rows: number
}

export interface TrafficFileOptions {
  /** forced encoding; detected from the first block otherwise */
  encoding?: LogEncoding | undefined
  /** every valid row (a reused object), in file order; forces the single-thread path */
  onRow?: (row: TrafficByteRow, line: number) => void
  /** awaited after each block (flush batched rows here) */
  afterBlock?: () => Promise<void>
  onProgress?: (p: ReadProgress) => void
  /** sha256 of the file's bytes (single-thread path only) */
  hash?: boolean
  /** worker threads for summing large files: 0 = never; default: none below 4 cores, else cores − 1 (≤ 3) */
  workers?: number
  /** files at least this big are summed by workers (default PARALLEL_THRESHOLD_BYTES) */
  parallelMinBytes?: number
  /** bytes per slice handed to a worker (default 8 MiB; tests use small slices) */
  sliceBytes?: number
}

export type TrafficFileResult =
  | {
      ok: true
      encoding: LogEncoding
      rows: number
      aggregator: TrafficAggregator
      sha256: string | undefined
    }
  | { ok: false; problem: TrafficLogProblem }

/**
 * Worker threads besides this one (which parses too). On 2 cores shared with other processes a worker
 * measured slower than none (30M rows: 26 s with two workers vs ≈ 17 s alone), so workers start from 4 cores.
 */
const defaultWorkers = () => {
  const cores = availableParallelism()
  return cores >= 4 ? Math.min(3, cores - 1) : 0
}

/** Files at least this big are summed with worker threads. */
export const PARALLEL_THRESHOLD_BYTES = 32 * 1024 * 1024
const STREAM_BLOCK = 1024 * 1024
const DEFAULT_SLICE_BYTES = 8 * 1024 * 1024

export async function readTrafficFile(
  file: string,
  options: TrafficFileOptions = {},
): Promise<TrafficFileResult> {
  const { size } = await stat(file)
  const workers = options.workers ?? defaultWorkers()
  if (
    !options.onRow &&
    !options.hash &&
    workers > 0 &&
    size >= (options.parallelMinBytes ?? PARALLEL_THRESHOLD_BYTES)
  ) {
    const parallel = await readParallel(file, size, workers, options)
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

/** Reads a log from any byte stream (a file, an HTTP upload) on this thread. */
export async function readTrafficStream(
  source: AsyncIterable<Uint8Array>,
  options: TrafficFileOptions & { totalBytes?: number } = {},
): Promise<TrafficFileResult> {
  const size = options.totalBytes ?? 0
  const hash = options.hash ? createHash('sha256') : undefined
  let encoding = options.encoding
  let reader: TrafficByteReader | undefined
  let bytes = 0
  for await (const chunk of source) {
    if (reader?.failed) break
    hash?.update(chunk)
    if (!reader) {
      encoding ??= detectEncoding(chunk)
      reader = trafficByteReader(
        encoding,
        options.onRow ? { onRow: options.onRow, text: true } : {},
      )
    }
    reader.push(chunk)
    bytes += chunk.length
    if (options.afterBlock) await options.afterBlock()
    options.onProgress?.({ bytes, totalBytes: size, rows: reader.rowCount })
  }
  reader ??= trafficByteReader(encoding ?? 'utf-8')
  const result = reader.end()
  if (options.afterBlock) await options.afterBlock()
  if (!result.ok) return result
  return {
    ok: true,
    encoding: encoding ?? 'utf-8',
    rows: result.rows,
    aggregator: reader.aggregator,
    sha256: hash?.digest('hex'),
  }
}

let workerSource: Promise<URL> | undefined

/** The part of esbuild's API used here (esbuild is tsx's dependency, not ours, so no types). */
interface EsbuildApi {
  build(options: Record<string, unknown>): Promise<{ outputFiles: Array<{ text: string }> }>
}

/**
 * The worker's code. Compiled JavaScript loads traffic-worker.js directly; from the TypeScript sources the
 * worker entry is bundled once per process with esbuild (tsx's own dependency) into one self-contained
 * module, so a worker does not start a TypeScript loader of its own (≈ 100 MB and a second each).
 */
function workerUrl(): Promise<URL> {
  if (import.meta.url.endsWith('.js'))
    return Promise.resolve(new URL('./traffic-worker.js', import.meta.url))
  return (workerSource ??= (async () => {
    const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
    const esbuild = createRequire(join(tsxRoot, 'package.json'))('esbuild') as EsbuildApi
    const out = await esbuild.build({
      entryPoints: [fileURLToPath(new URL('./traffic-worker.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    })
    const code = out.outputFiles[0]!.text
    return new URL(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)
  })())
}

/** undefined: the file's start is unusual (no header line in the first block) — use the sequential path. */
async function readParallel(
  file: string,
  size: number,
  workerCount: number,
  options: TrafficFileOptions,
): Promise<TrafficFileResult | undefined> {
  const SLICE_BYTES = options.sliceBytes ?? DEFAULT_SLICE_BYTES
  const fh = await open(file, 'r')
  const buf: Buffer = Buffer.allocUnsafe(SLICE_BYTES)
  const first = await fh.read(buf, 0, SLICE_BYTES, 0)
  let position = first.bytesRead
  const encoding = options.encoding ?? detectEncoding(buf.subarray(0, first.bytesRead))
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0
  const headerEnd = firstRecordEnd(buf.subarray(bom), first.bytesRead - bom)
  if (headerEnd < 0) {
    await fh.close()
    return undefined
  }
  const header = trafficByteReader(encoding)
  header.push(buf.subarray(bom, bom + headerEnd))
  const headerResult = header.end()
  if (!headerResult.ok || !headerResult.columns) {
    await fh.close()
    return headerResult.ok ? undefined : headerResult
  }
  const columns: TrafficColumns = headerResult.columns
  const headerLines = header.linesRead || 1

  const workers: Worker[] = []
  const idle: Worker[] = []
  const outcomes: SliceResult[] = []
  const aggregator = new TrafficAggregator()
  let failed: unknown
  let pending = 0
  let rowsSoFar = 0
  const settled: Array<() => void> = []
  const record = (id: number, result: SliceResult) => {
    outcomes[id] = result
    if (result.ok) rowsSoFar += result.rows
  }
  // Workers start in the background (bundling takes a moment); until one is ready this thread parses alone.
  let closing = false
  void workerUrl()
    .then((url) => {
      for (let k = 0; k < workerCount && !closing; k++) {
        const w = new Worker(url)
        workers.push(w)
        w.on('message', (msg: WorkerReply) => {
          if (msg.type !== 'slice') return
          const { id, type: _type, ...result } = msg
          record(id, result)
          pending--
          idle.push(w)
          settled.splice(0).forEach((f) => f())
        })
        w.on('error', (e) => {
          failed = e
          settled.splice(0).forEach((f) => f())
        })
        w.once('online', () => idle.push(w))
      }
    })
    .catch((e: unknown) => {
      failed = e
    })
  const local = (id: number, bytes: Uint8Array) => {
    const reader = trafficByteReader(encoding, { columns, aggregator })
    reader.push(bytes)
    const result = reader.end()
    record(
      id,
      result.ok
        ? {
            ok: true,
            rows: result.rows,
            lines: reader.linesRead,
            trailingBlankLine: result.trailingBlankLine,
          }
        : { ok: false, problem: result.problem },
    )
  }
  const anyFailure = () => outcomes.some((o) => o && !o.ok)
  let sent = 0
  try {
    // each slice is read into its own buffer, so it can be handed to a worker without a copy
    let carry: Uint8Array = buf.subarray(bom + headerEnd, first.bytesRead)
    let eof = first.bytesRead < SLICE_BYTES || position >= size
    for (;;) {
      if (failed) throw failed
      let block = carry
      if (!eof) {
        const next = new Uint8Array(carry.length + SLICE_BYTES)
        next.set(carry)
        const r = await fh.read(next, carry.length, SLICE_BYTES, position)
        position += r.bytesRead
        if (r.bytesRead === 0) eof = true
        block = next.subarray(0, carry.length + r.bytesRead)
      }
      if (!block.length) break
      const cut = eof ? block.length : lastRecordEnd(block, block.length)
      if (cut > 0) {
        const id = sent++
        carry = block.slice(cut)
        const w = idle.pop()
        if (w && block.byteOffset === 0) {
          pending++
          const msg: WorkerRequest = {
            type: 'slice',
            id,
            buffer: block.buffer as ArrayBuffer,
            length: cut,
            encoding,
            columns,
          }
          w.postMessage(msg, [block.buffer as ArrayBuffer])
        } else {
          if (w) idle.push(w)
          local(id, block.subarray(0, cut))
        }
      } else carry = block.slice()
      options.onProgress?.({ bytes: position, totalBytes: size, rows: rowsSoFar })
      if (anyFailure()) break
      if (eof && !carry.length) break
    }
    // wait for the workers' slices, then collect their partial sums
    while (pending > 0 && !failed) await new Promise<void>((r) => settled.push(r))
    if (failed) throw failed
    let line = 1 + headerLines
    let rows = 0
    for (let id = 0; id < sent; id++) {
      const o = outcomes[id]
      if (!o) break
      if (!o.ok) return { ok: false, problem: { ...o.problem, line: line + o.problem.line - 1 } }
      if (o.trailingBlankLine !== undefined && id < sent - 1)
        return { ok: false, problem: blankProblem(line + o.trailingBlankLine - 1) }
      rows += o.rows
      line += o.lines
    }
    const partials = await Promise.all(
      idle.map(
        (w) =>
          new Promise<WorkerReply>((resolve) => {
            w.once('message', resolve)
            w.postMessage({ type: 'finish' } satisfies WorkerRequest)
          }),
      ),
    )
    for (const p of partials) if (p.type === 'partial') aggregator.merge(p.partial)
    options.onProgress?.({ bytes: size, totalBytes: size, rows })
    return { ok: true, encoding, rows, aggregator, sha256: undefined }
  } finally {
    closing = true
    await fh.close()
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
