import type { Box } from './geometry'
import { iou } from './geometry'

/** Review state of a box: machine suggestions wait for a decision; user boxes are accepted. */
export type ReviewState = 'suggested' | 'accepted' | 'rejected' | 'edited'

export interface AnnotationBox {
  id: string
  className: string
  /** Oriented image pixels, top-left origin. */
  box: Box
  /** Model confidence for machine boxes; null for boxes a person drew. */
  confidence: number | null
  source: 'model' | 'user'
  state: ReviewState
  /** Which model run produced it (for machine boxes). */
  runKey?: string
}

/** Everything known about one image in a project. */
export interface ImageAnnotations {
  key: string
  width: number
  height: number
  boxes: AnnotationBox[]
  /** When the image was last run through a model, and which one. */
  lastRun: { runKey: string; at: string } | null
  /** When a person marked the image done (looked at, e.g. confirmed empty); absent or null: not. */
  doneAt?: string | null
}

export interface Suggestion {
  id: string
  className: string
  box: Box
  confidence: number
}

/** Boxes a re-run must never touch: a person drew, accepted or edited them. */
export function isKept(box: AnnotationBox): boolean {
  return box.source === 'user' || box.state === 'accepted' || box.state === 'edited'
}

/** Same class and overlapping this much counts as "already there" (a duplicate of a kept box). */
export const DUPLICATE_IOU = 0.7

/** What a run's suggestion becomes: shown for review, or dropped as a repeat of a decided box. */
export type SuggestionFate = 'new' | 'kept' | 'rejected'

/** A repeat of a kept box counts as "already kept" even when it also repeats a rejected one. */
function fateOf(decided: readonly AnnotationBox[], s: Suggestion): SuggestionFate {
  const repeats = decided.filter(
    (d) => d.className === s.className && iou(d.box, s.box) >= DUPLICATE_IOU,
  )
  if (repeats.length === 0) return 'new'
  return repeats.some(isKept) ? 'kept' : 'rejected'
}

/** The boxes a run leaves alone and checks its suggestions against: kept and rejected ones. */
function decidedBoxes(boxes: readonly AnnotationBox[]): AnnotationBox[] {
  return boxes.filter((b) => isKept(b) || b.state === 'rejected')
}

/** How a run's suggestions fold into an image: how many are new, and how many it had decided. */
export interface RunTally {
  /** Boxes the model returned. */
  found: number
  /** Shown for review. */
  fresh: number
  /** Found again on a box already kept (drawn, accepted or edited): nothing new to see. */
  alreadyKept: number
  /** Found again on a box the person rejected: not suggested again. */
  rejected: number
}

/** Counts what `mergeSuggestions` will do with a run, by the same duplicate rule. */
export function tallyRun(
  boxes: readonly AnnotationBox[],
  suggestions: readonly Suggestion[],
): RunTally {
  const decided = decidedBoxes(boxes)
  const tally: RunTally = { found: suggestions.length, fresh: 0, alreadyKept: 0, rejected: 0 }
  for (const s of suggestions) {
    const fate = fateOf(decided, s)
    if (fate === 'new') tally.fresh++
    else if (fate === 'kept') tally.alreadyKept++
    else tally.rejected++
  }
  return tally
}

/**
 * Folds a model run into an image's annotations: kept boxes stay exactly as they are, earlier pending
 * suggestions are replaced by the new ones, rejected ones stay rejected (so the same false positive
 * is not suggested again), and a new suggestion that duplicates a kept or rejected box is dropped.
 */
export function mergeSuggestions(
  current: ImageAnnotations,
  suggestions: Suggestion[],
  run: { runKey: string; at: string },
): ImageAnnotations {
  const kept = decidedBoxes(current.boxes)
  const fresh: AnnotationBox[] = []
  for (const s of suggestions) {
    if (fateOf(kept, s) !== 'new') continue
    fresh.push({
      id: s.id,
      className: s.className,
      box: s.box,
      confidence: s.confidence,
      source: 'model',
      state: 'suggested',
      runKey: run.runKey,
    })
  }
  return { ...current, boxes: [...kept, ...fresh], lastRun: run }
}

export function emptyAnnotations(key: string, width: number, height: number): ImageAnnotations {
  return { key, width, height, boxes: [], lastRun: null }
}

/** An imported box this close to one of the same class already there is the same box. */
export const SAME_BOX_IOU = 0.9

export interface ImportMerge {
  doc: ImageAnnotations
  added: number
  duplicates: number
  /** Pending suggestions the file labels (merge), or boxes dropped (replace). */
  replaced: number
}

/**
 * Folds imported boxes into an image's annotations. `replace` keeps only the file's boxes. `merge`
 * keeps every box there; an imported box the image already has (same class, IoU >= SAME_BOX_IOU) is
 * not added again, except that a person's label from the file replaces a pending suggestion of it.
 */
export function mergeImported(
  current: ImageAnnotations,
  imported: readonly AnnotationBox[],
  mode: 'merge' | 'replace',
): ImportMerge {
  if (mode === 'replace') {
    return {
      doc: { ...current, boxes: [...imported] },
      added: imported.length,
      duplicates: 0,
      replaced: current.boxes.length,
    }
  }
  let boxes = [...current.boxes]
  let added = 0
  let duplicates = 0
  let replaced = 0
  for (const box of imported) {
    const same = boxes.filter(
      (b) => b.className === box.className && iou(b.box, box.box) >= SAME_BOX_IOU,
    )
    const pending = same.filter((b) => b.state === 'suggested')
    if (same.length > 0 && (box.state === 'suggested' || pending.length < same.length)) {
      duplicates++
      continue
    }
    if (pending.length > 0) {
      boxes = boxes.filter((b) => !pending.includes(b))
      replaced += pending.length
    }
    boxes.push(box)
    added++
  }
  return { doc: { ...current, boxes }, added, duplicates, replaced }
}
