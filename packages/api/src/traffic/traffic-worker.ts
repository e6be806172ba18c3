/**
 * Worker thread: parses slices of a 照会ログ (whole records, no header) and sums them into one aggregator,
 * so the main thread only reads bytes and the cores share the parsing. Loaded by traffic-worker-pool.ts.
 */
import { TextDecoder } from 'node:util'
import { parentPort } from 'node:worker_threads'
import { TrafficAggregator, TrafficLogReader, type TrafficColumns } from '@warikan/core/traffic'
import type { WorkerReply, WorkerRequest } from './traffic-worker-protocol'

const port = parentPort
if (!port) throw new Error('traffic-worker.ts must run in a worker thread')

let aggregator = new TrafficAggregator()
const decoders = new Map<string, TextDecoder>()

const reply = (message: WorkerReply) => port.postMessage(message)

port.on('message', (msg: WorkerRequest) => {
  if (msg.type === 'finish') {
    reply({ type: 'partial', partial: aggregator.toPartial() })
    aggregator = new TrafficAggregator()
    return
  }
  let decoder = decoders.get(msg.encoding)
  if (!decoder)
    decoders.set(msg.encoding, (decoder = new TextDecoder(msg.encoding, { fatal: true })))
  let text: string
  try {
    text = decoder.decode(new Uint8Array(msg.buffer))
  } catch {
    reply({
      type: 'slice',
      id: msg.id,
      ok: false,
      problem: { line: 1, field: 'line', message: encodingMessage(msg.encoding) },
    })
    return
  }
  const reader = new TrafficLogReader({ columns: msg.columns as TrafficColumns, aggregator })
  reader.push(text)
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

function encodingMessage(encoding: string): string {
  return `文字コード ${encoding} として読めないバイトがあります。--encoding を指定してください (invalid ${encoding} bytes; try --encoding)`
}
