import type { AppErrorData, Result } from '../../../shared/errors'

/** The one message bar: the latest failure, until the user dismisses it or retries. */
export class ErrorState {
  current = $state.raw<AppErrorData | null>(null)

  show(error: AppErrorData): void {
    this.current = error
  }

  dismiss(): void {
    this.current = null
  }

  /** Returns the value of a successful call, or shows its error and returns undefined. */
  unwrap<T>(result: Result<T>): T | undefined {
    if (result.ok) return result.value
    this.show(result.error)
    return undefined
  }
}
