/**
 * The byte reader (what the CLI, workers and imports use) against the text reader (the test-only reference,
 * RFC 4180 on strings: reference/): same acceptance, same problem (line, field, message), same sums, whatever the chunking.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { timestampEpochMs } from '../../packages/core/src/traffic'
import { readTrafficLogText } from './reference/traffic-log-reader'
import { trafficByteReader } from '../../packages/api/src/traffic/byte-reader'

const encoder = new TextEncoder()

function viaBytes(text: string, cuts: number[]) {
  const bytes = encoder.encode(text)
  const reader = trafficByteReader('utf-8')
  let at = 0
  for (const c of [...cuts.map((x) => Math.floor(x * bytes.length))].sort((a, b) => a - b)) {
    reader.push(bytes.subarray(at, c))
    at = c
  }
  reader.push(bytes.subarray(at))
  const result = reader.end()
  return { result, aggregate: reader.aggregator.toAggregate(), months: reader.aggregator.months() }
}

function viaText(text: string) {
  const { result, reader } = readTrafficLogText(text)
  return { result, aggregate: reader.aggregator.toAggregate(), months: reader.aggregator.months() }
}

const cell = fc.oneof(
  fc.constantFrom(
    '2026-06-01T09:00:00+09:00',
    '2026-06-30T23:30:00Z',
    '2026/03/31 23:59:59',
    '2026-12-31T16:00:00.123-0800',
    ' 2026-06-01T09:00:00+09:00\u3000',
    '2026-02-30T00:00:00Z',
    // the fixed-position form of the one-pass row, and near misses of it
    '2026-06-01 09:00:00+09:00',
    '2024-02-29T23:59:60+09:00',
    '2026-02-29T09:00:00+09:00',
    '2026-06-31T09:00:00+09:00',
    '2026-13-01T09:00:00+09:00',
    '2026-06-01T24:00:00+09:00',
    '2026-06-01T09:60:00+09:00',
    '2026-06-01T09:00:00+09:001',
    '2026-06-01T09:00:00+09:0',
    '2026-06-01T09:00:00+08:00',
    '2026-06-01T09:00:00+0900',
    '2026-06-01T09:00:00+09:00\r',
    '999999999999999',
    '1234567890123456',
    '143014\r',
    '143014',
    ' MHLW ',
    '寒川町',
    '"143219"',
    '"a,b"',
    '"say ""hi""\nnext"',
    '1',
    '0',
    '12',
    ' 7',
    '-1',
    '',
    'x"y',
  ),
  fc.string({ maxLength: 4 }),
)
const log = fc
  .tuple(
    fc.constantFrom(
      'timestamp,requester,provider,procedure,records,bytes',
      '日時,照会元,提供元',
      'bytes,provider,requester,timestamp',
      '\uFEFFtimestamp,requester,provider',
    ),
    fc.array(fc.array(cell, { minLength: 2, maxLength: 7 }), { maxLength: 12 }),
    fc.constantFrom('\n', '\r\n'),
    fc.constantFrom('', '\n', '\n\n'),
  )
  .map(([header, rows, eol, tail]) => header + eol + rows.map((r) => r.join(',')).join(eol) + tail)

const good = (req: string, prov: string, rec: string, by: string) =>
  `2026-06-01T09:00:00+09:00,${req},${prov},2-27,${rec},${by}`

describe('byte reader = text reader', () => {
  it('on random logs, chunked anywhere', () => {
    fc.assert(
      fc.property(
        log,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        (text, cuts) => {
          expect(viaBytes(text, cuts)).toEqual(viaText(text))
        },
      ),
      { numRuns: 400 },
    )
  })
  it('on mostly valid logs (the fast path) with an occasional bad row', () => {
    const row = fc
      .tuple(
        fc.constantFrom('143014', '143219', 'MHLW', 'JPS', ' 144011'),
        fc.constantFrom('143014', 'NTA', '"143219"'),
        fc.constantFrom('1', '3', '', '0', 'x'),
        fc.constantFrom('100', '', '12345', '1e3'),
      )
      .map(([a, b, c, d]) => good(a, b, c, d))
    fc.assert(
      fc.property(
        fc.array(row, { maxLength: 30 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
        (rows, cuts) => {
          const text =
            'timestamp,requester,provider,procedure,records,bytes\n' + rows.join('\n') + '\n'
          expect(viaBytes(text, cuts)).toEqual(viaText(text))
        },
      ),
      { numRuns: 300 },
    )
  })
  it('invalid UTF-8 names its line', () => {
    const bytes = encoder.encode('timestamp,requester,provider\n2026-06-01T09:00:00Z,a,b\n')
    const bad = new Uint8Array([
      ...bytes,
      ...encoder.encode('2026-06-01T09:00:00Z,'),
      0xff,
      0x2c,
      0x61,
      0x0a,
    ])
    const reader = trafficByteReader('utf-8')
    reader.push(bad)
    expect(reader.end()).toMatchObject({ ok: false, problem: { line: 3, field: 'line' } })
  })
})

describe('stored instants', () => {
  it.each([
    // 09:15 JST = 00:15 UTC
    ['2026-06-01T09:15:00+09:00', Date.UTC(2026, 5, 1, 0, 15)],
    ['2026/06/01 09:15:00', Date.UTC(2026, 5, 1, 0, 15)],
    ['2026-06-01T00:15:00.1239Z', Date.UTC(2026, 5, 1, 0, 15, 0, 123)],
    // 20:00 at −08:00 = 04:00 UTC the next day
    ['2026-12-31T20:00:00-0800', Date.UTC(2027, 0, 1, 4)],
  ])('%s', (text, ms) => expect(timestampEpochMs(text)).toBe(ms))
  it('invalid → NaN', () => expect(timestampEpochMs('2026-06-01')).toBeNaN())
})
