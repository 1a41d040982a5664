/**
 * Saves one value per key in order, one call at a time: a newer value for a key replaces one still
 * waiting, so a burst of edits costs one write per key and the last edit always lands last.
 */
export class SaveQueue<T> {
  readonly #save: (key: string, value: T) => Promise<void>
  readonly #onIdle: (idle: boolean) => void
  readonly #waiting = new Map<string, T>()
  #running: Promise<void> | null = null
  #inFlight: string | null = null

  /** `onIdle` hears when writing starts (false) and when everything is written (true). */
  constructor(
    save: (key: string, value: T) => Promise<void>,
    onIdle: (idle: boolean) => void = () => {},
  ) {
    this.#save = save
    this.#onIdle = onIdle
  }

  get idle(): boolean {
    return this.#running === null && this.#waiting.size === 0
  }

  /** Whether a value for `key` has not reached main yet (waiting or being written). */
  busy(key: string): boolean {
    return this.#inFlight === key || this.#waiting.has(key)
  }

  push(key: string, value: T): void {
    this.#waiting.set(key, value)
    this.#running ??= this.#drain()
  }

  /** Resolves once everything pushed so far is saved (Ctrl+S, switching projects, tests). */
  async flush(): Promise<void> {
    while (this.#running) await this.#running
  }

  async #drain(): Promise<void> {
    this.#onIdle(false)
    try {
      for (let next = this.#take(); next; next = this.#take()) {
        this.#inFlight = next[0]
        await this.#save(next[0], next[1])
      }
    } finally {
      this.#inFlight = null
      this.#running = null
      this.#onIdle(true)
    }
  }

  #take(): [string, T] | null {
    const first = this.#waiting.entries().next()
    if (first.done) return null
    this.#waiting.delete(first.value[0])
    return first.value
  }
}
