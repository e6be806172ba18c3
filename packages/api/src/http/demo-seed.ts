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

/**
 * The landing scenario (the first) fills every panel of the studio and every slide of the deck: the same
 * 14 町村 and cost items as demo/kanagawa-2026.json, plus the pattern catalogue (services/patterns of
 * patterns/kanagawa-2026-patterns.json) and the coalition cost model (fairness/kanagawa-2026-fairness.json),
 * which share its members; the sample 照会ログ is attached to it. None of these changes its allocation
 * (no cost item of it is split by traffic): they feed 乖離, クロス照会, 月別, 配置パターン and シャープレイ.
 */
const LANDING_EXTENSIONS = [
  { file: 'patterns/kanagawa-2026-patterns.json', keys: ['services', 'patterns'] },
  { file: 'fairness/kanagawa-2026-fairness.json', keys: ['coalitionModel'] },
] as const

const DEMO_SCENARIOS = [
  {
    file: 'demo/kanagawa-2026.json',
    title: '令和8年度 負担金（デモ: 人口割・均等割）',
    traffic: true,
    extend: LANDING_EXTENSIONS,
  },
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
      const doc = JSON.parse(readFileSync(fixture(s.file), 'utf8')) as Record<string, unknown>
      for (const ext of ('extend' in s ? s.extend : undefined) ?? []) {
        const from = JSON.parse(readFileSync(fixture(ext.file), 'utf8')) as Record<string, unknown>
        for (const k of ext.keys) doc[k] = from[k]
      }
      const r = await createScenario(db, consortiumId, doc, s.title, CLI_ACTOR)
      if (!r.ok) throw new Error(`demo fixture ${s.file} did not import: ${r.reason}`)
      imported.push(r.value.id)
      // the landing and the traffic-based versions get the sample 照会ログ (the latter's allocation needs it)
      if ('traffic' in s && existsSync(SAMPLE_TRAFFIC)) {
        const t = await importTrafficFile(db, r.value.id, SAMPLE_TRAFFIC)
        if (!t.ok) throw new Error(`demo traffic did not import: ${t.reason}`)
      }
    }
  }
  const created = await createApiToken(
    db,
    { consortium: consortiumId, role: 'admin', name: DEMO_TOKEN_NAME },
    CLI_ACTOR,
  )
  if (!created.ok) throw new Error(created.message)
  return { consortiumId, imported, token: created.token }
}
