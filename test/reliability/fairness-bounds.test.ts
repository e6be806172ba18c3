/**
 * CPU bounds of the fairness route (issue 15, finding 8): the sampled Shapley value is bounded in work
 * (members × samples; 422 with a clear message beyond it) and stops at the request timeout (504), so a fresh
 * seed on a large consortium cannot hold the server.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { localGovCheckDigit } from '../../packages/core/src/codes'
import { testDatabases } from '../helpers/databases'
import { harness, type Harness } from '../api/api-harness'

function bigConsortium(n: number) {
  const members = Array.from({ length: n }, (_, i) => {
    const five = String(10000 + i * 5).padStart(5, '0')
    return {
      code: `${five}${localGovCheckDigit(five)}`,
      name: `団体${i + 1}`,
      population: 1000 + ((i * 7919) % 90_000),
    }
  })
  return {
    version: 1,
    consortium: { name: '大規模協議会', fiscalYear: 2026 },
    members,
    costs: [
      { id: 'ops', name: '運用費', amount: 1_000_000_000, rule: { equal: 0.2, population: 0.8 } },
    ],
    coalitionModel: {
      components: [
        { kind: 'fixed', id: 'base', name: '基盤', amount: 100_000_000 },
        { kind: 'scaleEconomy', id: 'scale', name: '共同処理', k: 20000, exponent: 0.585 },
      ],
    },
  }
}

const database = testDatabases()[0]!

describe('fairness work bounds', () => {
  let h: Harness | undefined
  afterEach(() => h?.close())

  async function stored(n: number, env: Record<string, string> = {}) {
    h = await harness(database, env)
    const created = await h.request('POST', `/api/consortia/${h.consortiumId}/scenarios`, {
      token: h.tokens.admin,
      body: bigConsortium(n),
    })
    expect(created.status).toBe(201)
    const id = created.body.id as number
    // the allocation first, so the fairness request measures only the game
    expect(
      (await h.request('GET', `/api/scenarios/${id}/allocation`, { token: h.tokens.viewer }))
        .status,
    ).toBe(200)
    return id
  }

  it('1,000 members with a fresh seed → 422 at once, naming the bound and the CLI', async () => {
    const id = await stored(1000)
    const t = performance.now()
    const r = await h!.request('GET', `/api/scenarios/${id}/fairness?seed=987654&alpha=none`, {
      token: h!.tokens.viewer,
    })
    const ms = performance.now() - t
    expect(r.status).toBe(422)
    expect(r.body.error.message).toContain('warikan fairness')
    expect(r.body.error.message).toContain('1000')
    expect(ms).toBeLessThan(1000)
  })

  it('a computation still running at the request timeout stops there: 504', async () => {
    const id = await stored(300, { WARIKAN_REQUEST_TIMEOUT_MS: '150' })
    const t = performance.now()
    const r = await h!.request('GET', `/api/scenarios/${id}/fairness?seed=4242&alpha=none`, {
      token: h!.tokens.viewer,
    })
    const ms = performance.now() - t
    expect(r.status).toBe(504)
    expect(r.body.error.message).toContain('公平性の計算')
    // one sampling group after the deadline at most (well under the unbounded run's seconds)
    expect(ms).toBeLessThan(1500)
  })

  it('within the bound the sampled value is computed with fewer groups, and says how many', async () => {
    const id = await stored(60, { WARIKAN_FAIRNESS_MAX_WORK: String(60 * (60 ** 2 + 60) * 8) })
    const r = await h!.request('GET', `/api/scenarios/${id}/fairness?alpha=none`, {
      token: h!.tokens.viewer,
    })
    expect(r.status).toBe(200)
    expect(r.body.coalitionModel.sampled.groups).toBeLessThanOrEqual(8)
  })
})
