/**
 * Finds where a JSON text first goes wrong (1-based line and column), for error messages that
 * name the line. Only called after JSON.parse has failed; a small recursive-descent scanner.
 */
export interface JsonSyntaxError {
  line: number
  column: number
  message: string
}

export function locateJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0
  const fail = (message: string): never => {
    throw Object.assign(new Error(message), { at: i })
  }
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++
  }
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length
    else fail(`unexpected ${describe(text[i])}`)
  }
  const string = () => {
    i++ // opening quote
    while (i < text.length) {
      const ch = text[i]!
      if (ch === '"') {
        i++
        return
      }
      if (ch === '\\') {
        i++
        const esc = text[i]
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('bad \\u escape')
          i += 5
          continue
        }
        if (esc === undefined || !'"\\/bfnrt'.includes(esc)) fail('bad escape')
        i++
        continue
      }
      if (ch < ' ') fail('control character in string')
      i++
    }
    fail('unterminated string')
  }
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i))
    if (!m) fail(`unexpected ${describe(text[i])}`)
    i += m![0].length
  }
  const value = (): void => {
    ws()
    const ch = text[i]
    if (ch === '{') {
      i++
      ws()
      if (text[i] === '}') {
        i++
        return
      }
      for (;;) {
        ws()
        if (text[i] !== '"') fail(`expected a property name, found ${describe(text[i])}`)
        string()
        ws()
        if (text[i] !== ':') fail(`expected ':', found ${describe(text[i])}`)
        i++
        value()
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === '}') {
          i++
          return
        }
        fail(`expected ',' or '}', found ${describe(text[i])}`)
      }
    }
    if (ch === '[') {
      i++
      ws()
      if (text[i] === ']') {
        i++
        return
      }
      for (;;) {
        value()
        ws()
        if (text[i] === ',') {
          i++
          continue
        }
        if (text[i] === ']') {
          i++
          return
        }
        fail(`expected ',' or ']', found ${describe(text[i])}`)
      }
    }
    if (ch === '"') return string()
    if (ch === 't') return literal('true')
    if (ch === 'f') return literal('false')
    if (ch === 'n') return literal('null')
    return number()
  }
  try {
    value()
    ws()
    if (i < text.length) fail(`unexpected ${describe(text[i])} after the value`)
    return undefined
  } catch (e) {
    const at = (e as { at?: number }).at ?? i
    const before = text.slice(0, at)
    const line = before.split('\n').length
    const column = at - before.lastIndexOf('\n')
    return { line, column, message: (e as Error).message }
  }
}

const describe = (ch: string | undefined) => (ch === undefined ? 'end of file' : JSON.stringify(ch))
