import type { Generated } from 'kysely'

/** One imported 照会ログ file. */
export interface TrafficImportTable {
  id: Generated<number>
  scenario_id: number
  file_name: string
  /** sha256 of the file's bytes, hex; unique per scenario */
  content_sha256: string
  encoding: string
  row_count: number
  imported_at: Generated<string | Date>
  /** sha256 of the rows as read (decoded and normalised; traffic-stage.ts); null for imports made before it */
  records_sha256: string | null
  /** the earliest and latest timestamp, ms since 1970 UTC; null when the file has no rows */
  first_at: number | null
  last_at: number | null
  /** the actor's name (token name, or `cli`) */
  imported_by: string | null
}

/** One log row as read (its 1-based line; the timestamp as an instant; codes as lookup ids). */
export interface TrafficRowTable {
  import_id: number
  line: number
  /** the timestamp's instant in milliseconds since 1970-01-01T00:00Z */
  occurred_at: number
  /** traffic_institution.id of the 照会元 */
  requester_id: number
  /** traffic_institution.id of the 提供先 */
  provider_id: number
  /** traffic_procedure.id of the 事務番号 */
  procedure_id: number
  records: number
  bytes: number
}

/** A code that rows refer to by id: traffic_institution (照会元・提供先) and traffic_procedure (事務番号). */
export interface TrafficCodeTable {
  id: Generated<number>
  code: string
}

/** 照会元 × 提供先 sums of one import. */
export interface TrafficPairTable {
  import_id: number
  requester: string
  provider: string
  queries: number
  records: number
  bytes: number
}

/** Monthly sums (JST) of one import. */
export interface TrafficMonthTable {
  import_id: number
  /** YYYY-MM */
  month: string
  queries: number
  records: number
  bytes: number
}

export interface TrafficTables {
  traffic_import: TrafficImportTable
  traffic_row: TrafficRowTable
  traffic_institution: TrafficCodeTable
  traffic_procedure: TrafficCodeTable
  traffic_pair: TrafficPairTable
  traffic_month: TrafficMonthTable
}
