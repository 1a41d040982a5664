/** A mistake in how the command was called: exit 1 and point the user at --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/** A problem that stops the run before any image is sent (unknown profile, bad examples file). */
export class FatalError extends Error {
  override readonly name = 'FatalError'
  readonly hint: string | undefined
  /** Extra lines, e.g. every problem found in an examples file. */
  readonly details: string[]

  constructor(message: string, options: { hint?: string; details?: string[] } = {}) {
    super(message)
    this.hint = options.hint
    this.details = options.details ?? []
  }
}
