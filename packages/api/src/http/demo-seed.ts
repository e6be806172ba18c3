/**
 * `warikan serve --demo`, confined: its own database file (cli/database.ts), its own demo consortium, and a
 * refusal to start on a database that holds anything else. The seed — demo consortium, its scenarios, the
 * demo admin token — is one transaction with its audit entries; the token is marked demo (accepted only
 * while the server runs with --demo) and kept, so a restart reuses it instead of adding another.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fixturePath } from '../paths'
import type { Kysely, Transaction } from 'kysely'
import { recordAudit, type Actor } from '../audit/audit.service'
import {
  countNonDemoRows,
  insertDemoSession,
  insertToken,
  selectDemoSession,
} from '../auth/auth.repository'
import { hashToken, newToken } from '../auth/token-hash'
import type { Database } from '../db/database'
import { createScenarioIn } from '../scenario/scenario-edit.service'
import { importTrafficFile, storedRowCount } from '../traffic/traffic.service'
import { createPlan, listPlans } from '../plan/plan.service'
import { importLedger, listServices, todayJst } from '../register/register.service'
import { readLedgerFile } from '../register/register-file'
import { createSlaDocument, listSlaDocuments } from '../sla/sla-documents.service'

export const DEMO_CONSORTIUM = '神奈川県町村情報システム共同事業組合'
export const DEMO_TOKEN_NAME = 'demo (serve --demo)'
/** who writes the demo seed in the audit log */
export const DEMO_ACTOR: Actor = { tokenId: null, name: 'serve --demo' }

const fixture = fixturePath
const SAMPLE_TRAFFIC = fixturePath('traffic/kanagawa-2026-sample.csv')

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
  // the 決算 of the landing scenario (its 予算; illustrative figures): the 精算 view opens on the pair
  {
    file: 'settlement/kanagawa-2026-actual.json',
    title: '令和8年度 決算（デモ: 精算）',
  },
]

const DEMO_PLAN = 'plans/kanagawa-2026-2030.json'

export interface DemoSeed {
  consortiumId: number
  /** scenarios written by this start (empty when the demo database was already seeded) */
  imported: number[]
  token: string
  /** false when an earlier start's token was reused */
  tokenCreated: boolean
}

/** The database holds rows demo mode must not touch. */
export class DemoRefusedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DemoRefusedError'
  }
}

export async function seedDemo(db: Kysely<Database>): Promise<DemoSeed> {
  const foreign = await countNonDemoRows(db)
  if (foreign.consortia.length || foreign.tokens) {
    const what = [
      ...(foreign.consortia.length ? [`協議会 ${foreign.consortia.join('、')}`] : []),
      ...(foreign.tokens ? [`デモ以外のトークン ${foreign.tokens} 件`] : []),
    ].join('、')
    throw new DemoRefusedError(
      `このデータベースにはデモ以外のデータ (${what}) があります。デモモードは起動しません — デモ専用のファイル (--db) を使ってください (refusing demo mode on a database holding other data)`,
    )
  }
  const seed = await db.transaction().execute((trx) => seedIn(trx))
  // the traffic-based version gets the sample 照会ログ, so its allocation works out of the box
  // (its own transaction: the importer writes through its own connection on SQLite)
  for (const id of seed.trafficScenarios) {
    if (!existsSync(SAMPLE_TRAFFIC) || (await storedRowCount(db, id)) > 0) continue
    const t = await importTrafficFile(db, id, SAMPLE_TRAFFIC, { actor: DEMO_ACTOR })
    if (!t.ok) throw new Error(`demo traffic did not import: ${t.reason}`)
  }
  await seedExtras(db, seed.result.consortiumId)
  return seed.result
}

/**
 * The five-year plan (中期計画), the SLA file with an incident log and the continuity file, and the 外部サービス台帳
 * — each through its own service, so each write is validated and audited. Each is added when the demo has none of
 * its kind, so a start that stopped half-way (a missing fixture, a killed process) is completed by the next one,
 * and a restart adds nothing twice.
 */
async function seedExtras(db: Kysely<Database>, consortiumId: number): Promise<void> {
  const json = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as unknown
  if (!(await listPlans(db, consortiumId)).length) {
    const p = await createPlan(db, consortiumId, json(DEMO_PLAN), undefined, DEMO_ACTOR)
    if (!p.ok) throw new Error(`demo plan did not import: ${p.reason}`)
  }
  const docs = await listSlaDocuments(db, consortiumId)
  const has = (kind: string) => docs.some((d) => d.kind === kind)
  let slaId = docs.find((d) => d.kind === 'sla')?.id
  if (slaId === undefined) {
    const sla = await createSlaDocument(
      db,
      consortiumId,
      { kind: 'sla', title: '令和8年度 SLA（デモ）', content: json('sla/kanagawa-2026-sla.json') },
      DEMO_ACTOR,
    )
    if (!sla.ok) throw new Error(`demo SLA did not import: ${sla.reason}`)
    slaId = sla.value.id
  }
  for (const doc of [
    {
      kind: 'incidents' as const,
      title: '令和8年8月 障害記録（デモ）',
      content: readFileSync(fixture('sla/kanagawa-2026-08-incidents.csv'), 'utf8'),
      slaId,
    },
    {
      kind: 'continuity' as const,
      title: '障害対策の状況（デモ）',
      content: json('sla/kanagawa-2026-continuity.json'),
    },
  ]) {
    if (has(doc.kind)) continue
    const r = await createSlaDocument(db, consortiumId, doc, DEMO_ACTOR)
    if (!r.ok) throw new Error(`demo ${doc.kind} did not import: ${r.reason}`)
  }
  if ((await listServices(db, consortiumId, todayJst())).length) return
  const ledger = await readLedgerFile(readFileSync(fixture('services/kanagawa-register.csv')))
  if (!ledger.ok) throw new Error('demo register did not read')
  const r = await importLedger(
    db,
    consortiumId,
    ledger.value.records,
    ledger.value.lines,
    DEMO_ACTOR,
    'fixtures/services/kanagawa-register.csv',
  )
  if (!r.ok) throw new Error(`demo register did not import: ${r.reason}`)
}

async function seedIn(
  trx: Transaction<Database>,
): Promise<{ result: DemoSeed; trafficScenarios: number[] }> {
  let consortium = await trx
    .selectFrom('consortium')
    .select('id')
    .where('demo', '=', 1)
    .orderBy('id')
    .executeTakeFirst()
  const imported: number[] = []
  const trafficScenarios: number[] = []
  if (!consortium) {
    consortium = await trx
      .insertInto('consortium')
      .values({ name: DEMO_CONSORTIUM, demo: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, DEMO_ACTOR, {
      consortiumId: consortium.id,
      scenarioId: null,
      action: 'consortium.create',
      target: `consortium:${consortium.id}`,
      after: { name: DEMO_CONSORTIUM, demo: true },
    })
    for (const s of DEMO_SCENARIOS) {
      const doc = JSON.parse(readFileSync(fixture(s.file), 'utf8')) as Record<string, unknown>
      for (const ext of ('extend' in s ? s.extend : undefined) ?? []) {
        const from = JSON.parse(readFileSync(fixture(ext.file), 'utf8')) as Record<string, unknown>
        for (const k of ext.keys) doc[k] = from[k]
      }
      const r = await createScenarioIn(trx, consortium.id, doc, s.title, DEMO_ACTOR)
      if (!r.ok) throw new Error(`demo fixture ${s.file} did not import: ${r.reason}`)
      imported.push(r.value.id)
      if ('traffic' in s) trafficScenarios.push(r.value.id)
    }
  } else {
    for (const traffic of DEMO_SCENARIOS.filter((s) => 'traffic' in s)) {
      const row = await trx
        .selectFrom('scenario')
        .select('id')
        .where('consortium_id', '=', consortium.id)
        .where('title', '=', traffic.title)
        .executeTakeFirst()
      if (row) trafficScenarios.push(row.id)
    }
  }
  const consortiumId = consortium.id
  const existing = await selectDemoSession(trx)
  if (existing)
    return {
      result: { consortiumId, imported, token: existing.token, tokenCreated: false },
      trafficScenarios,
    }
  const token = newToken()
  const grant = { consortiumId, role: 'admin' as const }
  const tokenId = await insertToken(trx, DEMO_TOKEN_NAME, hashToken(token), [grant], {
    demo: true,
    expiresAt: null,
  })
  await insertDemoSession(trx, tokenId, token)
  await recordAudit(trx, DEMO_ACTOR, {
    consortiumId,
    scenarioId: null,
    action: 'token.create',
    target: `token:${tokenId}`,
    after: { tokenId, name: DEMO_TOKEN_NAME, ...grant, demo: true, expiresAt: null },
  })
  return { result: { consortiumId, imported, token, tokenCreated: true }, trafficScenarios }
}
