/**
 * A long computation (sampled Shapley value, core search) asked to stop: its caller's `shouldStop()` said
 * so (e.g. the API's request deadline passed). Thrown, not returned: nothing partial is ever reported.
 */
export class ComputationStopped extends Error {
  constructor() {
    super('computation stopped (deadline passed)')
    this.name = 'ComputationStopped'
  }
}

/** Throws ComputationStopped when the caller's check says to stop. */
export function checkStop(shouldStop: (() => boolean) | undefined): void {
  if (shouldStop?.()) throw new ComputationStopped()
}
