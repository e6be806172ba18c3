import type { Generated, Selectable } from 'kysely'

export type SlaDocumentKind = 'sla' | 'incidents' | 'continuity'

export interface SlaDocumentTable {
  id: Generated<number>
  consortium_id: number
  kind: SlaDocumentKind
  title: string
  /** for an incident log: the SLA file it is read against */
  sla_id: number | null
  /** JSON text (sla, continuity) or the CSV text (incidents) */
  content: string
  version: Generated<number>
  created_at: Generated<string | Date>
  updated_at: Generated<string | Date>
}

export type SlaDocumentRow = Selectable<SlaDocumentTable>

export interface SlaTables {
  sla_document: SlaDocumentTable
}
