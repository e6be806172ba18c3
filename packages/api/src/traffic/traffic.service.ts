/**
 * Stored 照会ログ imports, in two halves so that no database lock is held while a file is read:
 *  1. stage (traffic-stage.ts; a worker thread by default): the whole file read and validated, its rows
 *     written as numbers to a temporary file — no database access at all;
 *  2. commit: one transaction that inserts the staged rows, the sums, and the audit entry — all-or-nothing,
 *     and as short as the insert itself (the transaction's first statement is a write, so on SQLite it takes
 *     the write lock at once instead of failing to upgrade a read).
 * A log with the same rows as an earlier import of the scenario (or the same bytes) is refused unless forced;
 * forced, it replaces the earlier import in the same transaction, so counts are never doubled.
 * One path for both dialects; the dialect-specific choices (rows per INSERT) sit in traffic.repository.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { TrafficAggregate } from '@warikan/core'
import type { TrafficLogProblem } from '@warikan/core/traffic'
import type { Kysely } from 'kysely'
import { CLI_ACTOR, recordAudit, type Actor } from '../audit/audit.service'
import type { Database } from '../db/database'
import type { LogEncoding } from './text-encoding'
import { WORKER_LIMITS, workerUrl, type ReadProgress } from './traffic-file-reader'
import {
  stagedBatches,
  stageTrafficFile,
  STAGED_ROW_NUMBERS,
  type StagedLog,
  type StageRequest,
  type StageResult,
} from './traffic-stage'
import type { StageReply, WorkerRequest } from './traffic-worker-protocol'
import {
  codeIds,
  countRows,
  deleteImport,
  findDuplicateImports,
  finishImport,
  insertImport,
  loadTrafficAggregate,
  scenarioConsortium,
  selectImports,
  TrafficRowWriter,
  trafficImportsKey,
  type TrafficImportListing,
} from './traffic.repository'

export type ImportOutcome =
  | {
      ok: true
      importId: number
      rows: number
      sha256: string
      recordsSha256: string
      encoding: LogEncoding
      /** ids of the earlier imports this one replaced (forced) */
      replaced: number[]
      /** how long the commit transaction took (ms): the time other writers may wait */
      commitMs: number
    }
  | { ok: false; reason: 'no-scenario' }
  | { ok: false; reason: 'duplicate'; sha256: string; existingFile: string; existingId: number }
  | { ok: false; reason: 'invalid'; problem: TrafficLogProblem }

export interface ImportOptions {
  force?: boolean | undefined
  encoding?: LogEncoding | undefined
  onProgress?: ((p: ReadProgress) => void) | undefined
  /**
   * 2+: read the file in a worker thread, so this thread stays free (the server); 1 (default): on this
   * thread, which saves the worker's start (the CLI has nothing else to do meanwhile)
   */
  threads?: number | undefined
  /** who imports (audit trail and the list of imports); default the CLI */
  actor?: Actor | undefined
  /** the name recorded for the file (default: its path as given) */
  fileName?: string | undefined
}

class Abort extends Error {
  constructor(readonly outcome: Exclude<ImportOutcome, { ok: true }>) {
    super(outcome.reason)
  }
}

/** Imports one log file: staged first (no lock), then committed in one transaction with its audit entry. */
export async function importTrafficFile(
  db: Kysely<Database>,
  scenarioId: number,
  file: string,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  if ((await scenarioConsortium(db, scenarioId)) === undefined)
    return { ok: false, reason: 'no-scenario' }
  const { size } = await stat(file)
  const dir = mkdtempSync(join(tmpdir(), 'warikan-stage-'))
  try {
    const request: StageRequest = {
      file,
      stageFile: join(dir, 'rows.f64'),
      encoding: options.encoding,
    }
    const progress = (bytes: number, rows: number) =>
      options.onProgress?.({ bytes, totalBytes: size, rows })
    const staged =
      (options.threads ?? 1) > 1
        ? await stageInWorker(request, progress)
        : stageTrafficFile(request, progress)
    if (!staged.ok) return { ok: false, reason: 'invalid', problem: staged.problem }
    progress(size, staged.rows)
    return await commitStaged(db, scenarioId, staged, request.stageFile, {
      force: options.force ?? false,
      actor: options.actor ?? CLI_ACTOR,
      fileName: options.fileName ?? file,
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function stageInWorker(
  request: StageRequest,
  onProgress: (bytes: number, rows: number) => void,
): Promise<StageResult> {
  const worker = new Worker(await workerUrl(), WORKER_LIMITS)
  try {
    return await new Promise<StageResult>((resolve, reject) => {
      worker.on('message', (m: StageReply) => {
        if (m.type === 'progress') onProgress(m.bytes, m.rows)
        else if (m.type === 'staged') resolve(m.result)
        else reject(new Error(`traffic worker: ${m.message}`))
      })
      worker.on('error', reject)
      worker.on('exit', (code) => reject(new Error(`traffic worker exited (${code})`)))
      worker.postMessage({ type: 'stage', ...request } satisfies WorkerRequest)
    })
  } finally {
    await worker.terminate()
  }
}

const pendingHash = () =>
  `pending-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`

/** The second half: one transaction with the rows, the sums, the replacement (forced) and the audit entry. */
async function commitStaged(
  db: Kysely<Database>,
  scenarioId: number,
  staged: StagedLog,
  stageFile: string,
  options: { force: boolean; actor: Actor; fileName: string },
): Promise<ImportOutcome> {
  const started = performance.now()
  try {
    return await db.transaction().execute(async (trx) => {
      const importId = await insertImport(trx, {
        scenarioId,
        fileName: options.fileName,
        sha256: pendingHash(),
        encoding: staged.encoding,
        importedBy: options.actor.name,
      })
      const consortiumId = await scenarioConsortium(trx, scenarioId)
      if (consortiumId === undefined) throw new Abort({ ok: false, reason: 'no-scenario' })
      const earlier = await findDuplicateImports(trx, scenarioId, staged, importId)
      if (earlier.length && !options.force)
        throw new Abort({
          ok: false,
          reason: 'duplicate',
          sha256: staged.sha256,
          existingFile: earlier[0]!.fileName,
          existingId: earlier[0]!.id,
        })
      for (const e of earlier) await deleteImport(trx, e.id)
      // staged ids → ids in the lookup tables
      const idsOf = async (table: 'traffic_institution' | 'traffic_procedure', names: string[]) => {
        const found = await codeIds(trx, table, names)
        return Float64Array.from(names, (name) => found.get(name)!)
      }
      const institution = await idsOf('traffic_institution', staged.institutions)
      const procedure = await idsOf('traffic_procedure', staged.procedures)
      const writer = new TrafficRowWriter(trx)
      for (const v of stagedBatches(stageFile)) {
        for (let o = 0; o < v.length; o += STAGED_ROW_NUMBERS) {
          const sent = writer.row(
            importId,
            v[o]!,
            v[o + 1]!,
            institution[v[o + 2]!]!,
            institution[v[o + 3]!]!,
            procedure[v[o + 4]!]!,
            v[o + 5]!,
            v[o + 6]!,
          )
          if (sent) await sent
        }
      }
      await writer.flush()
      await finishImport(trx, importId, staged)
      const replaced = earlier.map((e) => e.id)
      await recordAudit(trx, options.actor, {
        consortiumId,
        scenarioId,
        action: replaced.length ? 'traffic.replace' : 'traffic.import',
        target: `traffic_import:${importId}`,
        ...(replaced.length ? { before: { imports: earlier } } : {}),
        after: {
          file: options.fileName,
          rows: staged.rows,
          importId,
          sha256: staged.sha256,
          recordsSha256: staged.recordsSha256,
          encoding: staged.encoding,
          replaced,
        },
      })
      return {
        ok: true as const,
        importId,
        rows: staged.rows,
        sha256: staged.sha256,
        recordsSha256: staged.recordsSha256,
        encoding: staged.encoding,
        replaced,
        commitMs: performance.now() - started,
      }
    })
  } catch (e) {
    if (e instanceof Abort) return e.outcome
    throw e
  }
}

export type RemoveOutcome =
  { ok: true; removed: TrafficImportListing } | { ok: false; reason: 'no-scenario' | 'no-import' }

/** Removes one import of a scenario (its rows and sums), audited, in one transaction. */
export async function removeTrafficImport(
  db: Kysely<Database>,
  scenarioId: number,
  importId: number,
  actor: Actor = CLI_ACTOR,
): Promise<RemoveOutcome> {
  return db.transaction().execute(async (trx) => {
    const consortiumId = await scenarioConsortium(trx, scenarioId)
    if (consortiumId === undefined) return { ok: false, reason: 'no-scenario' }
    const [found] = await selectImports(trx, scenarioId, importId)
    if (!found) return { ok: false, reason: 'no-import' }
    await deleteImport(trx, importId)
    await recordAudit(trx, actor, {
      consortiumId,
      scenarioId,
      action: 'traffic.remove',
      target: `traffic_import:${importId}`,
      before: found,
    })
    return { ok: true, removed: found }
  })
}

/** The imports of a scenario, oldest first; undefined when there is no such scenario. */
export async function listTrafficImports(
  db: Kysely<Database>,
  scenarioId: number,
): Promise<TrafficImportListing[] | undefined> {
  if ((await scenarioConsortium(db, scenarioId)) === undefined) return undefined
  return selectImports(db, scenarioId)
}

export type { TrafficImportListing } from './traffic.repository'

/** The traffic stored for a scenario (every import summed); undefined when none. */
export const storedTraffic = (
  db: Kysely<Database>,
  scenarioId: number,
): Promise<TrafficAggregate | undefined> => loadTrafficAggregate(db, scenarioId)

/** Changes whenever the scenario's stored traffic changes (an import added, replaced or deleted). */
export const storedTrafficKey = (db: Kysely<Database>, scenarioId: number): Promise<string> =>
  trafficImportsKey(db, scenarioId)

export const storedRowCount = (db: Kysely<Database>, scenarioId?: number): Promise<number> =>
  countRows(db, scenarioId)
