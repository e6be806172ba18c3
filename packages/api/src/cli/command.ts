/** A CLI command: its name, one-line help, and what it does with its arguments. */
export interface CliContext {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** true when stderr is a terminal (progress bars only then) */
  stderrIsTTY: boolean
  env: NodeJS.ProcessEnv
}

export interface Command {
  name: string
  summary: string
  usage: string
  run: (argv: string[], ctx: CliContext) => Promise<number | void> | number | void
}
