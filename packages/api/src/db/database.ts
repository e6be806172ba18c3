/** The database as Kysely sees it: every feature's tables. */
import type { AuditTables } from '../audit/audit.table'
import type { AuthTables } from '../auth/auth.table'
import type { RegisterTables } from '../register/register.table'
import type { PlanTables } from '../plan/plan.table'
import type { BillTables } from '../bills/bills.table'
import type { ScenarioTables } from '../scenario/scenario.table'
import type { SlaTables } from '../sla/sla.table'
import type { TrafficTables } from '../traffic/traffic.table'

export type Database = ScenarioTables &
  AuthTables &
  AuditTables &
  TrafficTables &
  RegisterTables &
  SlaTables &
  PlanTables &
  BillTables
