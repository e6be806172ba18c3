#!/usr/bin/env node
/** `warikan` — the command-line entry point. Thin: each command lives in commands/. */
import { runCli } from './run'

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
})
process.exitCode = code
