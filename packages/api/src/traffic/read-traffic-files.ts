import type { TrafficAggregate } from '@warikan/core'
import { CliError } from '../cli/errors'

/**
 * Aggregate one or more 照会ログ files (traffic-log-format.md) for the traffic driver.
 * Placeholder until the streaming reader lands (traffic issue).
 */
export async function readTrafficFiles(
  files: string[],
  _encoding?: string,
): Promise<TrafficAggregate> {
  throw new CliError(
    `照会ログの読み込みはまだ実装されていません (--traffic is not supported yet): ${files.join(', ')}`,
    2,
  )
}
