import type { ImageAnnotations } from '../../../shared/annotations'
import { isKept } from '../../../shared/annotations'
import type { ImageEntry, ImageStatus, StatusFilter } from '../../../shared/project'
import type { ResultRecord } from '../batch/result-log'

/** The latest review counts written for an image (reviews.jsonl). */
export interface ReviewRecord {
  key: string
  pending: number
  kept: number
  at: string
}

/** Counts a document's boxes the way the filmstrip badges need them. */
export function countBoxes(doc: Pick<ImageAnnotations, 'boxes'>): {
  pending: number
  kept: number
} {
  let pending = 0
  let kept = 0
  for (const box of doc.boxes) {
    if (box.state === 'suggested') pending++
    else if (isKept(box)) kept++
  }
  return { pending, kept }
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
    }
  }
  if (result?.status === 'failed') {
    return { key, status: 'failed', pending: 0, kept: 0, error: result.error.message }
  }
  if (result?.status === 'done') {
    const pending = result.detections.length
    return { key, status: statusOf({ pending, kept: 0 }, true, false), pending, kept: 0 }
  }
  return { key, status: 'not-run', pending: 0, kept: 0 }
}

export function matchesFilter(entry: ImageEntry, filter: StatusFilter): boolean {
  if (filter === 'all') return true
  if (filter === 'pending') return entry.pending > 0
  return entry.status === filter
}

/** The image list of an open project: keys in folder order, each with its badge. */
export class ImageIndex {
  readonly keys: string[] = []
  readonly #entries = new Map<string, ImageEntry>()
  readonly #positions = new Map<string, number>()

  add(entry: ImageEntry): void {
    if (this.#entries.has(entry.key)) return
    this.#positions.set(entry.key, this.keys.length)
    this.keys.push(entry.key)
    this.#entries.set(entry.key, entry)
  }

  get(key: string): ImageEntry | undefined {
    return this.#entries.get(key)
  }

  set(entry: ImageEntry): void {
    if (!this.#entries.has(entry.key)) this.add(entry)
    else this.#entries.set(entry.key, entry)
  }

  page(
    offset: number,
    limit: number,
    filter: StatusFilter,
  ): { items: ImageEntry[]; total: number } {
    if (filter === 'all') {
      return {
        items: this.keys.slice(offset, offset + limit).map((k) => this.#entries.get(k)!),
        total: this.keys.length,
      }
    }
    const matching = this.keys
      .map((k) => this.#entries.get(k)!)
      .filter((e) => matchesFilter(e, filter))
    return { items: matching.slice(offset, offset + limit), total: matching.length }
  }

  /** The next key after `after` (wrapping) whose entry satisfies `test`. */
  next(after: string | null, test: (entry: ImageEntry) => boolean): string | null {
    const start = after === null ? -1 : (this.#positions.get(after) ?? -1)
    for (let step = 1; step <= this.keys.length; step++) {
      const key = this.keys[(start + step) % this.keys.length]!
      if (test(this.#entries.get(key)!)) return key
    }
    return null
  }
}
