/** Runs the real CLI in-process (same code path as `pnpm warikan`), capturing stdout and stderr. */
import { runCli } from '../../packages/api/src/cli/run'

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

export async function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    stderrIsTTY: false,
    env: { ...process.env, ...env },
  })
  return { code, stdout, stderr }
}
