/**
 * 全国地方公共団体コード: six digits, the last a check digit.
 * check = (11 − (Σ d_i × w_i for digits 1–5 with weights 6,5,4,3,2) mod 11) mod 10.
 */
export function localGovCheckDigit(firstFive: string): number {
  const weights = [6, 5, 4, 3, 2]
  let total = 0
  for (let i = 0; i < 5; i++) total += Number(firstFive[i]) * weights[i]!
  return (11 - (total % 11)) % 10
}

export type CodeCheck = { ok: true } | { ok: false; reason: string }

export function checkLocalGovCode(code: string): CodeCheck {
  if (!/^\d{6}$/.test(code))
    return { ok: false, reason: '6桁の数字ではありません (not six digits)' }
  const expected = localGovCheckDigit(code.slice(0, 5))
  if (Number(code[5]) !== expected) {
    return {
      ok: false,
      reason: `検査数字が不正です: ${code} の検査数字は ${expected} のはずです (bad check digit, expected ${expected})`,
    }
  }
  return { ok: true }
}

export const isLocalGovCode = (code: string): boolean => checkLocalGovCode(code).ok
