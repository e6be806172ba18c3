import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CsvRecordParser } from '../traffic/reference/csv-record-parser'
import { FocusRecordScanner, unquote } from '../../packages/core/src/bills/focus-record-scanner'

function scan(text: string, cuts: number[], wanted?: boolean[], rawColumn = -1) {
  const out: Array<[number, string[]]> = []
  const s = new FocusRecordScanner((fields, count, line) => {
    out.push([line, fields.slice(0, count)])
  })
  s.wanted = wanted
  s.rawColumn = rawColumn
  let at = 0
  for (const c of [...cuts].sort((a, b) => a - b)) {
    s.push(text.slice(at, c))
    at = c
  }
  s.push(text.slice(at))
  s.end()
  return { out, error: s.error }
}

function reference(text: string) {
  const out: Array<[number, string[]]> = []
  const p = new CsvRecordParser((fields, count, line) => {
    if (count) out.push([line, fields.slice(0, count)])
  })
  p.push(text)
  p.end()
  return { out, error: p.error }
}

describe('FocusRecordScanner', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF and LF', () => {
    const text = 'a,b,c\r\n1,"x, ""y""",3\n\n2,"line\nbreak",4\r\n5,,'
    expect(scan(text, []).out).toEqual([
      [1, ['a', 'b', 'c']],
      [2, ['1', 'x, "y"', '3']],
      [4, ['2', 'line\nbreak', '4']],
      [6, ['5', '', '']],
    ])
  })

  it('copies only the wanted columns and hands the raw column over undecoded', () => {
    const text = '1,"{""k"":""v""}",3\n'
    const { out } = scan(text, [], [true, true, false], 1)
    expect(out).toEqual([[1, ['1', '{""k"":""v""}', '']]])
    expect(unquote('{""k"":""v""}')).toBe('{"k":"v"}')
  })

  it('reports an unterminated quote with its line', () => {
    expect(scan('a,b\n1,"open\n', []).error).toEqual({
      line: 2,
      message: expect.stringMatching(/引用符/),
    })
  })

  it('agrees with the core CSV parser for any text cut anywhere', () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z0-9 .-]{0,6}$/),
      fc.stringMatching(/^[a-z,"\n]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
    )
    const record = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','))
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 8 }),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { maxLength: 5 }),
        (records, eol, cuts) => {
          const text = records.filter((r) => r !== '').join(eol) + eol
          const mine = scan(
            text,
            cuts.map((c) => c % (text.length + 1)),
          )
          const ref = reference(text)
          expect(mine.error).toEqual(ref.error)
          expect(mine.out).toEqual(ref.out)
        },
      ),
      { numRuns: 300 },
    )
  })
})
