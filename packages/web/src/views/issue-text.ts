/**
 * Validator messages for the screen: the core's cross-field checks are already Japanese; shape checks come
 * from zod in English, so they get a Japanese lead with the English kept in parentheses.
 */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/

const KNOWN: Array<[RegExp, string]> = [
  [/expected string to have >=1 characters|too small.*string/i, '空欄にはできません'],
  [/expected number, received string/i, '数値ではありません'],
  [/must be an integer/i, '整数にしてください'],
  [/must be positive/i, '正の数にしてください'],
  [/unrecognized key/i, 'この項目は使えません'],
  [/expected YYYY-MM-DD/i, '日付は 2026-01-01 の形にしてください'],
  [/required|received undefined/i, '必須の項目です'],
]

export function issueText(message: string): string {
  if (JAPANESE.test(message)) return message
  const known = KNOWN.find(([re]) => re.test(message))
  return `${known ? known[1] : '値が正しくありません'} (${message})`
}
