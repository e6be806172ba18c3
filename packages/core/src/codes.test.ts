import { describe, expect, it } from 'vitest'
import { checkLocalGovCode, localGovCheckDigit } from './codes'

describe('全国地方公共団体コード check digit', () => {
  it.each([
    // 1×6 + 4×5 + 3×4 + 0×3 + 1×2 = 40; 40 mod 11 = 7; (11 − 7) mod 10 = 4 → 143014 (葉山町)
    ['14301', 4],
    // 1×6 + 4×5 + 3×4 + 2×3 + 1×2 = 46; 46 mod 11 = 2; 11 − 2 = 9 → 143219 (寒川町)
    ['14321', 9],
    // 1×6 + 4×5 + 4×4 + 0×3 + 2×2 = 46 → 9 → 144029 (清川村)
    ['14402', 9],
    // 1×6 + 3×5 + 1×4 + 0×3 + 0×2 = 25; 25 mod 11 = 3; 11 − 3 = 8 → 131008? (remainder 3 → 8)
    ['13100', 8],
    // sum ≡ 0 mod 11 → (11 − 0) mod 10 = 1: 0×6+0×5+0×4+1×3+4×2 = 11 → 1
    ['00014', 1],
    // sum ≡ 1 mod 11 → 10 mod 10 = 0: 0,0,0,0,6 → 12 → 1 → 0
    ['00006', 0],
  ])('%s → %i', (five, digit) => expect(localGovCheckDigit(five)).toBe(digit))

  it('accepts every demo member and rejects a wrong check digit', () => {
    for (const code of [
      '143014',
      '143219',
      '143413',
      '143421',
      '143618',
      '143626',
      '143634',
      '143642',
      '143669',
      '143821',
      '143839',
      '143847',
      '144011',
      '144029',
    ]) {
      expect(checkLocalGovCode(code)).toEqual({ ok: true })
    }
    const bad = checkLocalGovCode('143015')
    expect(bad.ok).toBe(false)
    expect(!bad.ok && bad.reason).toContain('expected 4')
    expect(checkLocalGovCode('14301').ok).toBe(false)
    expect(checkLocalGovCode('14301a').ok).toBe(false)
  })
})
