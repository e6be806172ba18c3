import { describe, expect, it } from 'vitest'
import {
  add,
  cmp,
  fromDecimal,
  fromDouble,
  rat,
  toDecimalString,
  toFractionString,
  toNumber,
} from './rational'

describe('rational', () => {
  it('reads decimals exactly as written', () => {
    expect(toFractionString(fromDecimal(0.1))).toBe('1/10')
    expect(toFractionString(fromDecimal(0.585))).toBe('117/200')
    expect(toFractionString(fromDecimal('1/3'))).toBe('1/3')
    expect(toFractionString(fromDecimal(1e-7))).toBe('1/10000000')
    expect(toFractionString(fromDecimal(12))).toBe('12')
    // 0.1 + 0.2 is exactly 3/10 (not 0.30000000000000004)
    expect(toFractionString(add(fromDecimal(0.1), fromDecimal(0.2)))).toBe('3/10')
  })

  it('takes a double at its exact binary value', () => {
    expect(toFractionString(fromDouble(0.5))).toBe('1/2')
    expect(toFractionString(fromDouble(0.1))).toBe('3602879701896397/36028797018963968')
    expect(toNumber(fromDouble(Math.pow(32096, 0.585)))).toBe(Math.pow(32096, 0.585))
  })

  it('compares and prints', () => {
    expect(cmp(rat(1, 3), rat(2, 6))).toBe(0)
    expect(cmp(rat(1, 3), rat(1, 2))).toBe(-1)
    expect(toDecimalString(rat(1075, 7), 4)).toBe('153.5714…')
    expect(toDecimalString(rat(-1, 4))).toBe('-0.25')
  })
})
