/**
 * Network placement checks for the CLI and the API: validate a decoded topology document, run the
 * core checks. Input problems come back as data (`{ path, message }`), as elsewhere in the core.
 */
import {
  checkTopology,
  parseTopology,
  type CheckResult,
  type Topology,
} from '@warikan/core/network'
import type { InputIssue } from '@warikan/core'

export type NetworkCheck =
  { ok: true; topology: Topology; result: CheckResult } | { ok: false; issues: InputIssue[] }

export function checkNetworkDocument(document: unknown): NetworkCheck {
  const parsed = parseTopology(document)
  if (!parsed.ok) return { ok: false, issues: parsed.issues }
  return { ok: true, topology: parsed.value, result: checkTopology(parsed.value) }
}
