import type { ImageEntry, ImageOrder, StatusFilter } from '../../../shared/project'
import { needsReview, reviewCountsOf, statusOf } from '../../../shared/review-status'
import type { ResultRecord } from '../batch/result-log'

export { reviewCountsOf as countBoxes, statusOf }

/** The latest review counts written for an image (reviews.jsonl). */
export interface ReviewRecord {
  key: string
  pending: number
  kept: number
  /** Rejected suggestions (absent in records of earlier versions: read as none). */
  rejected?: number
  /** Marked done by a person (absent in records of earlier versions). */
  done?: boolean
  /** The image had been run through a model (absent in records of earlier versions: read as run). */
  ran?: boolean
  /** Lowest confidence among the pending suggestions (absent in records of earlier versions). */
  lowest?: number
  at: string
}

/** The lowest of some scores; undefined when there are none. */
function lowestOf(scores: Iterable<number | null>): number | undefined {
  let lowest: number | undefined
  for (const score of scores) if (score !== null && !(score >= (lowest ?? Infinity))) lowest = score
  return lowest
}

/**
 * What is known of an image without opening its document: the later of its last model result and
 * its last saved review decides (a review saved after a run reflects the user's decisions).
 */
export function entryFromRecords(
  key: string,
  result?: ResultRecord,
  review?: ReviewRecord,
): ImageEntry {
  if (review && (!result || review.at >= result.at)) {
    const counts = { pending: review.pending, kept: review.kept, rejected: review.rejected ?? 0 }
    // Records of earlier versions say neither: an image left with no box then reads as run and
    // 'empty', since nothing says a person confirmed it.
    const done = review.done === true
    return {
      key,
      status: statusOf(counts, { ran: review.ran ?? true, failed: false, done }),
      pending: review.pending,
      kept: review.kept,
      ...(review.lowest === undefined || review.pending === 0 ? {} : { lowest: review.lowest }),
      ...(done ? { done } : {}),
    }
  }
  if (result?.status === 'failed') {
    return { key, status: 'failed', pending: 0, kept: 0, error: result.error.message }
  }
  if (result?.status === 'done') {
    const pending = result.detections.length
    const lowest = lowestOf(result.detections.map((d) => d.confidence))
    return {
      key,
      status: statusOf(
        { pending, kept: 0, rejected: 0 },
        { ran: true, failed: false, done: false },
      ),
      pending,
      kept: 0,
      ...(lowest === undefined ? {} : { lowest }),
    }
  }
  return { key, status: 'not-run', pending: 0, kept: 0 }
}

export function matchesFilter(entry: ImageEntry, filter: StatusFilter): boolean {
  if (filter === 'all') return true
  if (filter === 'pending') return needsReview(entry)
  return entry.status === filter
}

/** Sorts entries for an order other than the folder's; ties keep folder order (the sort is stable). */
function sortEntries(entries: ImageEntry[], order: Exclude<ImageOrder, 'folder'>): ImageEntry[] {
  if (order === 'most-pending') return entries.sort((a, b) => b.pending - a.pending)
  // Least sure first: images with scored suggestions by their lowest score, then any other
  // image with suggestions, then the rest.
  const rank = (e: ImageEntry): number => (e.pending === 0 ? 2 : e.lowest === undefined ? 1 : 0)
  return entries.sort((a, b) => rank(a) - rank(b) || (a.lowest ?? 0) - (b.lowest ?? 0))
}

/** The image list of an open project: keys in folder order, each with its badge. */
export class ImageIndex {
  readonly keys: string[] = []
  readonly #entries = new Map<string, ImageEntry>()
  readonly #positions = new Map<string, number>()
  /** The last sorted order asked for, until a badge changes. */
  #sorted: { order: ImageOrder; entries: ImageEntry[] } | null = null

  add(entry: ImageEntry): void {
    if (this.#entries.has(entry.key)) return
    this.#positions.set(entry.key, this.keys.length)
    this.keys.push(entry.key)
    this.#entries.set(entry.key, entry)
    this.#sorted = null
  }

  get(key: string): ImageEntry | undefined {
    return this.#entries.get(key)
  }

  set(entry: ImageEntry): void {
    if (!this.#entries.has(entry.key)) this.add(entry)
    else {
      this.#entries.set(entry.key, entry)
      this.#sorted = null
    }
  }

  /** Every entry in an order; the folder's costs nothing, a sorted one is kept until a badge changes. */
  ordered(order: ImageOrder): readonly ImageEntry[] {
    if (order === 'folder') return this.keys.map((k) => this.#entries.get(k)!)
    if (this.#sorted?.order !== order) {
      const entries = this.keys.map((k) => this.#entries.get(k)!)
      this.#sorted = { order, entries: sortEntries(entries, order) }
    }
    return this.#sorted.entries
  }

  page(
    offset: number,
    limit: number,
    filter: StatusFilter,
    order: ImageOrder = 'folder',
  ): { items: ImageEntry[]; total: number } {
    if (filter === 'all' && order === 'folder') {
      return {
        items: this.keys.slice(offset, offset + limit).map((k) => this.#entries.get(k)!),
        total: this.keys.length,
      }
    }
    const matching = this.ordered(order).filter((e) => matchesFilter(e, filter))
    return { items: matching.slice(offset, offset + limit), total: matching.length }
  }

  /** The next key after `after` (wrapping) in an order, whose entry satisfies `test`. */
  next(
    after: string | null,
    test: (entry: ImageEntry) => boolean,
    order: ImageOrder = 'folder',
  ): string | null {
    if (order === 'folder') {
      const start = after === null ? -1 : (this.#positions.get(after) ?? -1)
      for (let step = 1; step <= this.keys.length; step++) {
        const key = this.keys[(start + step) % this.keys.length]!
        if (test(this.#entries.get(key)!)) return key
      }
      return null
    }
    const entries = this.ordered(order)
    const start = after === null ? -1 : entries.findIndex((e) => e.key === after)
    for (let step = 1; step <= entries.length; step++) {
      const entry = entries[(start + step) % entries.length]!
      if (test(entry)) return entry.key
    }
    return null
  }
}
