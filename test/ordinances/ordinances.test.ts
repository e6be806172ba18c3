/**
 * Real 負担割合 clauses of consortia, encoded as scenarios (fixtures/ordinances/).
 *
 * This file carries its own reference calculator, written from the clause conventions by hand (BigInt
 * rationals, no import from the engine), so that the encoding of each clause is checked independently of
 * `allocate`. The engine is then run on every fixture and compared with the reference; fixtures that use the
 * ordinance fields (parts, deductions, adjustments, rounding methods other than largestRemainder) are skipped
 * until the engine accepts them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// The root workspace has no dependency on @warikan/core; cross-package tests import its source (as test/traffic does).
import { allocate, parseScenario } from '../../packages/core/src/index'

const DIR = 'fixtures/ordinances'

// ---------------------------------------------------------------------------------------------
// Fixture types (only the parts this calculator reads)

type Num = number | string
interface MetricDriver {
  name: string
  weight: Num
}
interface EqualClasses {
  weight: Num
  classes: Record<string, Num>
}
interface RuleDoc {
  equal?: Num | EqualClasses
  population?: Num
  metric?: MetricDriver | MetricDriver[]
  fixed?: Record<string, Num>
}
interface RoundingDoc {
  unit?: number
  method?: 'largestRemainder' | 'floor' | 'halfUp' | 'ceil' | 'unitPrice'
  adjuster?: string
  priceDecimals?: number
  perPart?: boolean
}
interface PartDoc {
  name?: string
  weight: Num
  members?: string[]
  rule: RuleDoc
  rounding?: RoundingDoc
}
interface CostDoc {
  id: string
  name: string
  amount: number
  members?: string[]
  rule?: RuleDoc
  parts?: PartDoc[]
  rounding?: RoundingDoc
  deductions?: { name: string; amount: number }[]
}
interface MemberDoc {
  code: string
  name: string
  population: number
  kind?: string
  metrics?: Record<string, number>
}
interface FixtureDoc {
  version: 1
  consortium: { name: string; fiscalYear: number }
  members: MemberDoc[]
  costs: CostDoc[]
  rounding?: RoundingDoc
  adjustments?: { code: string; amount: number; reason: string }[]
}
interface ExpectedDoc {
  members: Record<string, number>
  source: string
}

const slugs = readdirSync(DIR)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort()
const load = (slug: string): FixtureDoc =>
  JSON.parse(readFileSync(join(DIR, `${slug}.json`), 'utf8')) as FixtureDoc
const expectedOf = (slug: string): ExpectedDoc | undefined => {
  const file = join(DIR, `${slug}.expected.json`)
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ExpectedDoc) : undefined
}

// ---------------------------------------------------------------------------------------------
// Exact rationals, hand-written (independent of packages/core/src/rational.ts)

interface Q {
  n: bigint
  d: bigint
}
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a
  b = b < 0n ? -b : b
  while (b) [a, b] = [b, a % b]
  return a
}
const q = (n: bigint, d = 1n): Q => {
  if (d === 0n) throw new Error('division by zero')
  if (d < 0n) [n, d] = [-n, -d]
  const g = gcd(n, d) || 1n
  return { n: n / g, d: d / g }
}
const qadd = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d)
const qsub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d)
const qmul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d)
const qdiv = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n)
const qcmp = (a: Q, b: Q) => {
  const l = a.n * b.d
  const r = b.n * a.d
  return l < r ? -1 : l > r ? 1 : 0
}
/** floor for rationals (BigInt division truncates toward zero). */
const qfloor = (a: Q): bigint => {
  const t = a.n / a.d
  return a.n < 0n && t * a.d !== a.n ? t - 1n : t
}
/** A JSON number or "a/b" / decimal string, read as an exact decimal. */
function exact(x: Num): Q {
  const s = String(x).trim()
  const frac = /^(\d+)\s*\/\s*(\d+)$/.exec(s)
  if (frac) return q(BigInt(frac[1]!), BigInt(frac[2]!))
  const dec = /^(\d*)(?:\.(\d*))?$/.exec(s)
  if (!dec) throw new Error(`not an exact decimal: ${s}`)
  const int = dec[1] || '0'
  const fr = dec[2] ?? ''
  return q(BigInt(int + fr), 10n ** BigInt(fr.length))
}

// ---------------------------------------------------------------------------------------------
// Reference calculator (ordinance-rules.md conventions, from the clause text)

interface Split {
  /** yen per participant code */
  shares: Map<string, bigint>
}

/** Driver columns of a rule for participants P: [weight, value per participant]. */
function drivers(rule: RuleDoc, P: MemberDoc[]): { w: Q; v: Q[] }[] {
  const cols: { w: Q; v: Q[] }[] = []
  if (rule.equal !== undefined) {
    if (typeof rule.equal === 'object') {
      const classes = rule.equal.classes
      cols.push({
        w: exact(rule.equal.weight),
        v: P.map((m) => {
          const kind = m.kind ?? (/[市町村区]$/.exec(m.name)?.[0] as string | undefined)
          const f = kind === undefined ? undefined : classes[kind]
          if (f === undefined) throw new Error(`${m.code}: no class factor`)
          return exact(f)
        }),
      })
    } else cols.push({ w: exact(rule.equal), v: P.map(() => q(1n)) })
  }
  if (rule.population !== undefined)
    cols.push({ w: exact(rule.population), v: P.map((m) => q(BigInt(m.population))) })
  const metrics = rule.metric === undefined ? [] : [rule.metric].flat()
  for (const md of metrics)
    cols.push({
      w: exact(md.weight),
      v: P.map((m) => {
        const value = m.metrics?.[md.name]
        if (value === undefined) throw new Error(`${m.code}: metric ${md.name} missing`)
        return exact(value)
      }),
    })
  return cols
}

/** Exact shares s(i) of amount A among P under a rule (Σ s(i) = A). */
function exactShares(A: bigint, rule: RuleDoc, P: MemberDoc[]): Q[] {
  if (rule.fixed) return P.map((m) => qmul(q(A), exact(rule.fixed![m.code] ?? 0)))
  const cols = drivers(rule, P)
  const wsum = cols.reduce((a, c) => qadd(a, c.w), q(0n))
  expect(qcmp(wsum, q(1n)), 'rule weights sum to 1').toBe(0)
  return P.map((_, i) =>
    cols.reduce((acc, c) => {
      if (qcmp(c.w, q(0n)) === 0) return acc
      const total = c.v.reduce((a, v) => qadd(a, v), q(0n))
      return qadd(acc, qmul(q(A), qmul(c.w, qdiv(c.v[i]!, total))))
    }, q(0n)),
  )
}

/** Largest remainder to unit u; ties by ascending code (or by position when `byPosition`). */
function largestRemainder(
  A: bigint,
  s: Q[],
  codes: string[],
  u: bigint,
  byPosition = false,
): bigint[] {
  const floors = s.map((x) => qfloor(qdiv(x, q(u))) * u)
  const fracs = s.map((x) => qsub(qdiv(x, q(u)), q(qfloor(qdiv(x, q(u))))))
  const order = s
    .map((_, i) => i)
    .sort((a, b) => {
      const c = qcmp(fracs[b]!, fracs[a]!)
      if (c !== 0) return c
      return byPosition ? a - b : codes[a]! < codes[b]! ? -1 : codes[a]! > codes[b]! ? 1 : 0
    })
  const out = [...floors]
  const R = A - floors.reduce((a, b) => a + b, 0n)
  const units = R / u
  for (let k = 0n; k < units; k++) {
    const i = order[Number(k % BigInt(order.length))]!
    out[i] = out[i]! + u
  }
  let start = Number(units % BigInt(order.length))
  for (let y = 0n; y < R % u; y++) {
    const i = order[start % order.length]!
    out[i] = out[i]! + 1n
    start++
  }
  return out
}

function roundShares(
  A: bigint,
  s: Q[],
  P: MemberDoc[],
  r: Required<Pick<RoundingDoc, 'unit'>> & RoundingDoc,
): bigint[] {
  const u = BigInt(r.unit)
  const codes = P.map((m) => m.code)
  const method = r.method ?? 'largestRemainder'
  if (method === 'largestRemainder') return largestRemainder(A, s, codes, u)
  if (method === 'unitPrice') throw new Error('unitPrice: not used by any fixture yet')
  if (r.adjuster === undefined) throw new Error(`${method} needs an adjuster`)
  let a = codes.indexOf(r.adjuster)
  if (r.adjuster === 'largestShare') {
    a = 0
    for (let i = 1; i < s.length; i++) {
      const c = qcmp(s[i]!, s[a]!)
      if (c > 0 || (c === 0 && codes[i]! < codes[a]!)) a = i
    }
  }
  if (a < 0) throw new Error(`adjuster ${r.adjuster} is not a participant`)
  const rounded = s.map((x) => {
    const y = qdiv(x, q(u))
    if (method === 'floor') return qfloor(y) * u
    if (method === 'ceil') return -qfloor(q(-y.n, y.d)) * u
    return qfloor(qadd(y, q(1n, 2n))) * u
  })
  const others = rounded.reduce((acc, v, i) => (i === a ? acc : acc + v), 0n)
  rounded[a] = A - others
  if (rounded[a]! < 0n) throw new Error('adjuster would pay less than 0')
  return rounded
}

const mergeRounding = (...levels: (RoundingDoc | undefined)[]) =>
  Object.assign({ unit: 1 }, ...levels.map((l) => l ?? {})) as Required<Pick<RoundingDoc, 'unit'>> &
    RoundingDoc

function splitCost(doc: FixtureDoc, cost: CostDoc): { split: Split; net: bigint } {
  const byCode = new Map(doc.members.map((m) => [m.code, m]))
  const P = (cost.members ?? doc.members.map((m) => m.code)).map((c) => byCode.get(c)!)
  const net =
    BigInt(cost.amount) - (cost.deductions ?? []).reduce((a, d) => a + BigInt(d.amount), 0n)
  expect(net >= 0n, `${cost.id}: deductions at most the amount`).toBe(true)
  const itemRounding = mergeRounding(doc.rounding, cost.rounding)
  const shares = new Map(P.map((m) => [m.code, 0n]))
  if (cost.parts) {
    const weights = cost.parts.map((p) => exact(p.weight))
    expect(qcmp(weights.reduce(qadd, q(0n)), q(1n)), `${cost.id}: part weights sum to 1`).toBe(0)
    const partAmounts = largestRemainder(
      net,
      weights.map((w) => qmul(q(net), w)),
      cost.parts.map((_, i) => String(i)),
      BigInt(itemRounding.unit),
      true,
    )
    cost.parts.forEach((part, pi) => {
      const amount = partAmounts[pi]!
      if (amount === 0n) return
      const PP = (part.members ?? P.map((m) => m.code)).map((c) => byCode.get(c)!)
      const r = mergeRounding(doc.rounding, cost.rounding, part.rounding)
      const yen = roundShares(amount, exactShares(amount, part.rule, PP), PP, r)
      PP.forEach((m, i) => shares.set(m.code, shares.get(m.code)! + yen[i]!))
    })
  } else {
    if (itemRounding.perPart) throw new Error('perPart: not used by any fixture yet')
    const yen = roundShares(net, exactShares(net, cost.rule!, P), P, itemRounding)
    P.forEach((m, i) => shares.set(m.code, yen[i]!))
  }
  return { split: { shares }, net }
}

interface Reference {
  /** cost id → code → yen */
  shares: Record<string, Record<string, bigint>>
  /** code → Σ shares + adjustments */
  totals: Record<string, bigint>
  nets: Record<string, bigint>
}

function reference(doc: FixtureDoc): Reference {
  const shares: Reference['shares'] = {}
  const nets: Reference['nets'] = {}
  const totals: Reference['totals'] = Object.fromEntries(doc.members.map((m) => [m.code, 0n]))
  for (const cost of doc.costs) {
    const { split, net } = splitCost(doc, cost)
    nets[cost.id] = net
    shares[cost.id] = Object.fromEntries(
      doc.members.map((m) => [m.code, split.shares.get(m.code) ?? 0n]),
    )
    for (const m of doc.members) totals[m.code] = totals[m.code]! + shares[cost.id]![m.code]!
  }
  for (const a of doc.adjustments ?? []) {
    expect(totals[a.code], `adjustment code ${a.code} is a member`).toBeDefined()
    totals[a.code] = totals[a.code]! + BigInt(a.amount)
  }
  return { shares, totals, nets }
}

/** 全国地方公共団体コード check digit, written out again here (not the core's codes.ts). */
function checkDigitOk(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false
  const weights = [6, 5, 4, 3, 2]
  const sum = weights.reduce((acc, w, i) => acc + Number(code[i]) * w, 0)
  return Number(code[5]) === (11 - (sum % 11)) % 10
}

const usesOrdinanceFields = (doc: FixtureDoc): boolean =>
  doc.adjustments !== undefined ||
  doc.members.some((m) => m.kind !== undefined) ||
  [doc.rounding, ...doc.costs.map((c) => c.rounding)].some(
    (r) => r !== undefined && (r.method !== undefined || (r.unit !== 1 && r.unit !== 1000)),
  ) ||
  doc.costs.some(
    (c) =>
      c.parts !== undefined ||
      c.deductions !== undefined ||
      (typeof c.rule?.equal === 'object' && c.rule.equal !== null),
  )

/** The engine of this branch may predate ordinance-rules.md: probe it with a 万円 floor rule. */
const engineSupportsOrdinance = parseScenario({
  version: 1,
  consortium: { name: '判定用', fiscalYear: 2026 },
  members: [{ code: '143014', name: '葉山町', population: 32096 }],
  costs: [{ id: 'a', name: 'a', amount: 10000, rule: { equal: 1 } }],
  rounding: { unit: 10000, method: 'floor', adjuster: 'largestShare' },
}).ok

// ---------------------------------------------------------------------------------------------

describe('fixtures/ordinances: folder', () => {
  it('holds at least six clauses, each with a README row', () => {
    expect(slugs.length).toBeGreaterThanOrEqual(6)
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8')
    for (const slug of slugs) expect(readme, slug).toContain(`${slug}.json`)
  })

  it.each(slugs)('%s: every 団体コード has a correct check digit; codes are unique', (slug) => {
    const doc = load(slug)
    const codes = doc.members.map((m) => m.code)
    for (const c of codes) expect(checkDigitOk(c), c).toBe(true)
    expect(new Set(codes).size).toBe(codes.length)
    const referenced = [
      ...doc.costs.flatMap((c) => [
        ...(c.members ?? []),
        ...(c.parts ?? []).flatMap((p) => p.members ?? []),
        ...Object.keys(c.rule?.fixed ?? {}),
        ...[c.rounding?.adjuster ?? []].flat().filter((a) => a !== 'largestShare'),
      ]),
      ...(doc.adjustments ?? []).map((a) => a.code),
    ]
    for (const c of referenced) expect(codes, `${c} is a member`).toContain(c)
  })
})

describe('the check-digit validator itself', () => {
  it.each([
    ['143014', true], // 葉山町
    ['102083', true], // 渋川市
    ['394271', true], // 三原村
    ['394272', false], // 三原村 with a wrong check digit
    ['394254', true], // a valid code by the check digit alone (39425 is not 三原村: the check says nothing about that)
    ['222150', false],
    ['22215', false],
  ] as const)('%s → %s', (code, ok) => expect(checkDigitOk(code)).toBe(ok))
})

describe('reference calculator: its own rounding rules, hand-worked', () => {
  const three = (['100001', '100010', '100028'] as const).map((code) => ({
    code,
    name: code,
    population: 1,
  }))
  const thirds = (A: bigint) => three.map(() => q(A, 3n))

  it('largest remainder to ¥1,000 on an amount that is not a multiple: the odd yen wrap round', () => {
    // 10,500 / 3 = 3,500 each: floors 3,000; R = 1,500 → one ¥1,000 unit to the first code (ties by code),
    // then 500 yen one at a time from the second: 167, 167, 166.
    expect(
      largestRemainder(
        10500n,
        thirds(10500n),
        three.map((m) => m.code),
        1000n,
      ),
    ).toEqual([4166n, 3167n, 3167n])
  })

  it.each([
    ['floor', [33000n, 33000n, 34000n]],
    ['ceil', [34000n, 34000n, 32000n]],
    ['halfUp', [33000n, 33000n, 34000n]],
  ] as const)('%s to ¥1,000 with a named adjuster', (method, want) => {
    const r = { unit: 1000, method, adjuster: '100028' }
    expect(roundShares(100000n, thirds(100000n), three, r)).toEqual(want)
  })

  it('an adjuster that would go below zero is refused', () => {
    const r = { unit: 1000, method: 'ceil' as const, adjuster: '100028' }
    expect(() => roundShares(1000n, thirds(1000n), three, r)).toThrow(/less than 0/)
  })
})

describe('reference calculator: hand-worked clause values', () => {
  it('渋川地区広域: 特別交付税 is deducted before the split and added back per member', () => {
    const doc = load('shibukawa-kouiki-2024')
    const r = reference(doc)
    expect(r.nets.shobo).toBe(1214000000n)
    // 均等割 4%: 1,214,000,000 × 0.04 / 3 = 16,186,666.67 each; 需要額割 96% by 1,215 : 330 : 236 (百万円)
    // 渋川市 exact = 16,186,666.67 + 1,165,440,000 × 1215/1781 = 811,251,012.54…
    expect(r.shares.shobo).toEqual({
      '102083': 811251013n,
      '103454': 232130069n,
      '103446': 170618918n,
    })
    expect(r.totals['102083']! - r.shares.sonota!['102083']! - r.shares.gomi!['102083']!).toBe(
      811251013n + 24100000n,
    )
    // 均等割 6% of 420,000,000 = 8,400,000 each; 人口割 94% by 令和2年国勢調査 74,581 : 21,792 : 14,216
    expect(r.shares.sonota).toEqual({
      '102083': 274652329n,
      '103454': 86196902n,
      '103446': 59150769n,
    })
  })

  it('幡多広域: net of 補助金, 90/100 to the host and 10/100 by 国勢調査人口 among the others', () => {
    const r = reference(load('hata-kouiki'))
    expect(r.nets.tokuyou).toBe(300000000n)
    expect(r.shares.tokuyou!['392103']).toBe(270000000n) // 四万十市 (host, illustrative)
    const others = Object.entries(r.shares.tokuyou!).filter(([c]) => c !== '392103')
    expect(others.reduce((a, [, v]) => a + v, 0n)).toBe(30000000n)
    // 宿毛市 30,000,000 × 19,200 / 47,950 = 12,012,513.03…
    expect(r.shares.tokuyou!['392081']).toBe(12012513n)
  })

  it('新潟県市町村総合事務組合: every member but the adjuster pays a multiple of ¥1,000, rounded down', () => {
    const doc = load('niigata-jichikaikan-kaishu')
    const r = reference(doc)
    const s = r.shares.kaishu!
    // 粟島浦村: 120,000,000/30 + 120,000,000 × 370 / 2,301,870 = 4,000,000 + 19,288.6… → 4,019,000
    expect(s['155861']).toBe(4019000n)
    for (const [code, yen] of Object.entries(s)) if (code !== '151009') expect(yen % 1000n).toBe(0n)
    // 新潟市 (largest share) absorbs what the ¥1,000 cuts left over: the clause itself drops it.
    const adjusterExact = 4000000n + (120000000n * 810000n) / 2301870n
    expect(s['151009']! > adjusterExact).toBe(true)
  })

  it('御殿場市・小山町: the 40% host part goes to 御殿場市 before the 組合 part is split', () => {
    const r = reference(load('gotemba-oyama-kouiki'))
    const s = r.shares.honchosha!
    expect(s['222151']! + s['223441']!).toBe(1800000000n)
    // 組合 part 1,080,000,000: 小山町 = 1,080,000,000 × (0.21/2 + 0.79 × 620/2920) = 294,558,904.11…
    expect(s['223441']).toBe(294558904n)
    expect(s['222151']).toBe(720000000n + 785441096n)
  })

  it('相楽広域: 計画処理量割 fixed percentages give exact yen', () => {
    const r = reference(load('souraku-kouiki'))
    expect(r.shares.shinyo).toEqual({
      '262145': 126000000n,
      '263648': 23478000n,
      '263656': 26565000n,
      '263664': 14196000n,
      '263672': 19761000n,
    })
  })

  it.each(slugs)('%s: every item splits exactly its net amount; no share is negative', (slug) => {
    const doc = load(slug)
    const r = reference(doc)
    for (const cost of doc.costs) {
      const values = Object.values(r.shares[cost.id]!)
      expect(
        values.reduce((a, b) => a + b, 0n),
        cost.id,
      ).toBe(r.nets[cost.id])
      for (const v of values) expect(v >= 0n, cost.id).toBe(true)
    }
    const adjust = (doc.adjustments ?? []).reduce((a, x) => a + BigInt(x.amount), 0n)
    const nets = Object.values(r.nets).reduce((a, b) => a + b, 0n)
    expect(Object.values(r.totals).reduce((a, b) => a + b, 0n)).toBe(nets + adjust)
  })

  it.each(slugs.filter((s) => expectedOf(s) !== undefined))(
    '%s: reproduces the published amount table to the yen',
    (slug) => {
      const r = reference(load(slug))
      const exp = expectedOf(slug)!
      for (const [code, yen] of Object.entries(exp.members))
        expect(r.totals[code], `${code} (${exp.source})`).toBe(BigInt(yen))
    },
  )
})

describe('engine allocate on every fixture (compared with the reference)', () => {
  for (const slug of slugs) {
    const doc = load(slug)
    const needs = usesOrdinanceFields(doc)
    it.skipIf(needs && !engineSupportsOrdinance)(
      `${slug}${needs ? ' (ordinance fields)' : ''}`,
      () => {
        const parsed = parseScenario(doc)
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues))
        const res = allocate(parsed.value)
        if (!res.ok) throw new Error(JSON.stringify(res.issues))
        const ref = reference(doc)
        for (const member of res.value.output.members) {
          for (const cost of doc.costs)
            expect(BigInt(member.shares[cost.id]!), `${member.code} ${cost.id}`).toBe(
              ref.shares[cost.id]![member.code],
            )
          expect(BigInt(member.total), `${member.code} total`).toBe(ref.totals[member.code])
        }
        const exp = expectedOf(slug)
        if (exp)
          for (const [code, yen] of Object.entries(exp.members))
            expect(res.value.output.members.find((m) => m.code === code)?.total, code).toBe(yen)
      },
    )
  }
})
