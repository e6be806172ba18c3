/** Every migration, by sortable name. Each feature adds its own file and one line here. */
import type { Migration } from 'kysely'
import * as scenarios from './2026-11-22-001-scenarios'
import * as traffic from './2026-11-22-002-traffic'
import * as authAudit from './2026-11-22-003-auth-audit'
import * as trafficCodes from './2026-11-22-004-traffic-codes'
import * as externalServices from './2026-12-01-060-external-services'
import * as slaDocuments from './2026-12-01-050-sla-documents'
import * as tokenLifecycle from './2026-12-01-040-token-lifecycle'
import * as plans from './2026-12-01-010-plans'
import * as trafficImports from './2026-12-01-030-traffic-imports'
import * as bills from './2026-12-01-020-bills'

export const migrations: Record<string, Migration> = {
  '2026-11-22-001-scenarios': scenarios,
  '2026-11-22-002-traffic': traffic,
  '2026-11-22-003-auth-audit': authAudit,
  '2026-11-22-004-traffic-codes': trafficCodes,
  '2026-12-01-060-external-services': externalServices,
  '2026-12-01-050-sla-documents': slaDocuments,
  '2026-12-01-040-token-lifecycle': tokenLifecycle,
  '2026-12-01-010-plans': plans,
  '2026-12-01-030-traffic-imports': trafficImports,
  '2026-12-01-020-bills': bills,
}
