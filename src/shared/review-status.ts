import type { AnnotationBox, ImageAnnotations } from './annotations'
import { isKept } from './annotations'
import type { ImageStatus } from './project'

/** What a document's boxes say about its review. */
export interface ReviewCounts {
  /** Machine suggestions still waiting for a decision. */
  pending: number
  /** Boxes that count: accepted, edited, or drawn or imported by a person. */
  kept: number
  /** Suggestions a person rejected. */
  rejected: number
  /** The lowest confidence among the pending suggestions, when there are any. */
  lowest?: number
}

/** Counts a document's boxes by review state. */
export function reviewCountsOf(doc: { readonly boxes: readonly AnnotationBox[] }): ReviewCounts {
  let pending = 0
  let kept = 0
  let rejected = 0
  let lowest: number | undefined
  for (const box of doc.boxes) {
    if (box.state === 'suggested') {
      pending++
      if (box.confidence !== null && !(box.confidence >= (lowest ?? Infinity)))
        lowest = box.confidence
    } else if (box.state === 'rejected') rejected++
    else if (isKept(box)) kept++
  }
  return lowest === undefined ? { pending, kept, rejected } : { pending, kept, rejected, lowest }
}

/**
 * The review rule every count, filter, "next to review", export and score follows. An image is
 * reviewed when nothing waits for a decision and a person has looked at it: they kept or rejected
 * a box on it, or marked it done (e.g. confirmed it empty). A model run that found nothing is
 * 'empty': nothing found, nobody looked, not reviewed.
 */
export function statusOf(
  counts: Pick<ReviewCounts, 'pending' | 'kept' | 'rejected'>,
  state: { ran: boolean; failed: boolean; done: boolean },
): ImageStatus {
  if (counts.pending > 0) return 'suggested'
  if (counts.kept > 0 || counts.rejected > 0 || state.done) return 'reviewed'
  if (state.ran) return 'empty'
  return state.failed ? 'failed' : 'not-run'
}

/** Whether a document's review is complete (see statusOf). */
export function isReviewed(doc: Pick<ImageAnnotations, 'boxes' | 'doneAt'>): boolean {
  const counts = reviewCountsOf(doc)
  return statusOf(counts, { ran: false, failed: false, done: Boolean(doc.doneAt) }) === 'reviewed'
}

/** Whether an image still needs the labeler: suggestions to decide, or nothing found to confirm. */
export function needsReview(entry: { status: ImageStatus; pending: number }): boolean {
  return entry.pending > 0 || entry.status === 'empty'
}
