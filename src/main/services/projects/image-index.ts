import type { ImageAnnotations } from '../../../shared/annotations'
import { isKept } from '../../../shared/annotations'
import type { ImageEntry, ImageOrder, ImageStatus, StatusFilter } from '../../../shared/project'
import type { ResultRecord } from '../batch/result-log'

/** The latest review counts written for an image (reviews.jsonl). */
export interface ReviewRecord {
  key: string
  pending: number
  kept: number
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

/** Counts a document's boxes the way the filmstrip badges need them. */
export function countBoxes(doc: Pick<ImageAnnotations, 'boxes'>): {
  pending: number
  kept: number
  lowest?: number
} {
  let pending = 0
  let kept = 0
  for (const box of doc.boxes) {
    if (box.state === 'suggested') pending++
    else if (isKept(box)) kept++
  }
  const lowest = lowestOf(doc.boxes.filter((b) => b.state === 'suggested').map((b) => b.confidence))
  return lowest === undefined ? { pending, kept } : { pending, kept, lowest }
}

/** Badge from counts: pending suggestions first, then reviewed work; failures only when nothing else. */
export function statusOf(
  counts: { pending: number; kept: number },
  ran: boolean,
  failed: boolean,
): ImageStatus {
  if (counts.pending > 0) return 'suggested'
  if (counts.kept > 0 || ran) return 'reviewed'
  return failed ? 'failed' : 'not-run'
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
    return {
      key,
      status: statusOf(review, true, false),
      pending: review.pending,
      kept: review.kept,
      ...(review.lowest === undefined || review.pending === 0 ? {} : { lowest: review.lowest }),
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
      status: statusOf({ pending, kept: 0 }, true, false),
      pending,
      kept: 0,
      ...(lowest === undefined ? {} : { lowest }),
    }
  }
  return { key, status: 'not-run', pending: 0, kept: 0 }
}

export function matchesFilter(entry: ImageEntry, filter: StatusFilter): boolean {
  if (filter === 'all') return true
  if (filter === 'pending') return entry.pending > 0
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
