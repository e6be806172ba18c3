import type { TrafficAggregate } from '@warikan/core'
import { TrafficAggregator, type TrafficMonth } from '@warikan/core/traffic'
import { CliError, InputError } from '../cli/errors'
import { normalizeEncoding } from './text-encoding'
import { readTrafficFile, type TrafficFileOptions } from './traffic-file-reader'

export interface TrafficFilesSummary {
  aggregate: TrafficAggregate
  months: TrafficMonth[]
}

/**
 * Reads and sums several 照会ログ files (docs/formats/traffic-log.md). The first bad row stops with an InputError
 * naming the file, the 1-based line and the field.
 */
export async function summarizeTrafficFiles(
  files: string[],
  encoding?: string,
  options: Pick<
    TrafficFileOptions,
    'threads' | 'onProgress' | 'parallelMinBytes' | 'unitBytes' | 'chunkBytes'
  > = {},
): Promise<TrafficFilesSummary> {
  const forced = encoding === undefined ? undefined : normalizeEncoding(encoding)
  const total = new TrafficAggregator()
  for (const file of files) {
    let result
    try {
      result = await readTrafficFile(file, { ...options, encoding: forced })
    } catch (e) {
      const err = e as NodeJS.ErrnoException
      if (err.code === 'ENOENT' || err.code === 'EISDIR' || err.code === 'EACCES')
        throw new CliError(`${file}: 読み込めません (cannot read): ${err.message}`, 2)
      throw e
    }
    if (!result.ok) {
      const p = result.problem
      throw new InputError(file, [{ path: `line ${p.line}, ${p.field}`, message: p.message }])
    }
    total.merge(result.aggregator.toPartial())
  }
  return { aggregate: total.toAggregate(), months: total.months() }
}

/** Aggregate one or more 照会ログ files for the traffic driver (`allocate --traffic`). */
export async function readTrafficFiles(
  files: string[],
  encoding?: string,
): Promise<TrafficAggregate> {
  return (await summarizeTrafficFiles(files, encoding)).aggregate
}
