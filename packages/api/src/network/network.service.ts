/**
 * Network placement checks for the CLI and the API: validate a decoded topology document, run the
 * core checks. Input problems come back as data (`{ path, message }`), as elsewhere in the core.
 */
import {
  checkTopology,
  parseTopology,
  type CheckResult,
  type Finding,
  type Topology,
} from '@warikan/core/network'
import type { InputIssue } from '@warikan/core'

export type NetworkCheck =
  { ok: true; topology: Topology; result: CheckResult } | { ok: false; issues: InputIssue[] }

/**
 * The JSON answer of `warikan network --format json` and `POST /api/network/check`: exactly the spec's keys
 * (docs/formats/topology.md: rule, severity, message, path) unless `explain` asks for the additions too
 * (explanation, source, fix — the same texts as the table and the diagram).
 */
export type FindingJson = Pick<Finding, 'rule' | 'severity' | 'message' | 'path'> &
  Partial<Pick<Finding, 'explanation' | 'source' | 'fix'>>

export function findingsJson(result: CheckResult, explain: boolean): { findings: FindingJson[] } {
  return {
    findings: result.findings.map(({ rule, severity, message, path, explanation, source, fix }) =>
      explain
        ? { rule, severity, message, path, explanation, source, fix }
        : { rule, severity, message, path },
    ),
  }
}

export function checkNetworkDocument(document: unknown): NetworkCheck {
  const parsed = parseTopology(document)
  if (!parsed.ok) return { ok: false, issues: parsed.issues }
  return { ok: true, topology: parsed.value, result: checkTopology(parsed.value) }
}
