/** Schemas shared by several routes, registered by name in the OpenAPI document. */
import { z } from '@hono/zod-openapi'

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'validation' }),
      message: z.string(),
      details: z.array(
        z.object({
          path: z.string().optional().openapi({ example: 'body.members.3.population' }),
          file: z.string().optional(),
          line: z.number().int().optional(),
          field: z.string().optional().openapi({ example: 'population' }),
          message: z.string(),
        }),
      ),
    }),
  })
  .openapi('Error')

const errorResponse = (description: string) => ({
  content: { 'application/json': { schema: ErrorSchema } },
  description,
})

/** The error responses every authenticated route can give. */
export const authErrors = {
  401: errorResponse('トークンがない、または無効 (missing or invalid token)'),
  403: errorResponse('ロールが許可しない操作 (role does not allow this)'),
  429: errorResponse('レート制限 (rate limited)'),
} as const

export const notFoundError = { 404: errorResponse('見つからない (not found)') } as const
export const validationError = {
  422: errorResponse('入力が正しくない (validation failed; details carry field paths)'),
} as const
export const conflictError = {
  409: errorResponse('版の競合 (stale version) または重複 (duplicate)'),
} as const

/**
 * A strict decimal id in a path or query: digits only, no sign, no leading zero, no spaces, no hex
 * (`0x10`, ` 1`, `1e0` are refused, never read as another id), at most 2^53 − 1.
 */
export const decimalId = (name: string, where: 'path' | 'query', example = 1) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,15}$/, '10進の正の整数です (a decimal id: digits only)')
    .refine((s) => Number.isSafeInteger(Number(s)), 'id が大きすぎます (id too large)')
    .transform(Number)
    .openapi({ param: { name, in: where }, type: 'integer', example })

export const IdParam = z.object({ id: decimalId('id', 'path') })

export const ConsortiumIdParam = z.object({ cid: decimalId('cid', 'path') })

/**
 * A scenario file (docs/formats/scenario.md). Only "a JSON object" is checked here: the core's parser validates it
 * in full, so every route reports the same Japanese messages with the same paths (422).
 */
export const ScenarioDocumentSchema = z.looseObject({}).openapi('ScenarioDocument', {
  description:
    'シナリオファイル (docs/formats/scenario.md): version, consortium {name, fiscalYear}, members[], costs[], rounding?, target?',
  example: {
    version: 1,
    consortium: { name: '例示協議会', fiscalYear: 2026 },
    members: [
      { code: '143014', name: '葉山町', population: 32096 },
      { code: '143219', name: '寒川町', population: 48060 },
    ],
    costs: [{ id: 'ops', name: '運用費', amount: 1000000, rule: { equal: 1 } }],
  },
})

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
})

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
})

/** A yes/no query parameter (`?force=1`): `1` or `true` turn it on; `0`, `false` or absent leave it off. */
export const flagQuery = (name: string, description: string) =>
  z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .openapi({ param: { name, in: 'query' }, description })

export const flagOn = (value: string | undefined): boolean => value === '1' || value === 'true'
