/**
 * The scheduler's idle wait: a timed sleep that `nudge` ends early. A nudge that arrives while
 * nobody sleeps is kept, so the next sleep returns at once and no wake-up is lost.
 */
export class Waker {
  #wake: (() => void) | null = null
  #nudged = false

  nudge(): void {
    const wake = this.#wake
    this.#wake = null
    if (wake) wake()
    else this.#nudged = true
  }

  sleep(ms: number): Promise<void> {
    if (this.#nudged) {
      this.#nudged = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#wake = null
        resolve()
      }, ms)
      this.#wake = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }
}

/** Waits `ms`, or less when the signal aborts first; the timer never outlives the abort. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}
