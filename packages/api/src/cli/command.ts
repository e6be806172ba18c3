/** A CLI command: its name, one-line help, and what it does with its arguments. */
export interface CliContext {
  stdout: (text: string) => void
  stderr: (text: string) => void
  /** true when stderr is a terminal (progress bars only then) */
  stderrIsTTY: boolean
  env: NodeJS.ProcessEnv
}

/** What a command does: its usage line and its run (the module a LazyCommand loads). */
export interface CommandHandler {
  usage: string
  run: (argv: string[], ctx: CliContext) => Promise<number | void> | number | void
}

/** A command whose code (and dependencies) is all loaded at start-up. */
export interface Command extends CommandHandler {
  name: string
  summary: string
}

/**
 * A command in the registry (commands/index.ts): name and summary for `warikan --help`, and its module,
 * loaded only when the command runs, so a command pays only for its own dependencies.
 */
export interface LazyCommand {
  name: string
  summary: string
  load: () => Promise<CommandHandler>
}

export type CommandEntry = Command | LazyCommand

export const loadCommand = (entry: CommandEntry): Promise<CommandHandler> =>
  'load' in entry ? entry.load() : Promise.resolve(entry)
