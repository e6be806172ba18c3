/** A progress bar on stderr (rows, rows/s, ETA) — only when stderr is a terminal. */
import { formatInteger } from '@warikan/core'
import type { CliContext } from '../cli/command'
import type { ReadProgress } from './traffic-file-reader'

export interface ProgressReporter {
  update: (p: ReadProgress) => void
  done: () => void
}

const WIDTH = 24

export function progressReporter(ctx: CliContext, label = ''): ProgressReporter {
  if (!ctx.stderrIsTTY) return { update: () => {}, done: () => {} }
  const started = Date.now()
  let last = 0
  let shown = false
  return {
    update(p) {
      const now = Date.now()
      if (now - last < 200) return
      last = now
      const seconds = (now - started) / 1000
      const fraction = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : 0
      const filled = Math.round(fraction * WIDTH)
      const rate = seconds > 0 ? Math.round(p.rows / seconds) : 0
      const eta = fraction > 0 ? Math.max(0, Math.round(seconds / fraction - seconds)) : 0
      ctx.stderr(
        `\r${label}[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ` +
          `${formatInteger(p.rows)} 行 ${formatInteger(rate)} 行/秒 残り ${eta} 秒   `,
      )
      shown = true
    },
    done() {
      if (shown) ctx.stderr('\n')
    },
  }
}
