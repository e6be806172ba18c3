/** Planner-facing names of scenario keys that are ids in the file (metric names …). */
const METRIC_LABELS: Record<string, string> = { terminals: '端末数' }

/** `terminals` → 端末数; other metric names are shown as written. */
export const metricLabel = (name: string): string => METRIC_LABELS[name] ?? name
