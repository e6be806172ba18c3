/**
 * Worker thread: parses slices of a 照会ログ (whole records, no header) from their bytes and sums them into one
 * aggregator, so the main thread only reads bytes and the cores share the parsing. Started by
 * traffic-file-reader.ts (bundled, so no TypeScript loader runs here).
 */
import { parentPort } from 'node:worker_threads'
import { TrafficAggregator, type TrafficColumns } from '@warikan/core/traffic'
import { trafficByteReader } from './byte-reader'
import type { WorkerReply, WorkerRequest } from './traffic-worker-protocol'

const port = parentPort
if (!port) throw new Error('traffic-worker.ts must run in a worker thread')

let aggregator = new TrafficAggregator()

const reply = (message: WorkerReply) => port.postMessage(message)

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'finish') {
    reply({ type: 'partial', partial: aggregator.toPartial() })
    aggregator = new TrafficAggregator()
    return
  }
  const reader = trafficByteReader(msg.encoding, {
    columns: msg.columns as TrafficColumns,
    aggregator,
  })
  reader.push(new Uint8Array(msg.buffer, 0, msg.length))
  const result = reader.end()
  if (!result.ok) reply({ type: 'slice', id: msg.id, ok: false, problem: result.problem })
  else
    reply({
      type: 'slice',
      id: msg.id,
      ok: true,
      rows: result.rows,
      lines: reader.linesRead,
      trailingBlankLine: result.trailingBlankLine,
    })
})
