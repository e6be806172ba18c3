/**
 * Bill rows → cost items, one row at a time, in constant memory per group (請求明細の集計).
 *
 * A row's yen is BilledCost × the rate of its BillingCurrency, exactly (JPY: 1). Rows are summed exactly per
 * group — direct group (costId, member) for a row whose member tag or sub-account names a member, shared group
 * (costId) otherwise — and each group is rounded half up to the yen once (四捨五入). Credits (negative rows) stay
 * in their group; a group whose total is negative is an error. The direct item of member M for cost C has the id
 * `C--M`, only M as participant and the name `<C's name>（<M's name> 個別）`; the shared item keeps the id C and
 * the map's rule (or parts) and rounding.
 */
import { checkLocalGovCode } from '../codes'
import type { BillMap } from './bill-map'
import type { BillRow } from './focus-columns'
import { unquote } from './focus-record-scanner'
import {
  addDecimal,
  formatDecimal,
  mulDecimal,
  negDecimal,
  parseDecimal,
  pow10,
  roundHalfUp,
  type ScaledDecimal,
} from './scaled-decimal'

export interface BillOptions {
  /** yen per unit of a currency (出納 rate), e.g. { USD: 150 }; JPY is always 1 */
  rates?: Readonly<Record<string, ScaledDecimal>>
  /** the scenario's members: codes are checked against them and name the direct items */
  members?: ReadonlyArray<{ code: string; name: string }>
}

/** Where a bill is wrong: the file, the 1-based line (absent for a whole group) and the column. */
export interface BillProblem {
  file: string
  line?: number
  field: string
  message: string
}

/** A scenario cost item (`costs[]` entry). `rule`, `parts`, `rounding` come from the map as given. */
export interface BillCostItem {
  id: string
  name: string
  amount: number
  members?: string[]
  rule?: Record<string, unknown>
  parts?: Array<Record<string, unknown>>
  rounding?: Record<string, unknown>
}

export interface BillGroupReport {
  id: string
  costId: string
  kind: 'direct' | 'shared'
  member?: string
  currency: string
  rows: number
  /** Σ BilledCost in the currency, exact */
  billed: string
  rate: string
  /** Σ BilledCost × rate, exact yen */
  exactYen: string
  /** the item's amount: exactYen rounded half up */
  amount: number
  /** amount − exactYen (the one rounding of this group) */
  rounding: string
}

export interface BillReconciliation {
  files: Array<{ file: string; rows: number; used: number; skipped: number }>
  currencies: Array<{
    currency: string
    rows: number
    billed: string
    rate: string
    exactYen: string
  }>
  chargeCategories: Array<{
    category: string
    rows: number
    billed: Record<string, string>
    exactYen: string
  }>
  items: BillGroupReport[]
  members: Array<{ code: string; direct: number }>
  direct: number
  shared: number
  total: number
  check: {
    /** Σ over rows of BilledCost × rate, exact */
    rowsExactYen: string
    itemsYen: number
    /** itemsYen − rowsExactYen */
    difference: string
    /** ½ yen per group */
    bound: string
    ok: boolean
  }
}

export interface BillOutput {
  costs: BillCostItem[]
  reconciliation: BillReconciliation
}

interface PartialSum {
  big: string
  small: number
  s: number
  rows: number
}

/** An aggregator's state as structured-clone-able data (worker threads). */
export interface BillPartial {
  files: Array<{ file: string; rows: number; used: number; skipped: number }>
  groups: Array<{
    key: string
    costId: string
    member: string | null
    currency: string
    file: string
    sum: PartialSum
  }>
  categories: Array<{ category: string; currency: string; sum: PartialSum }>
}

export type BillResult = { ok: true; value: BillOutput } | { ok: false; problem: BillProblem }

/**
 * An exact running sum m / 10^s kept as big + small: `small` is a safe integer (|small| ≤ 2^52, flushed into
 * `big` beyond), so most rows add with one float addition and no BigInt.
 */
interface Sum {
  big: bigint
  small: number
  s: number
  rows: number
}

interface Group extends Sum {
  costId: string
  member: string | undefined
  currency: string
  file: string
}

interface TagInfo {
  member: string | undefined
  cost: string | undefined
  /** the group of the last row with these tags, its SubAccountId and currency (rows repeat them) */
  lastAccount?: string
  lastCurrency?: string
  lastGroup?: Group
}

const JPY: ScaledDecimal = { m: 1n, s: 0 }
const TAG_CACHE_LIMIT = 100_000
const CURRENCY = /^[A-Z]{3}$/
const DATE = /^\d{4}-\d{2}-\d{2}/
const FLUSH = 2 ** 52
const SMALL_ADDEND = 2 ** 50
const POW10_NUMBER = Array.from({ length: 16 }, (_, k) => 10 ** k)

const newSum = (): Sum => ({ big: 0n, small: 0, s: 0, rows: 0 })

function rescale(acc: Sum, s: number): void {
  acc.big = (acc.big + BigInt(acc.small)) * pow10(s - acc.s)
  acc.small = 0
  acc.s = s
}

/** acc += m / 10^s, m a safe integer with |m| < 10^15 */
function addSmall(acc: Sum, m: number, s: number): void {
  if (s > acc.s) rescale(acc, s)
  if (s === acc.s) acc.small += m
  else {
    const k = acc.s - s
    const v = k < 16 ? m * POW10_NUMBER[k]! : Infinity
    if (v <= SMALL_ADDEND && v >= -SMALL_ADDEND) acc.small += v
    else acc.big += BigInt(m) * pow10(k)
  }
  if (acc.small > FLUSH || acc.small < -FLUSH) {
    acc.big += BigInt(acc.small)
    acc.small = 0
  }
  acc.rows++
}

/** acc += v (any size) */
function addBig(acc: Sum, v: ScaledDecimal): void {
  if (v.s > acc.s) rescale(acc, v.s)
  acc.big += v.m * pow10(acc.s - v.s)
  acc.rows++
}

const sumValue = (acc: Sum): ScaledDecimal => ({ m: acc.big + BigInt(acc.small), s: acc.s })

export class BillAggregator {
  private file = ''
  private readonly files: Array<{ file: string; rows: number; used: number; skipped: number }> = []
  private readonly groups = new Map<string, Group>()
  private readonly categories = new Map<string, Map<string, Sum>>()
  private readonly tagCache = new Map<string, TagInfo | string>()
  private readonly quotedTagCache = new Map<string, TagInfo | string>()
  private readonly codeCache = new Map<string, string | undefined>()
  private readonly memberNames: Map<string, string> | undefined
  private readonly include: Set<string> | undefined
  private readonly from: string | undefined
  private readonly to: string | undefined

  constructor(
    private readonly map: BillMap,
    private readonly options: BillOptions = {},
  ) {
    this.memberNames = options.members && new Map(options.members.map((m) => [m.code, m.name]))
    this.include = map.filters?.chargeCategories && new Set(map.filters.chargeCategories)
    this.from = map.filters?.billingPeriod?.from
    this.to = map.filters?.billingPeriod?.to
  }

  /** Rows that follow belong to this file (its name is used in problems and in the reconciliation). */
  beginFile(file: string): void {
    this.file = file
    this.files.push({ file, rows: 0, used: 0, skipped: 0 })
  }

  /** Adds one data row; returns the problem when the row is wrong (stop reading then). */
  addRow(row: BillRow, line: number): BillProblem | undefined {
    if (!this.files.length) this.beginFile('')
    const counts = this.files[this.files.length - 1]!
    counts.rows++

    const category = row.chargeCategory.trim()
    if (this.include && !this.include.has(category)) {
      counts.skipped++
      return undefined
    }
    if (this.from || this.to) {
      const start = row.chargePeriodStart.trim()
      if (!DATE.test(start))
        return this.problem(
          line,
          'ChargePeriodStart',
          `日時ではありません: "${start}" (not an ISO 8601 date-time)`,
        )
      const date = start.slice(0, 10)
      if ((this.from && date < this.from) || (this.to && date > this.to)) {
        counts.skipped++
        return undefined
      }
    }

    const small = this.readSmall(row.billedCost)
    const cost = small ? undefined : parseDecimal(row.billedCost)
    if (!small && !cost)
      return this.problem(
        line,
        'BilledCost',
        `数値ではありません: "${row.billedCost}" (not a number)`,
      )
    const currency = row.billingCurrency.trim()
    const badCurrency = this.checkCurrency(currency)
    if (badCurrency) return this.problem(line, 'BillingCurrency', badCurrency)

    const tags = this.tags(row.tags, row.tagsQuoted === true)
    if (typeof tags === 'string') return this.problem(line, 'Tags', tags)

    const account = row.subAccountId.trim()
    let group: Group | undefined
    if (tags.lastGroup && tags.lastAccount === account && tags.lastCurrency === currency)
      group = tags.lastGroup
    else {
      const found = this.findGroup(tags, account, currency, line)
      if (!('costId' in found)) return found
      group = found
      tags.lastAccount = account
      tags.lastCurrency = currency
      tags.lastGroup = group
    }
    let byCategory = this.categories.get(category)
    if (!byCategory) this.categories.set(category, (byCategory = new Map()))
    let cat = byCategory.get(currency)
    if (!cat) byCategory.set(currency, (cat = newSum()))
    if (small) {
      addSmall(group, this.sm, this.ss)
      addSmall(cat, this.sm, this.ss)
    } else {
      addBig(group, cost!)
      addBig(cat, cost!)
    }
    counts.used++
    return undefined
  }

  /** The row's group by its tags and sub-account (checked), or the problem. */
  private findGroup(
    tags: TagInfo,
    account: string,
    currency: string,
    line: number,
  ): Group | BillProblem {
    let member = tags.member
    const accountMember = account ? this.map.subAccounts?.[account] : undefined
    if (member !== undefined) {
      const bad = this.checkCode(member)
      if (bad) return this.problem(line, `Tags.${this.map.memberTag}`, bad)
      if (accountMember !== undefined && accountMember !== member)
        return this.problem(
          line,
          'SubAccountId',
          `サブアカウント ${account} は ${accountMember} ですが、タグは ${member} です (sub-account and member tag disagree)`,
        )
    } else if (accountMember !== undefined) {
      member = accountMember
      const bad = this.checkCode(member)
      if (bad) return this.problem(line, 'SubAccountId', bad)
    }

    const costId = tags.cost ?? this.map.defaultCost
    if (!(costId in this.map.costs))
      return this.problem(
        line,
        `Tags.${this.map.costTag}`,
        `費目 "${costId}" は対応表の costs にありません (cost not in the map)`,
      )

    const key = member === undefined ? costId : `${costId}--${member}`
    let group = this.groups.get(key)
    if (!group) {
      group = { costId, member, currency, file: this.file, ...newSum() }
      this.groups.set(key, group)
    } else if (group.currency !== currency) {
      return this.problem(
        line,
        'BillingCurrency',
        `費目 ${key} に通貨 ${group.currency} と ${currency} が混在しています (currency mix in one group)`,
      )
    }
    return group
  }

  private problem(line: number, field: string, message: string): BillProblem {
    return { file: this.file, line, field, message }
  }

  /** mantissa and scale of the last {@link readSmall} */
  private sm = 0
  private ss = 0

  /** Plain decimals of ≤ 15 digits ("-12.5", "0.00318") without BigInt; false → use parseDecimal. */
  private readSmall(text: string): boolean {
    const len = text.length
    let i = 0
    let neg = false
    if (len && text.charCodeAt(0) === 45) {
      neg = true
      i = 1
    }
    let m = 0
    let s = 0
    let digits = 0
    let dot = false
    for (; i < len; i++) {
      const c = text.charCodeAt(i)
      if (c >= 48 && c <= 57) {
        m = m * 10 + (c - 48)
        digits++
        if (dot) s++
      } else if (c === 46 && !dot) dot = true
      else return false
    }
    if (digits === 0 || digits > 15) return false
    this.sm = neg ? -m : m
    this.ss = s
    return true
  }

  private readonly currencyCheck = new Map<string, string | undefined>()

  private checkCurrency(currency: string): string | undefined {
    if (this.currencyCheck.has(currency)) return this.currencyCheck.get(currency)
    let message: string | undefined
    if (!CURRENCY.test(currency))
      message = `通貨コード (ISO 4217) ではありません: "${currency}" (not a currency code)`
    else if (currency !== 'JPY' && !this.options.rates?.[currency])
      message = `${currency} の為替レートがありません（--rate ${currency}=… で指定） (no rate for ${currency})`
    this.currencyCheck.set(currency, message)
    return message
  }

  private rate(currency: string): ScaledDecimal {
    return currency === 'JPY' ? JPY : this.options.rates![currency]!
  }

  private checkCode(code: string): string | undefined {
    if (this.codeCache.has(code)) return this.codeCache.get(code)
    const check = checkLocalGovCode(code)
    let message: string | undefined
    if (!check.ok) message = `団体コード "${code}": ${check.reason}`
    else if (this.memberNames && !this.memberNames.has(code))
      message = `団体コード ${code} はシナリオの団体にありません (member code not in the scenario)`
    this.codeCache.set(code, message)
    return message
  }

  /** Tags are read once per distinct text (bills repeat a few tag sets over millions of rows). */
  private tags(text: string, quoted: boolean): TagInfo | string {
    const cache = quoted ? this.quotedTagCache : this.tagCache
    const cached = cache.get(text)
    if (cached !== undefined) return cached
    const info = this.readTags(quoted ? unquote(text) : text)
    if (cache.size >= TAG_CACHE_LIMIT) cache.clear()
    cache.set(text, info)
    return info
  }

  private readTags(text: string): TagInfo | string {
    const { memberTag, costTag } = this.map
    const trimmed = text.trim()
    if (!trimmed || (!memberTag && !costTag)) return { member: undefined, cost: undefined }
    let tags: unknown
    try {
      tags = JSON.parse(trimmed)
    } catch {
      return `JSON のオブジェクトではありません: ${trimmed.slice(0, 60)} (Tags is not a JSON object)`
    }
    if (tags === null || typeof tags !== 'object' || Array.isArray(tags))
      return `JSON のオブジェクトではありません: ${trimmed.slice(0, 60)} (Tags is not a JSON object)`
    const value = (key: string | undefined): string | undefined | Error => {
      if (!key) return undefined
      const v = (tags as Record<string, unknown>)[key]
      if (v === undefined || v === null) return undefined
      if (typeof v === 'number') return String(v)
      if (typeof v !== 'string') return new Error(key)
      return v.trim() || undefined
    }
    const member = value(memberTag)
    const cost = value(costTag)
    if (member instanceof Error || cost instanceof Error)
      return `タグ ${(member instanceof Error ? member : (cost as Error)).message} の値が文字列ではありません (tag value is not a string)`
    return { member, cost }
  }

  /** The sums so far, as plain data (for another thread's aggregator to {@link merge}). */
  toPartial(): BillPartial {
    const sum = (a: Sum): PartialSum => ({
      big: a.big.toString(),
      small: a.small,
      s: a.s,
      rows: a.rows,
    })
    return {
      files: this.files.map((f) => ({ ...f })),
      groups: [...this.groups].map(([key, g]) => ({
        key,
        costId: g.costId,
        member: g.member ?? null,
        currency: g.currency,
        file: g.file,
        sum: sum(g),
      })),
      categories: [...this.categories].flatMap(([category, byCurrency]) =>
        [...byCurrency].map(([currency, a]) => ({ category, currency, sum: sum(a) })),
      ),
    }
  }

  /**
   * Adds another aggregator's sums (same map and options) over rows of the same file: the file's counts add up.
   * Returns the key of a group whose currency differs between the two (then the caller reads in order to find
   * the line), else undefined.
   */
  merge(partial: BillPartial): string | undefined {
    const add = (acc: Sum, p: PartialSum) => {
      addBig(acc, { m: BigInt(p.big) + BigInt(p.small), s: p.s })
      acc.rows += p.rows - 1
    }
    for (const f of partial.files) {
      const mine = this.files.find((m) => m.file === f.file)
      if (mine) {
        mine.rows += f.rows
        mine.used += f.used
        mine.skipped += f.skipped
      } else this.files.push({ ...f })
    }
    for (const g of partial.groups) {
      let group = this.groups.get(g.key)
      if (!group) {
        group = {
          costId: g.costId,
          member: g.member ?? undefined,
          currency: g.currency,
          file: g.file,
          ...newSum(),
        }
        this.groups.set(g.key, group)
      } else if (group.currency !== g.currency) return g.key
      add(group, g.sum)
    }
    for (const c of partial.categories) {
      let byCurrency = this.categories.get(c.category)
      if (!byCurrency) this.categories.set(c.category, (byCurrency = new Map()))
      let acc = byCurrency.get(c.currency)
      if (!acc) byCurrency.set(c.currency, (acc = newSum()))
      add(acc, c.sum)
    }
    return undefined
  }

  /** The cost items and the reconciliation, or the first group whose total is negative. */
  finish(): BillResult {
    const groups = [...this.groups.entries()]
    const costOrder = new Map(Object.keys(this.map.costs).map((id, i) => [id, i]))
    const memberOrder = new Map((this.options.members ?? []).map((m, i) => [m.code, i]))
    const rank = (code: string | undefined) =>
      code === undefined ? -1 : (memberOrder.get(code) ?? memberOrder.size)
    groups.sort(([ka, a], [kb, b]) => {
      const byCost = costOrder.get(a.costId)! - costOrder.get(b.costId)!
      if (byCost) return byCost
      const byMember = rank(a.member) - rank(b.member)
      if (byMember) return byMember
      return ka < kb ? -1 : ka > kb ? 1 : 0
    })

    const costs: BillCostItem[] = []
    const items: BillGroupReport[] = []
    const directByMember = new Map<string, number>()
    let direct = 0
    let shared = 0
    for (const [id, g] of groups) {
      const rate = this.rate(g.currency)
      const billed = sumValue(g)
      const exact = mulDecimal(billed, rate)
      if (exact.m < 0n)
        return {
          ok: false,
          problem: {
            file: g.file,
            field: `費目 ${id}`,
            message: `合計が負です: ${formatDecimal(billed)} ${g.currency} (the group's total is negative)`,
          },
        }
      const amount = Number(roundHalfUp(exact))
      const spec = this.map.costs[g.costId]!
      if (g.member === undefined) {
        const item: BillCostItem = { id, name: spec.name, amount }
        if (spec.members) item.members = [...spec.members]
        if (spec.rule) item.rule = spec.rule
        if (spec.parts) item.parts = spec.parts
        if (spec.rounding) item.rounding = spec.rounding
        costs.push(item)
        shared += amount
      } else {
        const memberName = this.memberNames?.get(g.member) ?? g.member
        costs.push({
          id,
          name: `${spec.name}（${memberName} 個別）`,
          amount,
          members: [g.member],
          rule: { equal: 1 },
        })
        direct += amount
        directByMember.set(g.member, (directByMember.get(g.member) ?? 0) + amount)
      }
      items.push({
        id,
        costId: g.costId,
        kind: g.member === undefined ? 'shared' : 'direct',
        ...(g.member === undefined ? {} : { member: g.member }),
        currency: g.currency,
        rows: g.rows,
        billed: formatDecimal(billed),
        rate: formatDecimal(rate),
        exactYen: formatDecimal(exact),
        amount,
        rounding: formatDecimal(addDecimal({ m: BigInt(amount), s: 0 }, negDecimal(exact))),
      })
    }

    const byCurrency = new Map<string, Sum>()
    for (const cats of this.categories.values())
      for (const [currency, sum] of cats) {
        let acc = byCurrency.get(currency)
        if (!acc) byCurrency.set(currency, (acc = newSum()))
        addBig(acc, sumValue(sum))
        acc.rows += sum.rows - 1
      }
    let rowsExact: ScaledDecimal = { m: 0n, s: 0 }
    const currencies = [...byCurrency.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([currency, sum]) => {
        const rate = this.rate(currency)
        const exact = mulDecimal(sumValue(sum), rate)
        rowsExact = addDecimal(rowsExact, exact)
        return {
          currency,
          rows: sum.rows,
          billed: formatDecimal(sumValue(sum)),
          rate: formatDecimal(rate),
          exactYen: formatDecimal(exact),
        }
      })
    const chargeCategories = [...this.categories.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([category, byCurrency]) => {
        let rows = 0
        let exact: ScaledDecimal = { m: 0n, s: 0 }
        const billed: Record<string, string> = {}
        for (const [currency, sum] of [...byCurrency].sort(([a], [b]) => (a < b ? -1 : 1))) {
          rows += sum.rows
          billed[currency] = formatDecimal(sumValue(sum))
          exact = addDecimal(exact, mulDecimal(sumValue(sum), this.rate(currency)))
        }
        return { category, rows, billed, exactYen: formatDecimal(exact) }
      })
    const itemsYen = direct + shared
    const difference = addDecimal({ m: BigInt(itemsYen), s: 0 }, negDecimal(rowsExact))
    const bound: ScaledDecimal = { m: BigInt(groups.length) * 5n, s: 1 }
    const absDiff = difference.m < 0n ? negDecimal(difference) : difference
    const members = [...directByMember.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : 1))
      .map(([code, yen]) => ({ code, direct: yen }))
    return {
      ok: true,
      value: {
        costs,
        reconciliation: {
          files: this.files.map((f) => ({ ...f })),
          currencies,
          chargeCategories,
          items,
          members,
          direct,
          shared,
          total: itemsYen,
          check: {
            rowsExactYen: formatDecimal(rowsExact),
            itemsYen,
            difference: formatDecimal(difference),
            bound: formatDecimal(bound),
            ok: addDecimal(bound, negDecimal(absDiff)).m >= 0n,
          },
        },
      },
    }
  }
}
