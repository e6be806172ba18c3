/** OpenAPI schemas of the SLA and continuity responses, each checked against the core type it carries. */
import { z } from '@hono/zod-openapi'
import {
  continuitySchema,
  COUNTERMEASURES,
  slaSchema,
  type ContinuityReport,
  type GradeFinding,
  type ServiceMonthReport,
} from '@warikan/core/sla'
import { coreDocument } from '../http/schemas'
import type { SlaReport } from './sla.service'

/** An SLA file (docs/sla.md): services, grades, service hours, counting rule, credit tiers. */
export const SlaFileSchema = coreDocument('SlaFile', slaSchema, {
  description: 'SLA ファイル (docs/sla.md): services[], grades, serviceHours, counting, credits',
})

/** A continuity file (docs/sla.md): failure patterns × countermeasures, shared countermeasure costs. */
export const ContinuityFileSchema = coreDocument('ContinuityFile', continuitySchema, {
  description: '継続性ファイル (docs/sla.md): 障害パターン × 対策、共同対策の費用',
})

/** What a stored SLA document holds: an SLA or continuity file (JSON), or an incident log (CSV text). */
export const SlaDocumentContentSchema = z
  .union([z.string(), SlaFileSchema, ContinuityFileSchema])
  .openapi({ description: 'SLA・継続性ファイルは JSON、障害記録は CSV の文字列' })

export const GradeFindingSchema = z
  .object({
    item: z.string().openapi({ example: 'サービス稼働率' }),
    status: z.enum(['ok', 'below', 'missing']),
    agreed: z.string(),
    recommended: z.string(),
    message: z.string(),
  })
  .openapi('SlaGradeFinding') satisfies z.ZodType<GradeFinding>

const IncidentOutcomeSchema = z.object({
  lines: z.array(z.number().int()),
  start: z.string(),
  end: z.string(),
  cause: z.string(),
  status: z.enum(['counted', 'excluded', 'belowMinimum', 'outsideHours']),
  inServiceMinutes: z.number(),
  countedMinutes: z.number(),
  note: z.string(),
})

export const ServiceMonthSchema = z
  .object({
    month: z.string().openapi({ example: '2026-08' }),
    service: z.string(),
    serviceName: z.string(),
    basis: z.enum(['serviceHours', '24h']),
    serviceMinutes: z.number().int(),
    downtimeMinutes: z.number().int(),
    availability: z.number(),
    availabilityExact: z.string().openapi({ example: '199/200' }),
    target: z.number().optional(),
    allowedDowntimeMinutes: z.number().optional(),
    met: z.boolean().optional(),
    mttrMinutes: z.number().optional(),
    mttrTargetMinutes: z.number().optional(),
    mttrMet: z.boolean().optional(),
    incidents: z.array(IncidentOutcomeSchema),
    notices: z.array(z.string()),
    credit: z
      .object({
        rate: z.number(),
        fee: z.number().int(),
        amount: z.number().int(),
        tier: z.string(),
      })
      .optional(),
  })
  .openapi('SlaServiceMonth') satisfies z.ZodType<ServiceMonthReport>

export const SlaReportSchema = z
  .object({
    consortium: z.string(),
    months: z.array(z.string()),
    services: z.array(ServiceMonthSchema),
  })
  .openapi('SlaReport') satisfies z.ZodType<SlaReport>

const CountermeasureId = z.enum(
  COUNTERMEASURES.map((c) => c.id) as [
    (typeof COUNTERMEASURES)[number]['id'],
    ...Array<(typeof COUNTERMEASURES)[number]['id']>,
  ],
)

const MemberAllocationSchema = z.object({
  code: z.string(),
  name: z.string(),
  total: z.number().int(),
  shares: z.record(z.string(), z.number().int()),
  standaloneCost: z.number().int().optional(),
  savingsRate: z.number().optional(),
  meetsTarget: z.boolean().optional(),
})

export const ContinuityReportSchema = z
  .object({
    matrix: z.array(
      z.object({ no: z.number().int(), name: z.string(), marks: z.array(z.boolean()) }),
    ),
    countermeasures: z.array(z.object({ id: CountermeasureId, name: z.string() })),
    members: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        countermeasures: z.array(CountermeasureId),
        covered: z.array(z.number().int()),
        uncovered: z.array(z.number().int()),
        closeGaps: z
          .object({ countermeasures: z.array(CountermeasureId), cost: z.number().int() })
          .optional(),
      }),
    ),
    shared: z
      .object({
        total: z.number().int(),
        members: z.array(MemberAllocationSchema),
        costs: z.array(
          z.object({ id: z.string(), amount: z.number().int(), allocated: z.number().int() }),
        ),
      })
      .optional(),
  })
  .openapi('ContinuityReport') satisfies z.ZodType<ContinuityReport>

export const SlaDocumentSummarySchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(['sla', 'incidents', 'continuity']),
    title: z.string(),
    slaId: z.number().int().nullable(),
    version: z.number().int(),
    updatedAt: z.string(),
  })
  .openapi('SlaDocumentSummary')

export const SlaDocumentSchema = SlaDocumentSummarySchema.extend({
  consortiumId: z.number().int(),
  content: SlaDocumentContentSchema,
}).openapi('SlaDocument')
