/** A {@link TrafficByteReader} wired to Node's decoders for a log encoding. */
import { TextDecoder } from 'node:util'
import { TrafficByteReader, type TrafficByteReaderOptions } from '@warikan/core/traffic'
import type { LogEncoding } from './text-encoding'

const latin1Slice = Buffer.prototype.latin1Slice as (
  this: Uint8Array,
  start: number,
  end: number,
) => string

/** ASCII bytes → text without a copy (Buffer#latin1Slice works on any Uint8Array). */
export const asciiSlice = (buf: Uint8Array, start: number, end: number): string =>
  latin1Slice.call(buf, start, end)

export function strictDecoder(encoding: LogEncoding): (bytes: Uint8Array) => string {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })
  return (bytes) => decoder.decode(bytes)
}

export function trafficByteReader(
  encoding: LogEncoding,
  options: Omit<TrafficByteReaderOptions, 'decode' | 'ascii' | 'utf8' | 'encodingName'> = {},
): TrafficByteReader {
  return new TrafficByteReader({
    ...options,
    decode: strictDecoder(encoding),
    ascii: asciiSlice,
    utf8: encoding === 'utf-8',
    encodingName: encoding,
  })
}
