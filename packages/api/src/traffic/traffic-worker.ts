/**
 * Worker thread: reads units (byte ranges) of a 照会ログ straight from the file and sums their rows into one
 * aggregator (traffic-range-reader.ts), so the cores share the parsing and no bytes pass between threads.
 * Started by traffic-file-reader.ts (bundled, so no TypeScript loader runs here).
 */
import { closeSync, openSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { TrafficAggregator } from '@warikan/core/traffic'
import { parseUnits } from './traffic-range-reader'
import type { WorkerReply, WorkerRequest } from './traffic-worker-protocol'

const port = parentPort
if (!port) throw new Error('traffic-worker.ts must run in a worker thread')

port.on('message', (msg: WorkerRequest) => {
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
    reply = { type: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) }
  }
  port.postMessage(reply)
})
