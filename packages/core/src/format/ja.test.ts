import { describe, expect, it } from 'vitest'
import { toCsv } from './csv'
import { formatDateJa, formatFiscalYear, formatPercent, formatYen } from './ja'
import { displayWidth } from './text-width'

describe('Japanese formats', () => {
  it.each([
    [0, '¥0'],
    [999, '¥999'],
    [1234567, '¥1,234,567'],
    [-1234, '−¥1,234'],
  ])('formatYen(%d) = %s', (n, s) => expect(formatYen(n)).toBe(s))

  it.each([
    [2026, '令和8年度'],
    [2019, '令和元年度'],
    [2018, '平成30年度'],
    [1989, '平成元年度'],
  ])('formatFiscalYear(%d) = %s', (y, s) => expect(formatFiscalYear(y)).toBe(s))

  // The era changes on a day, not a year: 昭和 ended on 1989-01-07, 平成 on 2019-04-30.
  it.each([
    ['1989-01-07', '昭和64年1月7日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1989-12-31', '平成元年12月31日'],
    ['1990-01-01', '平成2年1月1日'],
    ['2019-04-30', '平成31年4月30日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2020-01-01', '令和2年1月1日'],
    ['1926-12-25', '昭和元年12月25日'],
  ])('formatDateJa(%s) = %s at an era boundary', (d, s) => expect(formatDateJa(d)).toBe(s))

  it('formatDateJa leaves text that is no calendar date as it is', () => {
    expect(formatDateJa('2026-02-30')).toBe('2026-02-30')
    expect(formatDateJa('令和8年')).toBe('令和8年')
    expect(formatDateJa('2026-04-01T09:00:00+09:00')).toBe('令和8年4月1日')
  })

  it('dates and percentages', () => {
    expect(formatDateJa('2026-01-01')).toBe('令和8年1月1日')
    expect(formatDateJa('2019-04-30')).toBe('平成31年4月30日')
    expect(formatDateJa('2015-10-01')).toBe('平成27年10月1日')
    expect(formatPercent(0.2)).toBe('20.0%')
    expect(formatPercent(-0.0512)).toBe('−5.1%')
  })

  it('CSV guards formulas and quotes', () => {
    expect(toCsv([['=1+1', 'a,b', 'say "hi"', 5]], { bom: true })).toBe(
      '\uFEFF\'=1+1,"a,b","say ""hi""",5\r\n',
    )
    expect(toCsv([['-3', '@x', '+1']])).toBe("'-3,'@x,'+1\r\n")
  })

  it('measures East Asian width', () => {
    expect(displayWidth('葉山町')).toBe(6)
    expect(displayWidth('¥1,234')).toBe(6)
  })
})

describe('months and Japan time', () => {
  it('names a month in 和暦 and reads an instant in Japan time (UTC+9)', async () => {
    const { formatMonthJa, japanTimeIso } = await import('./ja')
    expect(formatMonthJa('2026-08')).toBe('令和8年8月')
    expect(formatMonthJa('2019-05')).toBe('令和元年5月')
    expect(formatMonthJa('2019-04')).toBe('平成31年4月')
    expect(japanTimeIso(Date.UTC(2026, 7, 31, 15, 30))).toBe('2026-09-01T00:30:00')
  })
})
