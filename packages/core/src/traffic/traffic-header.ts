/** The header row of a 照会ログ (docs/formats/traffic-log.md): English or Japanese names, any order, any case. */

/** The fields of one log row. */
export type TrafficField =
  'timestamp' | 'requester' | 'provider' | 'procedure' | 'records' | 'bytes'

export const TRAFFIC_FIELDS: readonly TrafficField[] = [
  'timestamp',
  'requester',
  'provider',
  'procedure',
  'records',
  'bytes',
]

const REQUIRED: readonly TrafficField[] = ['timestamp', 'requester', 'provider']

/** Accepted header names (compared after trimming and lower-casing). */
export const TRAFFIC_HEADER_ALIASES: Readonly<Record<TrafficField, readonly string[]>> = {
  /** 照会日時 */
  timestamp: ['timestamp', '照会日時', '日時'],
  /** 照会機関コード (照会元) */
  requester: ['requester', '照会機関コード', '照会元'],
  /** 提供機関コード (提供元) */
  provider: ['provider', '提供機関コード', '提供元'],
  /** 事務番号 (別表第二の項) */
  procedure: ['procedure', '事務番号', '事務'],
  /** 件数 */
  records: ['records', '件数'],
  /** バイト数 */
  bytes: ['bytes', 'バイト数'],
}

const LOOKUP = new Map<string, TrafficField>()
for (const field of TRAFFIC_FIELDS)
  for (const alias of TRAFFIC_HEADER_ALIASES[field]) LOOKUP.set(alias.toLowerCase(), field)

/** Column index of each field in a record; -1 when the optional column is absent. */
export interface TrafficColumns {
  timestamp: number
  requester: number
  provider: number
  procedure: number
  records: number
  bytes: number
  /** number of columns every record must have */
  count: number
}

export type HeaderResult =
  { ok: true; columns: TrafficColumns } | { ok: false; field: string; message: string }

/** Matches header names to fields; unknown columns are allowed and ignored. */
export function resolveTrafficHeader(names: readonly string[]): HeaderResult {
  const columns: TrafficColumns = {
    timestamp: -1,
    requester: -1,
    provider: -1,
    procedure: -1,
    records: -1,
    bytes: -1,
    count: names.length,
  }
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!.replace(/^\uFEFF/, '').trim()
    const field = LOOKUP.get(name.toLowerCase())
    if (!field) continue
    if (columns[field] >= 0) {
      return {
        ok: false,
        field,
        message: `列 ${field} が重複しています (duplicate column "${name}")`,
      }
    }
    columns[field] = i
  }
  for (const field of REQUIRED) {
    if (columns[field] < 0) {
      return {
        ok: false,
        field,
        message: `必須の列 ${field} がありません (missing column; accepted headers: ${TRAFFIC_HEADER_ALIASES[field].join(', ')})`,
      }
    }
  }
  return { ok: true, columns }
}
