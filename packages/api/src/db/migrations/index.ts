/** Every migration, by sortable name. Each feature adds its own file and one line here. */
import type { Migration } from 'kysely'
import * as scenarios from './2026-11-22-001-scenarios'
import * as traffic from './2026-11-22-002-traffic'
import * as authAudit from './2026-11-22-003-auth-audit'
import * as trafficCodes from './2026-11-22-004-traffic-codes'
import * as bills from './2026-12-01-020-bills'

export const migrations: Record<string, Migration> = {
  '2026-11-22-001-scenarios': scenarios,
  '2026-11-22-002-traffic': traffic,
  '2026-11-22-003-auth-audit': authAudit,
  '2026-11-22-004-traffic-codes': trafficCodes,
  '2026-12-01-020-bills': bills,
}
