import type { AnnotationBox, Suggestion } from '../../../../shared/annotations'
import { mergeSuggestions } from '../../../../shared/annotations'
import type { Boxes } from './commands'

/** The live confidence cut: one for all classes, and optional ones per class that override it. */
export interface Thresholds {
  global: number
  perClass: Readonly<Record<string, number>>
}

export const NO_THRESHOLDS: Thresholds = { global: 0, perClass: {} }

export interface ReviewCounts {
  /** Suggestions still waiting for a decision (shown and hidden alike). */
  pending: number
  /** Suggestions under the slider: waiting, but out of sight. */
  hidden: number
  accepted: number
  edited: number
  rejected: number
  /** Boxes a person drew. */
  drawn: number
}

export function cutFor(thresholds: Thresholds, className: string): number {
  return thresholds.perClass[className] ?? thresholds.global
}

/** A suggestion under its class's cut is hidden until the slider comes down; decided boxes always show. */
export function isBelowCut(box: AnnotationBox, thresholds: Thresholds): boolean {
  return box.state === 'suggested' && (box.confidence ?? 1) < cutFor(thresholds, box.className)
}

/** What the review list shows: everything except suggestions under the slider. */
export function listedBoxes(boxes: Boxes, thresholds: Thresholds): AnnotationBox[] {
  return boxes.filter((b) => !isBelowCut(b, thresholds))
}

/** What the canvas draws: the listed boxes minus the rejected ones. */
export function drawnBoxes(boxes: Boxes, thresholds: Thresholds): AnnotationBox[] {
  return boxes.filter((b) => b.state !== 'rejected' && !isBelowCut(b, thresholds))
}

/**
 * Accepts every suggestion at or above its class's cut, exactly as main's `review.acceptAbove`
 * does for other images, so this image and the folder agree.
 */
export function acceptAbove(boxes: Boxes, thresholds: Thresholds): Boxes {
  let changed = false
  const next = boxes.map((b) => {
    if (b.state !== 'suggested' || (b.confidence ?? 0) < cutFor(thresholds, b.className)) return b
    changed = true
    return { ...b, state: 'accepted' as const }
  })
  return changed ? next : boxes
}

/** How many suggestions "accept above" would take on this image. */
export function countAbove(boxes: Boxes, thresholds: Thresholds): number {
  return boxes.filter(
    (b) => b.state === 'suggested' && (b.confidence ?? 0) >= cutFor(thresholds, b.className),
  ).length
}

/** The next visible suggestion after `afterId` in list order, wrapping; null when none is left. */
export function nextPendingId(
  boxes: Boxes,
  afterId: string | null,
  thresholds: Thresholds,
): string | null {
  const pending = (b: AnnotationBox): boolean =>
    b.state === 'suggested' && !isBelowCut(b, thresholds)
  const start = afterId === null ? -1 : boxes.findIndex((b) => b.id === afterId)
  for (let step = 1; step <= boxes.length; step++) {
    const box = boxes[(start + step + boxes.length) % boxes.length]
    if (box && box.id !== afterId && pending(box)) return box.id
  }
  return null
}

export function reviewCounts(boxes: Boxes, thresholds: Thresholds): ReviewCounts {
  const counts: ReviewCounts = {
    pending: 0,
    hidden: 0,
    accepted: 0,
    edited: 0,
    rejected: 0,
    drawn: 0,
  }
  for (const b of boxes) {
    if (b.source === 'user') counts.drawn++
    else if (b.state === 'suggested') {
      counts.pending++
      if (isBelowCut(b, thresholds)) counts.hidden++
    } else counts[b.state]++
  }
  return counts
}

/**
 * Folds a model run on this image into its boxes with the shared rule (kept boxes untouched,
 * duplicates of kept or rejected boxes not suggested again).
 */
export function mergeRun(
  boxes: Boxes,
  suggestions: readonly Suggestion[],
  image: { key: string; width: number; height: number },
  run: { runKey: string; at: string },
): Boxes {
  const current = {
    key: image.key,
    width: image.width,
    height: image.height,
    boxes: [...boxes],
    lastRun: null,
  }
  return mergeSuggestions(current, [...suggestions], run).boxes
}
