/**
 * A large FOCUS file on several threads: the body is cut at line feeds into one range per thread; each thread
 * sums its range (this one and bill-worker.ts), and the sums are merged. Exact sums do not depend on the order,
 * so the result equals reading in order. Whenever anything is off (a bad row, a quoted line break at a cut, a
 * currency mix across ranges) this answers undefined and the caller reads the file in order, which names the line.
 */
import { closeSync, openSync, readSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { workerModuleUrl } from '../worker-url'
import type { BillAggregator, BillCsvReader } from '@warikan/core/bills'
import { CHUNK_BYTES, readRange } from './bill-range-reader'
import type { BillWorkerReply, BillWorkerRequest } from './bill-worker'

/** Files smaller than this are read on one thread (a worker costs more than it saves). */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024

/** The bill worker's code (built next to the CLI, or bundled from the sources: worker-url.ts). */
const workerUrl = (): Promise<URL> => workerModuleUrl(import.meta.url, 'bill-worker')

export const defaultThreads = (): number => Math.max(1, Math.min(4, availableParallelism()))

/**
 * Reads `file` (size bytes) into `reader` / `aggregator` with `threads` threads. true when done (the aggregator
 * holds every row), false when the file must be read in order instead (nothing of it was added then: the
 * caller gives a fresh aggregator).
 */
export async function readBillFileParallel(
  file: string,
  size: number,
  threads: number,
  reader: BillCsvReader,
  aggregator: BillAggregator,
  request: Omit<BillWorkerRequest, 'file' | 'header' | 'start' | 'end'>,
  /** bytes read since the last call, and rows the other threads read (given once, at the end) */
  onBytes?: (bytes: number, otherRows?: number) => void,
): Promise<boolean> {
  const fd = openSync(file, 'r')
  try {
    const head = Buffer.allocUnsafe(Math.min(size, 1 << 20))
    readSync(fd, head, 0, head.length, 0)
    const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0
    const headerEnd = head.indexOf(10, bom)
    if (headerEnd < 0 || head.subarray(bom, headerEnd).includes(34)) return false
    const header = head.subarray(bom, headerEnd + 1).toString('utf8')
    const bodyStart = headerEnd + 1
    // cuts just after a line feed
    const bounds = [bodyStart]
    const probe = Buffer.allocUnsafe(64 * 1024)
    for (let k = 1; k < threads; k++) {
      const at = bodyStart + Math.floor(((size - bodyStart) * k) / threads)
      const n = readSync(fd, probe, 0, probe.length, at)
      const lf = probe.subarray(0, n).indexOf(10)
      if (lf < 0) return false
      bounds.push(Math.max(bounds.at(-1)!, at + lf + 1))
    }
    bounds.push(size)

    const url = await workerUrl()
    const replies: Array<Promise<BillWorkerReply>> = []
    const workers: Worker[] = []
    for (let k = 1; k < threads; k++) {
      const w = new Worker(url)
      workers.push(w)
      replies.push(
        new Promise<BillWorkerReply>((resolve) => {
          w.once('message', resolve)
          w.once('error', () => resolve({ ok: false }))
          w.once('exit', () => resolve({ ok: false }))
        }),
      )
      w.postMessage({
        ...request,
        file,
        header,
        start: bounds[k]!,
        end: bounds[k + 1]!,
      } satisfies BillWorkerRequest)
    }
    try {
      reader.push(header)
      const mine = readRange(fd, bodyStart, bounds[1]!, reader, CHUNK_BYTES, onBytes)
      if (!mine || reader.problem) return false
      const results = await Promise.all(replies)
      let otherRows = 0
      for (const r of results) {
        if (!r.ok) return false
        if (aggregator.merge(r.partial) !== undefined) return false
        otherRows += r.partial.files.reduce((a, f) => a + f.rows, 0)
      }
      onBytes?.(size - bounds[1]!, otherRows)
      return true
    } finally {
      for (const w of workers) void w.terminate()
    }
  } finally {
    closeSync(fd)
  }
}
