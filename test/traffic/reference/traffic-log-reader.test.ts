import { describe, expect, it } from 'vitest'
import { readTrafficLogText, TrafficLogReader } from './traffic-log-reader'
import {
  monthKey,
  resolveTrafficHeader,
  timestampMonthJst,
} from '../../../packages/core/src/traffic'

const aggregateOf = (text: string) => {
  const { result, reader } = readTrafficLogText(text)
  return { result, aggregate: reader.aggregator.toAggregate(), months: reader.aggregator.months() }
}
const problemOf = (text: string) => {
  const { result } = readTrafficLogText(text)
  if (result.ok) throw new Error('expected a problem')
  return result.problem
}

describe('header aliases', () => {
  it.each([
    ['timestamp,requester,provider', 0, 1, 2],
    ['TimeStamp,REQUESTER,Provider', 0, 1, 2],
    ['照会日時,照会機関コード,提供機関コード', 0, 1, 2],
    ['日時,照会元,提供元', 0, 1, 2],
    ['提供元,備考,照会元,日時', 3, 2, 0],
  ])('%s', (header, ts, req, prov) => {
    const r = resolveTrafficHeader(header.split(','))
    expect(r.ok && [r.columns.timestamp, r.columns.requester, r.columns.provider]).toEqual([
      ts,
      req,
      prov,
    ])
  })
  it('optional columns by Japanese names', () => {
    const r = resolveTrafficHeader(['事務番号', '件数', 'バイト数', '日時', '照会元', '提供元'])
    expect(r.ok && [r.columns.procedure, r.columns.records, r.columns.bytes]).toEqual([0, 1, 2])
  })
  it('missing and duplicate columns are header errors on line 1', () => {
    expect(problemOf('timestamp,requester\n')).toMatchObject({ line: 1, field: 'header' })
    expect(problemOf('timestamp,requester,provider,照会元\n').message).toContain('requester')
    expect(problemOf('')).toMatchObject({ line: 1, field: 'header' })
  })
})

describe('records', () => {
  it('BOM, CRLF, quoting with commas, doubled quotes and line breaks', () => {
    const text =
      '\uFEFFtimestamp,requester,provider,procedure,records,bytes\r\n' +
      '2026-06-01T09:00:00+09:00,143014,MHLW,"2-27, 地方税",2,100\r\n' +
      '"2026/06/02 10:00:00","143219","143014","say ""hi""\r\nnext",,\r\n' +
      '2026-06-03T00:00:00Z,143014,MHLW,x,1,5\r\n'
    const { result, aggregate } = aggregateOf(text)
    expect(result.ok).toBe(true)
    // 143014→MHLW: 2 rows, records 2+1, bytes 100+5; 143219→143014: records default 1, bytes default 0
    expect(aggregate).toEqual({
      rows: 3,
      pairs: [
        { requester: '143014', provider: 'MHLW', queries: 2, records: 3, bytes: 105 },
        { requester: '143219', provider: '143014', queries: 1, records: 1, bytes: 0 },
      ],
    })
  })
  it('a blank last line is fine, other blank lines are errors', () => {
    const head = 'timestamp,requester,provider\n2026-06-01T09:00:00+09:00,a,b\n'
    expect(readTrafficLogText(head).result.ok).toBe(true)
    expect(readTrafficLogText(head + '\n').result.ok).toBe(true)
    expect(readTrafficLogText(head + '\r\n').result.ok).toBe(true)
    expect(problemOf(head + '\n\n')).toMatchObject({ line: 3, field: 'line' })
    expect(problemOf('timestamp,requester,provider\n\n2026-06-01T09:00:00Z,a,b\n')).toMatchObject({
      line: 2,
    })
  })
  it('no final line break', () => {
    expect(
      aggregateOf('timestamp,requester,provider\n2026-06-01T09:00:00Z,a,b').result,
    ).toMatchObject({ ok: true, rows: 1 })
  })
  it('pairs sort by requester then provider in plain string order', () => {
    const t =
      'timestamp,requester,provider\n' +
      ['b,Z', 'b,a', 'B,a', '143014,MHLW', '143014,JPS']
        .map((p) => `2026-06-01T09:00:00Z,${p}`)
        .join('\n')
    expect(aggregateOf(t).aggregate.pairs.map((p) => `${p.requester}|${p.provider}`)).toEqual([
      '143014|JPS',
      '143014|MHLW',
      'B|a',
      'b|Z',
      'b|a',
    ])
  })
})

describe('malformed rows name the line where the record starts', () => {
  const H = 'timestamp,requester,provider,records,bytes\n'
  const ok = '2026-06-01T09:00:00+09:00,143014,MHLW,1,10\n'
  it.each([
    ['bad timestamp', '2026-06-31T09:00:00+09:00,143014,MHLW,1,10\n', 'timestamp'],
    ['timestamp without offset', '2026-06-01T09:00:00,143014,MHLW,1,10\n', 'timestamp'],
    ['empty timestamp', ',143014,MHLW,1,10\n', 'timestamp'],
    ['missing requester', '2026-06-01T09:00:00+09:00,,MHLW,1,10\n', 'requester'],
    ['missing provider', '2026-06-01T09:00:00+09:00,143014, ,1,10\n', 'provider'],
    ['records 0', '2026-06-01T09:00:00+09:00,143014,MHLW,0,10\n', 'records'],
    ['records decimal', '2026-06-01T09:00:00+09:00,143014,MHLW,1.5,10\n', 'records'],
    ['bytes negative', '2026-06-01T09:00:00+09:00,143014,MHLW,1,-3\n', 'bytes'],
    ['too few columns', '2026-06-01T09:00:00+09:00,143014,MHLW,1\n', 'columns'],
    ['too many columns', '2026-06-01T09:00:00+09:00,143014,MHLW,1,2,3\n', 'columns'],
    ['text after a closing quote', '"2026-06-01T09:00:00+09:00"x,143014,MHLW,1,2\n', 'line'],
  ])('%s → line 4', (_, bad, field) => {
    expect(problemOf(H + ok + ok + bad + ok)).toMatchObject({ line: 4, field })
  })
  it('a record after a quoted line break: its own first line', () => {
    const quoted = '2026-06-01T09:00:00+09:00,"143\n014",MHLW,1,10\n'
    const bad = '2026-06-01T09:00:00+09:00,143014,MHLW,x,10\n'
    // header 1, quoted record lines 2–3, bad record line 4
    expect(problemOf(H + quoted + bad)).toMatchObject({ line: 4, field: 'records' })
    // a bad record that itself spans lines 2–3 reports line 2
    expect(problemOf(H + '2026-06-01T09:00:00+09:00,"143\n014",MHLW,0,10\n')).toMatchObject({
      line: 2,
    })
  })
  it('an unterminated quote reports the line where the record starts', () => {
    expect(problemOf(H + ok + '2026-06-01T09:00:00+09:00,"143014,MHLW,1,10\n' + ok)).toMatchObject({
      line: 3,
      field: 'line',
    })
  })
})

describe('chunking does not change the result', () => {
  const text =
    'timestamp,requester,provider,procedure\r\n' +
    '2026-06-01T09:00:00+09:00,143014,MHLW,"a ""b"", c\r\nd"\r\n' +
    '2026/06/02 10:00:00,143219,143014,\r\n' +
    '2026-06-03T00:00:00Z,143014,MHLW,"x"\r\n'
  const whole = aggregateOf(text)
  it('every split point, and one character at a time', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const reader = new TrafficLogReader()
      reader.push(text.slice(0, cut))
      reader.push(text.slice(cut))
      expect(reader.end()).toEqual(whole.result)
      expect(reader.aggregator.toAggregate()).toEqual(whole.aggregate)
    }
    const reader = new TrafficLogReader()
    for (const ch of text) reader.push(ch)
    expect(reader.end()).toEqual(whole.result)
  })
  it('line numbers survive chunking', () => {
    const bad = text + '2026-06-04T00:00:00Z,143014\r\n'
    for (let cut = 0; cut <= bad.length; cut += 7) {
      const reader = new TrafficLogReader()
      reader.push(bad.slice(0, cut))
      reader.push(bad.slice(cut))
      // header 1, record 2–3, 4, 5, bad 6
      expect(reader.end()).toMatchObject({ ok: false, problem: { line: 6, field: 'columns' } })
    }
  })
})

describe('timestamps and months (JST)', () => {
  it.each([
    ['2026-06-01T09:15:00+09:00', '2026-06'],
    ['2026/06/30 23:59:59', '2026-06'],
    ['2026-06-30T15:00:00Z', '2026-07'], // 15:00 UTC = 00:00 JST next day
    ['2026-06-30T14:59:59.123Z', '2026-06'],
    ['2026-12-31T20:00:00-05:00', '2027-01'],
    ['2026-03-01T00:30:00+1000', '2026-02'], // 00:30 +10:00 = 23:30 JST the day before
    ['2024-02-29T12:00:00+09:00', '2024-02'],
  ])('%s → %s', (ts, month) => expect(monthKey(timestampMonthJst(ts))).toBe(month))
  it.each([
    '2026-02-29T12:00:00+09:00',
    '2026-06-01 09:15',
    '2026/06/01 09:15:00+09:00',
    '2026-06-01T24:00:00Z',
    '2026-13-01T00:00:00Z',
    '26-06-01T00:00:00Z',
    '2026-06-01T09:15:00+9:00',
  ])('rejects %s', (ts) => expect(timestampMonthJst(ts)).toBe(-1))
})
