/** Monthly query counts (JST) of a scenario's stored 照会ログ, for the API's traffic view. */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database'

export async function selectMonthlyQueries(
  db: Kysely<Database>,
  scenarioId: number,
): Promise<Array<{ month: string; queries: number }>> {
  const rows = await db
    .selectFrom('traffic_month')
    .innerJoin('traffic_import', 'traffic_import.id', 'traffic_month.import_id')
    .where('traffic_import.scenario_id', '=', scenarioId)
    .select((eb) => [
      'traffic_month.month as month',
      eb.fn.sum<number>('traffic_month.queries').as('queries'),
    ])
    .groupBy('traffic_month.month')
    .orderBy('traffic_month.month')
    .execute()
  return rows.map((r) => ({ month: r.month, queries: Number(r.queries) }))
}
