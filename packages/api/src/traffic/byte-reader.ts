/** A {@link TrafficByteReader} wired to Node's decoders for a log encoding. */
import { TextDecoder } from 'node:util'
import { TrafficByteReader, type TrafficByteReaderOptions } from '@warikan/core/traffic'
import type { LogEncoding } from './text-encoding'

export function strictDecoder(encoding: LogEncoding): (bytes: Uint8Array) => string {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true })
  return (bytes) => decoder.decode(bytes)
}

export function trafficByteReader(
  encoding: LogEncoding,
  options: Omit<TrafficByteReaderOptions, 'decode' | 'utf8' | 'encodingName'> = {},
): TrafficByteReader {
  return new TrafficByteReader({
    ...options,
    decode: strictDecoder(encoding),
    utf8: encoding === 'utf-8',
    encodingName: encoding,
  })
}
