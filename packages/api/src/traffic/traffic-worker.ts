/**
 * Worker thread for 照会ログ files: either sums units (byte ranges) read straight from the file
 * (traffic-range-reader.ts), so the cores share the parsing and no bytes pass between threads; or validates
 * and stages a file for a stored import (traffic-stage.ts), so the main thread stays free meanwhile. Started by traffic-file-reader.ts (bundled, so no TypeScript loader runs here).
 */
import { closeSync, openSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { TrafficAggregator } from '@warikan/core/traffic'
import { parseUnits } from './traffic-range-reader'
import { stageTrafficFile } from './traffic-stage'
import type { StageReply, WorkerReply, WorkerRequest } from './traffic-worker-protocol'

const port = parentPort
if (!port) throw new Error('traffic-worker.ts must run in a worker thread')

const failure = (e: unknown): WorkerReply => ({
  type: 'error',
  message: e instanceof Error ? (e.stack ?? e.message) : String(e),
})

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'stage') {
    let last = 0
    try {
      const result = stageTrafficFile(msg, (bytes, rows) => {
        if (bytes - last < 8 << 20) return
        last = bytes
        port.postMessage({ type: 'progress', bytes, rows } satisfies StageReply)
      })
      port.postMessage({ type: 'staged', result } satisfies StageReply)
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
