/**
 * Runs the installed CLI as its own process (`node packages/api/bin/warikan.mjs`, the file behind
 * `pnpm exec warikan`), capturing stdout, stderr and the exit status. The build is fresh: vitest's
 * globalSetup (build-cli.ts) builds it from the current sources before any test runs.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const CLI_BIN = fileURLToPath(new URL('../../packages/api/bin/warikan.mjs', import.meta.url))

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t))
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t))
    child.on('error', reject)
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }),
    )
  })
}
