import { describe, expect, it } from 'vitest'
import { MAX_RECORD_BYTES, TrafficByteReader } from './traffic-byte-reader'

// ASCII only here: the core has no text codecs of its own (the api package wires in the real decoders)
const ascii = (b: Uint8Array) => String.fromCharCode(...b)
const bytesOf = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0))
const H = 'timestamp,requester,provider,procedure,records,bytes\n'
const ROW = '2026-06-01T09:00:00+09:00,143014,143219,2-27,1,100\n'

/** Reads `text` pushed in chunks of `chunk` bytes. */
function read(text: string, chunk = 1 << 16) {
  const reader = new TrafficByteReader({ decode: ascii, text: true })
  const bytes = bytesOf(text)
  for (let at = 0; at < bytes.length && !reader.failed; at += chunk)
    reader.push(bytes.subarray(at, at + chunk))
  return reader.end()
}

describe('record limit', () => {
  it.each([
    [
      'an unclosed quote',
      H + ROW + `2026-06-01T09:00:00+09:00,143014,143219,"${'x'.repeat(MAX_RECORD_BYTES)}`,
    ],
    [
      'a closed but huge field',
      H + ROW + `2026-06-01T09:00:00+09:00,143014,143219,"${'x'.repeat(MAX_RECORD_BYTES)}",1,1\n`,
    ],
    [
      'a huge unquoted field',
      H + ROW + `2026-06-01T09:00:00+09:00,143014,143219,${'x'.repeat(MAX_RECORD_BYTES)},1,1\n`,
    ],
  ])('%s: refused at its line', (_, text) => {
    for (const chunk of [7, 4096, 1 << 20]) {
      const r = read(text, chunk)
      expect(r).toMatchObject({ ok: false, problem: { line: 3, field: 'line' } })
      if (!r.ok) expect(r.problem.message).toMatch(/^1 行が 65,536 バイトを超えています/)
    }
  })

  it('a record just under the limit is read', () => {
    const pad = MAX_RECORD_BYTES - ROW.length
    const row = `2026-06-01T09:00:00+09:00,143014,143219,${'x'.repeat(pad + 4)},1,100\n`
    expect(row.length).toBeLessThanOrEqual(MAX_RECORD_BYTES)
    expect(read(H + row, 1000)).toMatchObject({ ok: true, rows: 1 })
  })
})

describe('line ends', () => {
  it.each([
    ['CR only throughout', (H + ROW + ROW).replace(/\n/g, '\r'), 1],
    ['one CR-only row among LF rows', H + ROW + ROW.replace('\n', '\r') + ROW, 3],
    ['a CR inside an unquoted id', H + ROW + ROW.replace('143014', '1430\r14'), 3],
    ['a CR inside the last field', H + ROW + ROW.replace(',100\n', ',1\r00\n'), 3],
  ])('%s: refused, naming the line', (_, text, line) => {
    for (const chunk of [3, 64, 1 << 16]) {
      const r = read(text, chunk)
      expect(r).toMatchObject({ ok: false, problem: { line, field: 'line' } })
      if (!r.ok) expect(r.problem.message).toContain('改行が CR だけです')
    }
  })

  it('CRLF, LF and a quoted CR are read', () => {
    expect(read((H + ROW + ROW).replace(/\n/g, '\r\n'), 5)).toMatchObject({ ok: true, rows: 2 })
    expect(read(H + ROW + ROW)).toMatchObject({ ok: true, rows: 2 })
    const quoted = H + '2026-06-01T09:00:00+09:00,143014,143219,"a\rb",1,1\n'
    expect(read(quoted, 3)).toMatchObject({ ok: true, rows: 1 })
  })
})
