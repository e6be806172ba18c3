/**
 * An uploaded 照会ログ is first written to a temporary file — nothing touches the database while the body
 * arrives, however slowly — with a size limit, a time limit for the whole body and one for silence; then it
 * is imported like a file (traffic.service.ts: staged, then one short transaction). A process takes a bounded
 * number of uploads at once ({@link UploadGate}); past that the caller answers 503 with Retry-After.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'
import { importTrafficFile, type ImportOptions, type ImportOutcome } from './traffic.service'

export interface UploadLimits {
  maxBytes: number
  /** the whole body must arrive within this */
  timeoutMs: number
  /** and no gap between two chunks may be longer than this */
  idleMs: number
}

export type UploadOutcome =
  | ImportOutcome
  | { ok: false; reason: 'too-large'; maxBytes: number }
  | { ok: false; reason: 'timeout'; afterMs: number; bytes: number }
  | { ok: false; reason: 'aborted'; bytes: number }

type Spooled =
  | { ok: true; bytes: number }
  | Extract<UploadOutcome, { reason: 'too-large' | 'timeout' | 'aborted' }>

/** Writes the body to `file` within the limits; the body is cancelled when a limit is hit. */
export async function spoolBody(
  body: ReadableStream<Uint8Array>,
  file: string,
  limits: UploadLimits,
): Promise<Spooled> {
  const started = Date.now()
  const out = await open(file, 'w')
  const reader = body.getReader()
  let bytes = 0
  let timer: NodeJS.Timeout | undefined
  try {
    for (;;) {
      const left = limits.timeoutMs - (Date.now() - started)
      const wait = Math.max(0, Math.min(left, limits.idleMs))
      let next: Awaited<ReturnType<typeof reader.read>> | 'late'
      try {
        next = await Promise.race([
          reader.read(),
          new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), wait))),
        ])
      } catch {
        return { ok: false, reason: 'aborted', bytes } // the client went away mid-body
      }
      clearTimeout(timer)
      if (next === 'late') {
        void reader.cancel().catch(() => {})
        return { ok: false, reason: 'timeout', afterMs: Date.now() - started, bytes }
      }
      if (next.done) return { ok: true, bytes }
      bytes += next.value.byteLength
      if (bytes > limits.maxBytes) {
        void reader.cancel().catch(() => {})
        return { ok: false, reason: 'too-large', maxBytes: limits.maxBytes }
      }
      await out.write(next.value)
    }
  } finally {
    clearTimeout(timer)
    reader.releaseLock()
    await out.close()
  }
}

/** Spools an upload to a temporary file, then imports it (the temporary file is always removed). */
export async function importTrafficUpload(
  db: Kysely<Database>,
  scenarioId: number,
  fileName: string,
  body: ReadableStream<Uint8Array>,
  limits: UploadLimits,
  options: Omit<ImportOptions, 'fileName'> = {},
): Promise<UploadOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'warikan-upload-'))
  try {
    const file = join(dir, 'upload.csv')
    const spooled = await spoolBody(body, file, limits)
    if (!spooled.ok) return spooled
    return await importTrafficFile(db, scenarioId, file, { ...options, fileName })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** At most `limit` uploads at once in this process; {@link enter} gives a release, or undefined when full. */
export class UploadGate {
  private active = 0
  constructor(private readonly limit: number) {}

  enter(): (() => void) | undefined {
    if (this.active >= this.limit) return undefined
    this.active++
    let released = false
    return () => {
      if (!released) this.active--
      released = true
    }
  }
}
