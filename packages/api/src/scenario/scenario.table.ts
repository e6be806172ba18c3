import type { Generated } from 'kysely'

export interface ConsortiumTable {
  id: Generated<number>
  name: string
  created_at: Generated<string | Date>
  /** 1 = the demo consortium written by `serve --demo` (demo mode refuses any other consortium) */
  demo: Generated<number>
}

export interface ScenarioTable {
  id: Generated<number>
  consortium_id: number
  title: string
  fiscal_year: number
  population_date: string | null
  description: string | null
  rounding_json: string | null
  target_json: string | null
  /** extension fields (services, patterns, coalitionModel) as given */
  extensions_json: string | null
  version: Generated<number>
  created_at: Generated<string | Date>
  updated_at: Generated<string | Date>
}

export interface MemberTable {
  id: Generated<number>
  scenario_id: number
  position: number
  code: string
  name: string
  population: number
  standalone_cost: number | null
  metrics_json: string | null
}

export interface CostItemTable {
  id: Generated<number>
  scenario_id: number
  position: number
  cost_key: string
  name: string
  amount: number
  rule_json: string
  traffic_json: string | null
  has_subset: number
}

export interface CostParticipantTable {
  cost_item_id: number
  position: number
  member_code: string
}

export interface ScenarioTables {
  consortium: ConsortiumTable
  scenario: ScenarioTable
  member: MemberTable
  cost_item: CostItemTable
  cost_participant: CostParticipantTable
}
