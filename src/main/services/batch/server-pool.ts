/** Spreads requests over a profile's servers and steps around the ones that stopped answering. */
export class ServerPool {
  readonly #urls: string[]
  readonly #perServer: number
  readonly #cooldownMs: number
  readonly #load = new Map<string, number>()
  readonly #downUntil = new Map<string, number>()
  #cursor = 0

  constructor(urls: string[], perServer: number, cooldownMs: number) {
    if (urls.length === 0) throw new Error('A server pool needs at least one URL')
    this.#urls = urls
    this.#perServer = Math.max(1, perServer)
    this.#cooldownMs = cooldownMs
  }

  /** The least-loaded server that is up and has room, round-robin among equals; null if none now. */
  acquire(now: number): string | null {
    let best: string | null = null
    let bestLoad = Infinity
    for (let i = 0; i < this.#urls.length; i++) {
      const url = this.#urls[(this.#cursor + i) % this.#urls.length]!
      if ((this.#downUntil.get(url) ?? 0) > now) continue
      const load = this.#load.get(url) ?? 0
      if (load < this.#perServer && load < bestLoad) {
        best = url
        bestLoad = load
      }
    }
    if (best !== null) {
      this.#load.set(best, bestLoad + 1)
      this.#cursor = (this.#urls.indexOf(best) + 1) % this.#urls.length
    }
    return best
  }

  release(url: string): void {
    this.#load.set(url, Math.max(0, (this.#load.get(url) ?? 1) - 1))
  }

  markDown(url: string, now: number): void {
    this.#downUntil.set(url, now + this.#cooldownMs)
  }

  markUp(url: string): void {
    this.#downUntil.delete(url)
  }

  /** When the next server that is down comes back into rotation; null when none is down. */
  nextRecovery(now: number): number | null {
    let soonest: number | null = null
    for (const until of this.#downUntil.values()) {
      if (until > now && (soonest === null || until < soonest)) soonest = until
    }
    return soonest
  }

  allDown(now: number): boolean {
    return this.#urls.every((url) => (this.#downUntil.get(url) ?? 0) > now)
  }
}
