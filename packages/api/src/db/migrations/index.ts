/** Every migration, by sortable name. Each feature adds its own file and one line here. */
import type { Migration } from 'kysely'
import * as scenarios from './2026-11-22-001-scenarios'

export const migrations: Record<string, Migration> = {
  '2026-11-22-001-scenarios': scenarios,
}
