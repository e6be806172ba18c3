/** Tokens are random, shown once, and stored only as a sha256 hash. */
import { createHash, randomBytes } from 'node:crypto'

export const TOKEN_PREFIX = 'wk_'

export const newToken = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url')

export const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex')
