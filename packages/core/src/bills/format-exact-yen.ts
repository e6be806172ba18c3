import { formatYen } from '../format/ja'

/** An exact decimal yen text with thousands separators: "22976.90641" → "¥22,976.90641", "-1513.7" → "−¥1,513.7". */
export function formatExactYen(text: string): string {
  const neg = text.startsWith('-')
  const [int, frac] = (neg ? text.slice(1) : text).split('.')
  const body = formatYen(BigInt(int || '0')) + (frac ? `.${frac}` : '')
  return neg ? `−${body}` : body
}
