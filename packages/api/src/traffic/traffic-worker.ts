/**
 * Worker thread for 照会ログ files: either sums units (byte ranges) read straight from the file
 * (traffic-range-reader.ts), so the cores share the parsing and no bytes pass between threads; or parses a
 * file in order for a stored import and hands the rows over in batches (traffic-row-stream.ts), so the main
 * thread only inserts. Started by traffic-file-reader.ts (bundled, so no TypeScript loader runs here).
 */
import { closeSync, openSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { TrafficAggregator } from '@warikan/core/traffic'
import { parseUnits } from './traffic-range-reader'
import { streamRows } from './traffic-row-stream'
import type { WorkerReply, WorkerRequest } from './traffic-worker-protocol'

const port = parentPort
if (!port) throw new Error('traffic-worker.ts must run in a worker thread')

const failure = (e: unknown): WorkerReply => ({
  type: 'error',
  message: e instanceof Error ? (e.stack ?? e.message) : String(e),
})

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'import') {
    try {
      streamRows(msg, (m, transfer) => port.postMessage(m, transfer))
    } catch (e) {
      port.postMessage(failure(e))
    }
    return
  }
  let reply: WorkerReply
  try {
    const fd = openSync(msg.file, 'r')
    try {
      const aggregator = new TrafficAggregator()
      const results = parseUnits(fd, msg.plan, msg.counter, aggregator, msg.chunkBytes)
      reply = { type: 'done', results, partial: aggregator.toPartial() }
    } finally {
      closeSync(fd)
    }
  } catch (e) {
    reply = failure(e)
  }
  port.postMessage(reply)
})
