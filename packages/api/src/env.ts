/** The only place that reads process.env. */
import { z } from 'zod'

const envSchema = z.object({
  /** postgres://… selects PostgreSQL; otherwise the embedded SQLite file is used. */
  DATABASE_URL: z.string().optional(),
  /** SQLite file (default ./data/warikan.db) */
  WARIKAN_DB: z.string().default('./data/warikan.db'),
  /** SQLite file of `serve --demo` (default ./data/warikan-demo.db); never the data file above */
  WARIKAN_DEMO_DB: z.string().default('./data/warikan-demo.db'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().default('127.0.0.1'),
  /** comma-separated origins allowed by CORS; empty = CORS off */
  WARIKAN_CORS_ORIGINS: z.string().default(''),
  WARIKAN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  WARIKAN_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 * 1024),
  /** a cloud-bill upload (FOCUS CSV text inside JSON, POST /api/scenarios/{id}/bills): 64 MiB by default */
  WARIKAN_BILL_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024 * 1024),
  WARIKAN_UPLOAD_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024 * 1024),
  WARIKAN_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** the sampled Shapley value's bound per request, in marginal evaluations (≈ 0.5–1 s on one core) */
  WARIKAN_FAIRNESS_MAX_WORK: z.coerce.number().int().positive().default(30_000_000),
  /** a 照会ログ upload's whole body must arrive within this (default 15 min) */
  WARIKAN_UPLOAD_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(15 * 60_000),
  /** … with no pause longer than this between two chunks */
  WARIKAN_UPLOAD_IDLE_MS: z.coerce.number().int().positive().default(60_000),
  /** uploads taken at once; more get 503 with Retry-After */
  WARIKAN_UPLOADS_AT_ONCE: z.coerce.number().int().positive().default(2),
})

export type Env = z.infer<typeof envSchema>

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  return envSchema.parse(source)
}
