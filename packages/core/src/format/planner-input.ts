/**
 * Planner input (入力の読み取り): weights and yen amounts as a Japanese planner types them, read exactly.
 *
 * - Weights (重み): `30%`, `0.3`, `３０％`, `０．３`, `1/3`, `3割`, `2割5分` → an exact rational in [0, 1].
 * - Amounts (金額): `¥1,234,567`, `１２３万４５６７円`, `1億8000万`, `620,000千円`, `1.5億` → integer yen.
 *
 * Every failure is data (`{ ok: false, message }`), the message in Japanese with the English in parentheses.
 */
import { add, cmp, mul, ONE, rat, toDecimalString, ZERO, type Rational } from '../rational'

export type InputResult<T> = { ok: true; value: T } | { ok: false; message: string }

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message })

/**
 * Full-width to half-width (NFKC: `３０％` → `30%`, `０．３` → `0.3`, `／` → `/`, `￥` → `¥`), then the other
 * spellings a Japanese keyboard produces: 、 and ， as thousands separators, the ideographic space, ー/−/－ as minus.
 */
export function normalizePlannerText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2212\u30fc\u2010-\u2015]/g, '-')
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
}

const DECIMAL = /^(\d+(?:\.\d*)?|\.\d+)$/

/** "12.5" → 25/2 exactly. */
function decimalRational(text: string): Rational {
  const [int = '', frac = ''] = text.split('.')
  return rat(BigInt(`${int || '0'}${frac}`), 10n ** BigInt(frac.length))
}

const WEIGHT_HINT =
  '重みは 30%・0.3・1/3・3割 のように入力してください (expected a percentage, decimal or fraction)'

/**
 * A weight as typed: percent (`30%`, `33.3%`), decimal (`0.3`), fraction (`1/3`), or 割・分・厘 (`3割`, `2割5分`).
 * The value must lie in [0, 1] — a rule's weights sum to 1.
 */
export function parseWeightInput(input: string): InputResult<Rational> {
  const t = normalizePlannerText(input).replace(/ /g, '')
  if (!t) return fail('重みを入力してください (empty)')
  if (t.startsWith('-')) return fail('負の重みは使えません (must not be negative)')
  let value: Rational | undefined
  const percent = /^(.+?)(%|パーセント)$/.exec(t)
  const fraction = /^(\d+)\/(\d+)$/.exec(t)
  const wari = /^(?:(\d+(?:\.\d+)?)割)?(?:(\d+)分)?(?:(\d+)厘)?$/.exec(t)
  if (percent) {
    if (!DECIMAL.test(percent[1]!)) return fail(WEIGHT_HINT)
    value = mul(decimalRational(percent[1]!), rat(1, 100))
  } else if (fraction) {
    if (BigInt(fraction[2]!) === 0n) return fail('分母が 0 です (zero denominator)')
    value = rat(BigInt(fraction[1]!), BigInt(fraction[2]!))
  } else if (DECIMAL.test(t)) {
    value = decimalRational(t)
  } else if (wari && (wari[1] ?? wari[2] ?? wari[3]) !== undefined) {
    value = add(
      add(mul(decimalRational(wari[1] ?? '0'), rat(1, 10)), rat(BigInt(wari[2] ?? 0), 100)),
      rat(BigInt(wari[3] ?? 0), 1000),
    )
  }
  if (!value) return fail(WEIGHT_HINT)
  if (cmp(value, ONE) > 0)
    return fail(`重みは 1（100%）以下です: ${input.trim()} (a weight is at most 1)`)
  return { ok: true, value }
}

/** How a weight is written back into the scenario file: a JSON number when it is a short exact decimal, else "a/b". */
export function weightToJson(value: Rational): number | string {
  if (value.d === 1n) return Number(value.n)
  let d = value.d
  while (d % 2n === 0n) d /= 2n
  while (d % 5n === 0n) d /= 5n
  if (d === 1n) {
    const text = toDecimalString(value, 15)
    if (String(Number(text)) === text) return Number(text)
  }
  return `${value.n}/${value.d}`
}

/** A weight for an input box: 0.3 → "30%", 1/3 → "1/3", 0.125 → "12.5%". */
export function weightToInputText(value: Rational): string {
  const pct = mul(value, rat(100))
  let d = pct.d
  while (d % 2n === 0n) d /= 2n
  while (d % 5n === 0n) d /= 5n
  if (d === 1n) {
    const text = toDecimalString(pct, 10)
    if (text.replace('.', '').replace(/^0+/, '').length <= 6) return `${text}%`
  }
  return `${value.n}/${value.d}`
}

const UNITS: Record<string, bigint> = { 兆: 10n ** 12n, 億: 10n ** 8n, 万: 10n ** 4n }
const SMALL_UNITS: Record<string, bigint> = { 千: 1000n, 百: 100n, 十: 10n }
const AMOUNT_HINT =
  '金額は 1,234,567・¥1,234,567・1億8000万・620,000千円 のように入力してください (expected an amount in yen)'

/** One group below 万 ("8000", "3千", "1千200", "620,000千" with a following 円 unit …) → exact value. */
function groupValue(text: string): Rational | undefined {
  if (text === '') return undefined
  let total = ZERO
  let rest = text
  let last = 10n ** 5n
  for (;;) {
    const m = /^(\d+(?:\.\d+)?)?([千百十])/.exec(rest)
    if (!m) break
    const unit = SMALL_UNITS[m[2]!]!
    if (unit >= last) return undefined
    last = unit
    total = add(total, mul(m[1] === undefined ? ONE : decimalRational(m[1]), rat(unit)))
    rest = rest.slice(m[0].length)
  }
  if (rest === '') return total
  if (!DECIMAL.test(rest)) return undefined
  return add(total, decimalRational(rest))
}

type NumberProblem = 'empty' | 'negative' | 'syntax' | 'separator' | 'fraction' | 'large'

/** A whole number written with separators, full-width digits and 兆・億・万・千・百・十 (the shared reader). */
function readWholeNumber(input: string, suffix: RegExp): InputResult<number> | NumberProblem {
  let t = normalizePlannerText(input).replace(/ /g, '')
  if (!t) return 'empty'
  if (/^[-▲△]/.test(t)) return 'negative'
  t = t.replace(/^[¥\\]/, '').replace(suffix, '')
  for (const run of t.match(/\d[\d,、]*\d/g) ?? [])
    if (/[,、]/.test(run) && !/^\d{1,3}([,、]\d{3})+$/.test(run)) return 'separator'
  t = t.replace(/[,、]/g, '')
  let total = ZERO
  let rest = t
  let last = 10n ** 16n
  for (;;) {
    const m = /^([^兆億万]*)([兆億万])/.exec(rest)
    if (!m) break
    const unit = UNITS[m[2]!]!
    if (unit >= last) return 'syntax'
    last = unit
    const g = groupValue(m[1]!)
    if (!g) return 'syntax'
    total = add(total, mul(g, rat(unit)))
    rest = rest.slice(m[0].length)
  }
  if (rest !== '' || t === '') {
    const g = groupValue(rest)
    if (!g) return 'syntax'
    total = add(total, g)
  }
  if (total.d !== 1n) return 'fraction'
  if (total.n > BigInt(Number.MAX_SAFE_INTEGER)) return 'large'
  return { ok: true, value: Number(total.n) }
}

/**
 * An amount in yen as typed: `¥`/`￥`, `円`, thousands separators (`,` `，` `、`), full-width digits, and the
 * units 兆・億・万・千・百・十 (`1億8000万` = 180,000,000; `１２３万４５６７円` = 1,234,567; `620,000千円` = 620,000,000).
 * Decimals are allowed before a unit (`1.5億`) as long as the result is whole yen.
 */
export function parseYenInput(input: string): InputResult<number> {
  const r = readWholeNumber(input, /円$/)
  if (typeof r !== 'string') return r
  const shown = input.trim()
  return fail(
    {
      empty: '金額を入力してください (empty)',
      negative: '金額は 0 円以上です (must not be negative)',
      syntax: AMOUNT_HINT,
      separator: `桁区切りの位置が正しくありません: ${shown} (misplaced thousands separator)`,
      fraction: `1 円未満の端数があります: ${shown} (not a whole number of yen)`,
      large: `金額が大きすぎます: ${shown} (amount too large)`,
    }[r],
  )
}

/** A whole count (人口 etc.): `32,096`, `３万２０９６`, `32096人` → 32096. */
export function parseCountInput(input: string): InputResult<number> {
  const r = readWholeNumber(input, /人$/)
  if (typeof r !== 'string') return r
  const shown = input.trim()
  return fail(
    {
      empty: '数を入力してください (empty)',
      negative: '0 以上の数を入力してください (must not be negative)',
      syntax: '数は 32,096・3万2096 のように入力してください (expected a whole number)',
      separator: `桁区切りの位置が正しくありません: ${shown} (misplaced thousands separator)`,
      fraction: `整数で入力してください: ${shown} (not a whole number)`,
      large: `数が大きすぎます: ${shown} (too large)`,
    }[r],
  )
}

/** The display units of the 円 / 千円 / 百万円 switch. */
export type YenDisplayUnit = 1 | 1000 | 1000000

export const YEN_DISPLAY_UNITS: Array<{ unit: YenDisplayUnit; label: string }> = [
  { unit: 1, label: '円' },
  { unit: 1000, label: '千円' },
  { unit: 1000000, label: '百万円' },
]

const groupDigits = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')

/**
 * An amount in a display unit: `¥620,000,000`, `620,000千円`, `620百万円`. Amounts that are not a multiple of
 * the unit are rounded half up to the unit (display only; the stored yen are exact), e.g. 1,234,567 → `1,235千円`.
 */
export function formatYenInUnit(amount: number, unit: YenDisplayUnit): string {
  const neg = amount < 0
  const abs = BigInt(Math.trunc(Math.abs(amount)))
  if (unit === 1) return `${neg ? '−' : ''}¥${groupDigits(abs.toString())}`
  const u = BigInt(unit)
  const q = (abs * 2n + u) / (2n * u)
  const label = unit === 1000 ? '千円' : '百万円'
  return `${neg && q > 0n ? '−' : ''}${groupDigits(q.toString())}${label}`
}

/** An amount as an input box shows it while editing: 620000000 → "620,000,000". */
export const formatAmountInput = (amount: number): string => groupDigits(String(Math.trunc(amount)))
