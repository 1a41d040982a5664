import type { BatchProgress } from '../../../shared/batch'

export type { BatchProgress }

/**
 * Throughput over a sliding window of recent completions: a fair "images per second" that follows
 * the current pace rather than the average since the start (pauses and warm-up would skew that).
 */
export class ThroughputMeter {
  readonly #windowMs: number
  readonly #stamps: number[] = []

  constructor(windowMs = 20_000) {
    this.#windowMs = windowMs
  }

  record(now: number): void {
    this.#stamps.push(now)
    this.#trim(now)
  }

  rate(now: number): number {
    this.#trim(now)
    const first = this.#stamps[0]
    if (first === undefined || this.#stamps.length < 2) return 0
    const span = Math.max(now - first, 1)
    return ((this.#stamps.length - 1) / span) * 1000
  }

  #trim(now: number): void {
    while (this.#stamps.length > 0 && now - this.#stamps[0]! > this.#windowMs) this.#stamps.shift()
  }
}

/** Remaining time at the current pace; null until there is a pace to go by. */
export function estimateEta(remaining: number | null, imagesPerSecond: number): number | null {
  if (remaining === null || imagesPerSecond <= 0) return null
  return Math.ceil(remaining / imagesPerSecond)
}
