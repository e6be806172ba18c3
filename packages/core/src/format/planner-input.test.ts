import { describe, expect, it } from 'vitest'
import { rat, toFractionString } from '../rational'
import {
  formatAmountInput,
  formatYenInUnit,
  parseCountInput,
  parseWeightInput,
  parseYenInput,
  weightToInputText,
  weightToJson,
} from './planner-input'

describe('parseWeightInput', () => {
  it.each([
    ['30%', '3/10'],
    ['0.3', '3/10'],
    ['３０％', '3/10'],
    ['０．３', '3/10'],
    ['1/3', '1/3'],
    ['１／３', '1/3'],
    [' 1 / 3 ', '1/3'],
    ['.25', '1/4'],
    ['33.3%', '333/1000'],
    ['12.5 %', '1/8'],
    ['100%', '1'],
    ['1', '1'],
    ['0', '0'],
    ['3割', '3/10'],
    ['2割5分', '1/4'],
    ['5分', '1/20'],
  ])('%s → %s', (text, fraction) => {
    const r = parseWeightInput(text)
    expect(r.ok && toFractionString(r.value)).toBe(fraction)
  })

  it.each([
    ['', '重みを入力してください (empty)'],
    ['-0.1', '負の重みは使えません (must not be negative)'],
    ['1/0', '分母が 0 です (zero denominator)'],
    ['120%', '重みは 1（100%）以下です: 120% (a weight is at most 1)'],
    ['4/3', '重みは 1（100%）以下です: 4/3 (a weight is at most 1)'],
    [
      'abc',
      '重みは 30%・0.3・1/3・3割 のように入力してください (expected a percentage, decimal or fraction)',
    ],
    [
      '0.3.1',
      '重みは 30%・0.3・1/3・3割 のように入力してください (expected a percentage, decimal or fraction)',
    ],
    [
      '%',
      '重みは 30%・0.3・1/3・3割 のように入力してください (expected a percentage, decimal or fraction)',
    ],
  ])('%j is refused: %s', (text, message) => {
    expect(parseWeightInput(text)).toEqual({ ok: false, message })
  })
})

describe('weights written back', () => {
  it.each([
    [rat(3, 10), 0.3, '30%'],
    [rat(1, 3), '1/3', '1/3'],
    [rat(1), 1, '100%'],
    [rat(0), 0, '0%'],
    [rat(1, 8), 0.125, '12.5%'],
    [rat(117, 200), 0.585, '58.5%'],
    [rat(1, 1024), 0.0009765625, '1/1024'],
  ])('%o → %j in the file, %s in the box', (r, json, text) => {
    expect(weightToJson(r)).toBe(json)
    expect(weightToInputText(r)).toBe(text)
  })
})

describe('parseYenInput', () => {
  it.each([
    ['1億8000万', 180_000_000],
    ['¥1,234,567', 1_234_567],
    ['１２３万４５６７円', 1_234_567],
    ['620000000', 620_000_000],
    ['620,000,000円', 620_000_000],
    ['￥６２０，０００，０００', 620_000_000],
    ['620,000千円', 620_000_000],
    ['620百万円', 620_000_000],
    ['1.5億', 150_000_000],
    ['3千万', 30_000_000],
    ['1千2百万', 12_000_000],
    ['1億', 100_000_000],
    ['2兆', 2_000_000_000_000],
    ['5万円', 50_000],
    ['0', 0],
    ['1、234、567', 1_234_567],
  ])('%s → %d', (text, yen) => {
    expect(parseYenInput(text)).toEqual({ ok: true, value: yen })
  })

  it.each([
    ['', '金額を入力してください (empty)'],
    ['-5', '金額は 0 円以上です (must not be negative)'],
    ['▲5000', '金額は 0 円以上です (must not be negative)'],
    ['1.5', '1 円未満の端数があります: 1.5 (not a whole number of yen)'],
    ['1,23,4', '桁区切りの位置が正しくありません: 1,23,4 (misplaced thousands separator)'],
    [
      '万',
      '金額は 1,234,567・¥1,234,567・1億8000万・620,000千円 のように入力してください (expected an amount in yen)',
    ],
    [
      '1万2億',
      '金額は 1,234,567・¥1,234,567・1億8000万・620,000千円 のように入力してください (expected an amount in yen)',
    ],
    [
      'abc',
      '金額は 1,234,567・¥1,234,567・1億8000万・620,000千円 のように入力してください (expected an amount in yen)',
    ],
    ['9999兆', '金額が大きすぎます: 9999兆 (amount too large)'],
  ])('%j is refused: %s', (text, message) => {
    expect(parseYenInput(text)).toEqual({ ok: false, message })
  })
})

describe('counts', () => {
  it.each([
    ['32,096', 32_096],
    ['３万２０９６人', 32_096],
    ['32096', 32_096],
  ])('%s → %d', (text, n) => expect(parseCountInput(text)).toEqual({ ok: true, value: n }))
  it.each([
    ['3.5', '整数で入力してください: 3.5 (not a whole number)'],
    ['', '数を入力してください (empty)'],
    ['-1', '0 以上の数を入力してください (must not be negative)'],
    ['多数', '数は 32,096・3万2096 のように入力してください (expected a whole number)'],
  ])('%j is refused: %s', (text, message) =>
    expect(parseCountInput(text)).toEqual({ ok: false, message }),
  )
})

describe('display units', () => {
  it.each([
    [620_000_000, 1, '¥620,000,000'],
    [620_000_000, 1000, '620,000千円'],
    [620_000_000, 1000000, '620百万円'],
    [1_234_567, 1000, '1,235千円'],
    [1_234_499, 1000, '1,234千円'],
    [1_234_567, 1000000, '1百万円'],
    [-2_500, 1000, '−3千円'],
    [0, 1000000, '0百万円'],
  ] as const)('%d in %d → %s', (yen, unit, text) => expect(formatYenInUnit(yen, unit)).toBe(text))
  it('separators while editing', () => {
    expect(formatAmountInput(620000000)).toBe('620,000,000')
    expect(formatAmountInput(999)).toBe('999')
  })
})
