/** Display width in a terminal: East Asian wide and fullwidth characters count 2. */
export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f)) continue
    w += isWide(cp) ? 2 : 1
  }
  return w
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
}

export type Align = 'left' | 'right'

/** An aligned plain-text table (for the CLI's `--format table`). */
export function renderTable(header: string[], rows: string[][], align: Align[] = []): string {
  const widths = header.map((h, c) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))),
  )
  const pad = (text: string, c: number) => {
    const gap = ' '.repeat(widths[c]! - displayWidth(text))
    return (align[c] ?? 'left') === 'right' ? gap + text : text + gap
  }
  const line = (cells: string[]) =>
    cells
      .map((t, c) => pad(t, c))
      .join('  ')
      .trimEnd()
  const rule = widths.map((w) => '─'.repeat(w)).join('  ')
  return [line(header), rule, ...rows.map(line)].join('\n')
}
