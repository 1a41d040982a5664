import { isKept, type ImageAnnotations } from '../../../shared/annotations'
import { FEW_TRUTH_BOXES, type LabeledBox } from '../../../shared/evaluation'
import type { TruthSummary } from '../../../shared/lab'
import { isReviewed } from '../../../shared/review-status'

/** One image of the truth set: its kept boxes are true objects, its rejected ones known false positives. */
export interface TruthImage {
  key: string
  /** Oriented size. */
  width: number
  height: number
  truth: readonly LabeledBox[]
  rejected: readonly LabeledBox[]
}

const labeled = (b: { className: string; box: LabeledBox['box'] }): LabeledBox => ({
  className: b.className,
  box: b.box,
})

/**
 * The truth an image's document gives, or null when its review is not complete (shared/review-status):
 * a confirmed-empty image is truth with no box, so whatever a candidate finds on it is a false positive.
 */
export function truthOf(doc: ImageAnnotations): TruthImage | null {
  if (!isReviewed(doc)) return null
  return {
    key: doc.key,
    width: doc.width,
    height: doc.height,
    truth: doc.boxes.filter(isKept).map(labeled),
    rejected: doc.boxes.filter((b) => b.state === 'rejected').map(labeled),
  }
}

/** Boxes per class over the truth set; classes in the project's order, then any others by name. */
export function summariseTruth(
  images: Iterable<TruthImage>,
  classOrder: readonly string[],
): TruthSummary {
  const perClass = new Map<string, { boxes: number; images: number }>()
  const entry = (className: string) => {
    let found = perClass.get(className)
    if (found === undefined) perClass.set(className, (found = { boxes: 0, images: 0 }))
    return found
  }
  let count = 0
  let boxes = 0
  let rejected = 0
  for (const image of images) {
    count++
    boxes += image.truth.length
    rejected += image.rejected.length
    const seen = new Set<string>()
    for (const box of image.truth) {
      entry(box.className).boxes++
      seen.add(box.className)
    }
    for (const className of seen) entry(className).images++
    for (const box of image.rejected) entry(box.className)
  }
  const rank = new Map(classOrder.map((name, i) => [name, i]))
  const names = [...perClass.keys()].sort((a, b) => {
    const ra = rank.get(a) ?? Infinity
    const rb = rank.get(b) ?? Infinity
    return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0
  })
  return {
    images: count,
    boxes,
    rejected,
    classes: names.map((className) => {
      const { boxes: n, images: on } = perClass.get(className)!
      return { className, boxes: n, images: on, few: n < FEW_TRUTH_BOXES }
    }),
  }
}
