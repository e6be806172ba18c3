/** POST /api/network/check — topology JSON (docs/formats/topology.md) → `{ findings }` (checks NET-001…006). */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi'
import { ApiError, issueDetails } from '../http/api-error'
import type { AppEnv } from '../http/app-env'
import type { AppDeps } from '../http/deps'
import { RULES, topologySchema, type Finding, type RuleId } from '@warikan/core/network'
import {
  authErrors,
  coreDocument,
  flagOn,
  flagQuery,
  json,
  jsonBody,
  validationError,
} from '../http/schemas'
import { checkNetworkDocument, findingsJson } from './network.service'

const RULE_IDS = Object.keys(RULES) as [RuleId, ...RuleId[]]

export const networkCheckRoute = createRoute({
  method: 'post',
  path: '/api/network/check',
  tags: ['analysis'],
  summary: 'ネットワーク構成の検査 (docs/formats/topology.md → findings)',
  description:
    '指摘は仕様どおり { rule, severity, message, path }。?explain=1 で explanation (説明)・source (根拠)・fix (対策) も返す。',
  request: {
    body: jsonBody(
      coreDocument('Topology', topologySchema, {
        description: 'ネットワーク構成 (docs/formats/topology.md): segments[], nodes[], links[]',
      }),
    ),
    query: z.object({
      explain: flagQuery('explain', '説明・根拠・対策 (explanation, source, fix) も返す'),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          findings: z.array(
            z
              .object({
                rule: z.enum(RULE_IDS).openapi({ example: 'NET-001' }),
                severity: z.enum(['error', 'warning', 'info']),
                message: z.string(),
                path: z.array(z.string()).openapi({ example: ['dc-chukan', 'jlis'] }),
                explanation: z.string().optional(),
                source: z.string().optional(),
                fix: z.string().optional(),
              })
              .openapi('NetworkFinding') satisfies z.ZodType<
              Pick<Finding, 'rule' | 'severity' | 'message' | 'path'> & Partial<Finding>
            >,
          ),
        })
        .openapi('NetworkFindings'),
      '検査結果',
    ),
    ...authErrors,
    ...validationError,
  },
})

export function registerNetworkRoutes(app: OpenAPIHono<AppEnv>, _deps: AppDeps): void {
  app.openapi(networkCheckRoute, (c) => {
    const checked = checkNetworkDocument(c.req.valid('json'))
    if (!checked.ok)
      throw new ApiError(
        'validation',
        'ネットワーク構成が正しくありません (invalid topology)',
        issueDetails(checked.issues),
      )
    return c.json(findingsJson(checked.result, flagOn(c.req.valid('query').explain)), 200)
  })
}
