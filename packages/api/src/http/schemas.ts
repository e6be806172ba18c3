/** Schemas shared by several routes, registered by name in the OpenAPI document. */
import { z } from '@hono/zod-openapi'
import { scenarioSchema } from '@warikan/core'

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
 * A document the core parses in full (scenario, plan, topology, SLA, continuity, 台帳 entry, bill map). The route
 * checks only "a JSON object", so the core's parser alone validates it and every entry (HTTP, CLI) reports the same
 * Japanese messages with the same field paths (422). Its OpenAPI shape, and so the web client's type, is the core
 * schema converted by zod itself (`z.toJSONSchema`): the contract is written once, in the core.
 */
export function coreDocument(
  name: string,
  core: z.ZodType,
  metadata: { description: string; example?: unknown },
  /** 'output' for a document stored as the core parsed it (defaults filled in), e.g. a 台帳 entry */
  io: 'input' | 'output' = 'input',
) {
  const shape = z.toJSONSchema(core, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>
  delete shape['$schema']
  return z.looseObject({}).openapi(name, { ...shape, ...metadata })
}

/** A scenario file (docs/formats/scenario.md). */
export const ScenarioDocumentSchema = coreDocument('ScenarioDocument', scenarioSchema, {
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

/** The answer of every DELETE of a stored thing (scenario, plan, SLA document). */
export const DeletedSchema = z.object({ id: z.number().int(), deleted: z.literal(true) })

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
