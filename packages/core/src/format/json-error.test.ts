import { describe, expect, it } from 'vitest'
import { locateJsonError } from './json-error'

describe('locateJsonError', () => {
  it.each([
    ['{\n  "a": 1,\n  "b": [\n}', 4, 1],
    ['{"a": 1,}', 1, 9],
    ['{"a" 1}', 1, 6],
    ['[1, 2', 1, 6],
    ['{"a": tru}', 1, 7],
    ['{}\n{}', 2, 1],
  ])('%j → line %i column %i', (text, line, column) => {
    expect(locateJsonError(text)).toMatchObject({ line, column })
  })
  it('accepts valid JSON', () =>
    expect(locateJsonError('{"a": [1, -2.5e3, "x\\n", null, true]}')).toBeUndefined())
})
