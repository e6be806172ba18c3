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
import { pathToFileURL } from 'node:url'
import { TextDecoder } from 'node:util'
import { Worker } from 'node:worker_threads'
import {
  TrafficAggregator,
  TrafficLogReader,
  blankProblem,
  type TrafficColumns,
  type TrafficLogProblem,
  type TrafficRow,
} from '@warikan/core/traffic'
import { detectEncoding, type LogEncoding } from './text-encoding'
import { firstRecordEnd, lastRecordEnd } from './record-boundary'
import type { WorkerReply, WorkerRequest } from './traffic-worker-protocol'

export interface ReadProgress {
  bytes: number
  totalBytes: number
  rows: number
}

export interface TrafficFileOptions {
  /** forced encoding; detected from the first block otherwise */
  encoding?: LogEncoding | undefined
  /** every valid row (a reused object), in file order; forces the single-thread path */
  onRow?: (row: TrafficRow, line: number) => void
  /** awaited after each block (flush batched rows here) */
  afterBlock?: () => Promise<void>
  onProgress?: (p: ReadProgress) => void
  /** sha256 of the file's bytes (single-thread path only) */
  hash?: boolean
  /** worker threads for summing large files: 0 = never; default: cores, at most 4 */
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

/** Files at least this big are summed with worker threads. */
export const PARALLEL_THRESHOLD_BYTES = 32 * 1024 * 1024
const STREAM_BLOCK = 1024 * 1024
const DEFAULT_SLICE_BYTES = 8 * 1024 * 1024

export async function readTrafficFile(
  file: string,
  options: TrafficFileOptions = {},
): Promise<TrafficFileResult> {
  const { size } = await stat(file)
  const workers = options.workers ?? Math.min(4, availableParallelism())
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

const encodingProblem = (encoding: LogEncoding, line: number): TrafficLogProblem => ({
  line,
  field: 'line',
  message: `文字コード ${encoding} として読めないバイトがあります。--encoding を指定してください (invalid ${encoding} bytes; try --encoding utf-8 or --encoding shift_jis)`,
})

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
  const reader = new TrafficLogReader(options.onRow ? { onRow: options.onRow } : {})
  let encoding = options.encoding
  let decoder: TextDecoder | undefined
  let bytes = 0
  {
    for await (const chunk of source) {
      if (reader.failed) break
      hash?.update(chunk)
      if (!decoder) {
        encoding ??= detectEncoding(chunk)
        decoder = new TextDecoder(encoding, { fatal: true })
      }
      let text: string
      try {
        text = decoder.decode(chunk, { stream: true })
      } catch {
        return { ok: false, problem: encodingProblem(encoding!, 1 + reader.linesRead) }
      }
      reader.push(text)
      bytes += chunk.length
      if (options.afterBlock) await options.afterBlock()
      options.onProgress?.({ bytes, totalBytes: size, rows: reader.rowCount })
    }
    if (decoder) {
      try {
        reader.push(decoder.decode())
      } catch {
        return { ok: false, problem: encodingProblem(encoding!, 1 + reader.linesRead) }
      }
    }
  }
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

/**
 * The worker, loaded through tsx so the TypeScript sources run as they are (`--import tsx` in execArgv does not
 * reach a worker's entry module on Node 20, so a tiny bootstrap registers tsx's ESM hooks, then imports it).
 */
function startWorker(): Worker {
  const tsxRoot = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  const tsxApi = pathToFileURL(join(tsxRoot, 'dist/esm/api/index.mjs')).href
  const entry = new URL('./traffic-worker.ts', import.meta.url).href
  const bootstrap = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry)})`
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`))
}

interface SliceOutcome {
  reply: Extract<WorkerReply, { type: 'slice' }>
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
  let buf: Buffer = Buffer.allocUnsafe(SLICE_BYTES)
  const first = await fh.read(buf, 0, SLICE_BYTES, 0)
  let position = first.bytesRead
  const encoding = options.encoding ?? detectEncoding(buf.subarray(0, first.bytesRead))
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0
  const headerEnd = firstRecordEnd(buf.subarray(bom), first.bytesRead - bom)
  if (headerEnd < 0) {
    await fh.close()
    return undefined
  }
  const header = new TrafficLogReader()
  try {
    header.push(
      new TextDecoder(encoding, { fatal: true }).decode(buf.subarray(bom, bom + headerEnd)),
    )
  } catch {
    await fh.close()
    return { ok: false, problem: encodingProblem(encoding, 1) }
  }
  const headerResult = header.end()
  if (!headerResult.ok || !headerResult.columns) {
    await fh.close()
    return headerResult.ok ? undefined : headerResult
  }
  const columns: TrafficColumns = headerResult.columns
  const headerLines = header.linesRead || 1

  const workers = Array.from({ length: workerCount }, startWorker)
  const aggregator = new TrafficAggregator()
  const outcomes: SliceOutcome[] = []
  const idle: Worker[] = []
  const waiting: Array<() => void> = []
  let failed: unknown
  const onReply = (w: Worker) => (msg: WorkerReply) => {
    if (msg.type !== 'slice') return
    outcomes[msg.id] = { reply: msg }
    if (msg.ok) rowsSoFar += msg.rows
    idle.push(w)
    waiting.shift()?.()
  }
  for (const w of workers) {
    w.on('message', onReply(w))
    w.on('error', (e) => {
      failed = e
      waiting.splice(0).forEach((f) => f())
    })
    idle.push(w)
  }
  const acquire = async (): Promise<Worker> => {
    while (!idle.length && !failed) await new Promise<void>((r) => waiting.push(r))
    if (failed) throw failed
    return idle.pop()!
  }
  let sent = 0
  let rowsSoFar = 0
  const send = async (bytes: Uint8Array) => {
    const w = await acquire()
    const copy = new ArrayBuffer(bytes.length)
    new Uint8Array(copy).set(bytes)
    const msg: WorkerRequest = { type: 'slice', id: sent++, buffer: copy, encoding, columns }
    w.postMessage(msg, [copy])
  }
  const anyFailure = () => outcomes.some((o) => o && !o.reply.ok)
  try {
    // the first slice: what follows the header in the first block
    let carry = buf.subarray(bom + headerEnd, first.bytesRead)
    let eof = first.bytesRead < SLICE_BYTES || position >= size
    for (;;) {
      if (!eof) {
        const next = Buffer.allocUnsafe(carry.length + SLICE_BYTES)
        carry.copy(next, 0)
        const r = await fh.read(next, carry.length, SLICE_BYTES, position)
        position += r.bytesRead
        if (r.bytesRead === 0) eof = true
        buf = next
        carry = next.subarray(0, carry.length + r.bytesRead)
      }
      if (!carry.length) break
      const cut = eof ? carry.length : lastRecordEnd(carry, carry.length)
      if (cut > 0) {
        await send(carry.subarray(0, cut))
        carry = carry.subarray(cut)
      }
      options.onProgress?.({ bytes: position, totalBytes: size, rows: rowsSoFar })
      if (anyFailure()) break
      if (eof && !carry.length) break
    }
    // wait for every slice, then collect each worker's partial sums
    while (idle.length < workers.length && !failed) await new Promise<void>((r) => waiting.push(r))
    if (failed) throw failed
    let line = 1 + headerLines
    let rows = 0
    for (let id = 0; id < sent; id++) {
      const o = outcomes[id]
      if (!o) break
      const reply = o.reply
      if (!reply.ok)
        return { ok: false, problem: { ...reply.problem, line: line + reply.problem.line - 1 } }
      if (reply.trailingBlankLine !== undefined && id < sent - 1)
        return { ok: false, problem: blankProblem(line + reply.trailingBlankLine - 1) }
      rows += reply.rows
      line += reply.lines
    }
    const partials = await Promise.all(
      workers.map(
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
    await fh.close()
    await Promise.all(workers.map((w) => w.terminate()))
  }
}
