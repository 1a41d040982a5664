/** One item on its way through a run. */
export interface Entry<I> {
  item: I
  /** Times it went back to the queue on this pass because its server was unreachable. */
  requeues: number
  /** It failed on an earlier pass, so it is counted as failed until it is done. */
  failedBefore: boolean
}

/**
 * What a run has left to do, in order: items sent back because their server was unreachable, then
 * the source (pass 0) or the recovery pass under way; items kept for the next pass wait apart.
 */
export class WorkQueue<I> {
  /** The pass under way: 0 for the source, then 1, 2, ... for recovery passes. */
  pass = 0
  /** Items the source gave so far. */
  seen = 0
  exhausted = false
  readonly #source: AsyncIterator<I> | Iterator<I>
  readonly #requeued: Entry<I>[] = []
  #passItems: Entry<I>[] = []
  readonly #nextPass: Entry<I>[] = []

  constructor(items: AsyncIterable<I> | Iterable<I>) {
    this.#source = (
      Symbol.asyncIterator in items
        ? (items as AsyncIterable<I>)[Symbol.asyncIterator]()
        : (items as Iterable<I>)[Symbol.iterator]()
    ) as AsyncIterator<I> | Iterator<I>
  }

  /** The next item to send; null when this pass has nothing left (others may still be in flight). */
  async next(): Promise<Entry<I> | null> {
    const again = this.#requeued.shift()
    if (again) return again
    if (this.pass > 0) return this.#passItems.shift() ?? null
    if (this.exhausted) return null
    const step = await this.#source.next()
    if (step.done) {
      this.exhausted = true
      return null
    }
    this.seen++
    return { item: step.value, requeues: 0, failedBefore: false }
  }

  /** Sends an item back to the front, because its server did not answer. */
  requeue(entry: Entry<I>): void {
    this.#requeued.unshift({ ...entry, requeues: entry.requeues + 1 })
  }

  get requeued(): number {
    return this.#requeued.length
  }

  /** Keeps a failed item for the next recovery pass. */
  keepForNextPass(item: I): void {
    this.#nextPass.push({ item, requeues: 0, failedBefore: true })
  }

  /**
   * Moves on to the next recovery pass with the kept items that `retry` still wants; returns how
   * many there are. With none, the pass is not counted as started.
   */
  startPass(retry: (item: I) => boolean): number {
    const items = this.#nextPass.splice(0).filter((entry) => retry(entry.item))
    if (items.length === 0) return 0
    this.pass++
    this.#passItems = items
    return items.length
  }
}
