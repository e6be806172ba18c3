/** An error the CLI reports on stderr with a non-zero exit and nothing on stdout. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** Input problems located in a file: "file: path: message" lines. */
export class InputError extends CliError {
  constructor(
    readonly file: string,
    readonly issues: Array<{ path: string; message: string }>,
  ) {
    super(issues.map((i) => `${file}: ${i.path}: ${i.message}`).join('\n'), 2)
    this.name = 'InputError'
  }
}
