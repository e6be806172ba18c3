/**
 * Worker thread for large FOCUS files: sums one byte range with its own aggregator and hands back the partial
 * sums. Any problem answers `ok: false` and the caller reads the file in order (to name the exact line).
 * Started by bill-parallel.ts (bundled, so no TypeScript loader runs here).
 */
import { closeSync, openSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { BillAggregator, BillCsvReader, type BillMap, type BillPartial } from '@warikan/core/bills'
import { readRange } from './bill-range-reader'

export interface BillWorkerRequest {
  file: string
  header: string
  start: number
  end: number
  map: BillMap
  rates: Record<string, { m: string; s: number }>
  members?: Array<{ code: string; name: string }> | undefined
}

export type BillWorkerReply = { ok: true; partial: BillPartial } | { ok: false }

const port = parentPort
if (port)
  port.on('message', (msg: BillWorkerRequest) => {
    let reply: BillWorkerReply
    try {
      const rates = Object.fromEntries(
        Object.entries(msg.rates).map(([k, v]) => [k, { m: BigInt(v.m), s: v.s }]),
      )
      const aggregator = new BillAggregator(msg.map, {
        rates,
        ...(msg.members ? { members: msg.members } : {}),
      })
      const reader = new BillCsvReader(msg.file, aggregator, msg.map)
      reader.push(msg.header)
      const fd = openSync(msg.file, 'r')
      let ok: boolean
      try {
        ok = readRange(fd, msg.start, msg.end, reader)
      } finally {
        closeSync(fd)
      }
      reply = ok && !reader.end() ? { ok: true, partial: aggregator.toPartial() } : { ok: false }
    } catch {
      reply = { ok: false }
    }
    port.postMessage(reply)
  })
