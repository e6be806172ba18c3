/**
 * `warikan serve --demo`: when the database holds no scenario, import the demo consortium's scenarios
 * (fixtures/demo) and hand out a fresh admin token for the demo web page.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import { CLI_ACTOR } from '../audit/audit.service'
import { createApiToken } from '../auth/auth.service'
import type { Database } from '../db/database'
import { createPlan } from '../plan/plan.service'
import { createScenario } from '../scenario/scenario-edit.service'
import { listScenarios } from '../scenario/scenario.service'
import { importTrafficFile } from '../traffic/traffic.service'
import { findOrCreateConsortium } from '../scenario/scenario.repository'

export const DEMO_CONSORTIUM = '神奈川県町村情報システム共同事業組合'
export const DEMO_TOKEN_NAME = 'demo (serve --demo)'

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url))
const SAMPLE_TRAFFIC = fileURLToPath(
  new URL('../../../../fixtures/traffic/kanagawa-2026-sample.csv', import.meta.url),
)

const DEMO_SCENARIOS = [
  { file: 'demo/kanagawa-2026.json', title: '令和8年度 負担金（デモ: 人口割・均等割）' },
  {
    file: 'demo/kanagawa-2026-traffic.json',
    title: '令和8年度 負担金（デモ: 中間サーバを利用実績割）',
    traffic: true,
  },
  // the same 14 町村 with an illustrative coalition cost model: the fairness panel shows Shapley and the core
  {
    file: 'fairness/kanagawa-2026-fairness.json',
    title: '令和8年度 負担金（デモ: 公平性の検証・提携費用モデル）',
  },
]

const DEMO_PLAN = 'plans/kanagawa-2026-2030.json'

export interface DemoSeed {
  consortiumId: number
  imported: number[]
  token: string
}

export async function seedDemo(db: Kysely<Database>): Promise<DemoSeed> {
  const imported: number[] = []
  const consortiumId = await findOrCreateConsortium(db, DEMO_CONSORTIUM)
  if ((await listScenarios(db)).length === 0) {
    for (const s of DEMO_SCENARIOS) {
      const doc = JSON.parse(readFileSync(fixture(s.file), 'utf8')) as unknown
      const r = await createScenario(db, consortiumId, doc, s.title, CLI_ACTOR)
      if (!r.ok) throw new Error(`demo fixture ${s.file} did not import: ${r.reason}`)
      imported.push(r.value.id)
      // the traffic-based version gets the sample 照会ログ, so its allocation works out of the box
      if ('traffic' in s && existsSync(SAMPLE_TRAFFIC)) {
        const t = await importTrafficFile(db, r.value.id, SAMPLE_TRAFFIC)
        if (!t.ok) throw new Error(`demo traffic did not import: ${t.reason}`)
      }
    }
    // the five-year plan (中期計画) of the same consortium, for the plan view
    const plan = JSON.parse(readFileSync(fixture(DEMO_PLAN), 'utf8')) as unknown
    const p = await createPlan(db, consortiumId, plan, undefined, CLI_ACTOR)
    if (!p.ok) throw new Error(`demo plan did not import: ${p.reason}`)
  }
  const created = await createApiToken(
    db,
    { consortium: consortiumId, role: 'admin', name: DEMO_TOKEN_NAME },
    CLI_ACTOR,
  )
  if (!created.ok) throw new Error(created.message)
  return { consortiumId, imported, token: created.token }
}
