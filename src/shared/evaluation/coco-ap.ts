import type { PrCurve, RawPrPoint } from './types'

/*
 * Average precision as pycocotools COCOeval defines it for iouType 'bbox', with area range 'all'
 * only, no crowd or ignored boxes, and maxDets 100 (the setting of AP and AP50 in summarize).
 *
 * evaluateImg, per image and class: detections sorted by score descending with a stable sort (numpy
 * mergesort) and cut to the first maxDets; then, for each IoU threshold t of
 * np.linspace(.5, .95, 10), greedy matching (match.ts) marks each detection matched or not.
 * An image-class pair with neither truth nor detections contributes nothing.
 *
 * accumulate, per class: the kept detections of all images are concatenated (images in input order,
 * which is COCO's order when image ids follow the input) and sorted by score descending, stably.
 * Running sums give tp and fp at each rank; recall = tp / npig (npig = truth boxes of the class) and
 * precision = tp / (tp + fp + eps) with eps = np.spacing(1). Precision is made non-increasing from
 * the right (each value raised to the largest one after it). For each of the 101 recall thresholds
 * np.linspace(0, 1, 101), q = the precision at the first rank whose recall is >= the threshold
 * (np.searchsorted side 'left'), or 0 past the last rank. A class with no truth is skipped (-1); a
 * class with truth and no detections gets q = 0 everywhere.
 *
 * summarize: AP50 is the mean of q at t = 0.50, AP50:95 the mean over all 10 x 101 values; over
 * classes, COCO averages every value that is not -1, which equals the mean of the per-class APs of
 * the classes that have truth (the sums are taken in a different order, so the last bit may differ).
 */

/** COCO's IoU thresholds 0.50:0.05:0.95, bit-for-bit as np.linspace(.5, .95, 10) computes them. */
export const IOU_THRESHOLDS: readonly number[] = linspace(0.5, 0.95, 10)

/** COCO's 101 recall thresholds, bit-for-bit as np.linspace(0, 1, 101). */
export const RECALL_THRESHOLDS: readonly number[] = linspace(0, 1, 101)

/** np.spacing(1): COCO adds it to tp + fp so an empty prefix would not divide by zero. */
export const COCO_EPS = 2.220446049250313e-16

/** numpy's linspace with endpoint: start + i * step, the last value set to stop exactly. */
function linspace(start: number, stop: number, count: number): number[] {
  const step = (stop - start) / (count - 1)
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? stop : i * step + start))
}

/** Rank order of detections: score descending, input order among equal scores (a stable sort). */
export function rankByScore(scores: readonly number[]): Int32Array {
  const order = new Int32Array(scores.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  return order.sort((a, b) => scores[b]! - scores[a]! || a - b)
}

/** One class's AP at each IoU threshold, with the curve at IoU 0.50. */
export interface ClassAp {
  apByIou: number[]
  ap50: number
  ap50to95: number
  curve: PrCurve
}

/**
 * COCO accumulate for one class. `scores[j]` is a detection's score (images concatenated, each
 * image's ranked); bit t of `matchedMask[j]` says it matched at IOU_THRESHOLDS[t], and -1 that it
 * is past maxDets in its image and not counted. `ranked` is rankByScore(scores); being a stable
 * sort, it holds the kept detections in the order COCO's own stable sort of them gives.
 * Null when the class has no truth (COCO's -1).
 */
export function accumulateClass(
  scores: readonly number[],
  matchedMask: readonly number[],
  ranked: Int32Array,
  truth: number,
): ClassAp | null {
  if (truth === 0) return null
  const order = ranked.filter((j) => matchedMask[j]! >= 0)
  const n = order.length
  const precision = new Float64Array(n)
  const recall = new Float64Array(n)
  const q = new Float64Array(RECALL_THRESHOLDS.length)
  const apByIou: number[] = []
  let all = 0
  let curve: PrCurve | null = null
  for (let t = 0; t < IOU_THRESHOLDS.length; t++) {
    const bit = 1 << t
    let tp = 0
    let fp = 0
    for (let j = 0; j < n; j++) {
      if ((matchedMask[order[j]!]! & bit) !== 0) tp++
      else fp++
      recall[j] = tp / truth
      precision[j] = tp / (fp + tp + COCO_EPS)
    }
    for (let j = n - 1; j > 0; j--) {
      if (precision[j]! > precision[j - 1]!) precision[j - 1] = precision[j]!
    }
    let sum = 0
    let j = 0
    for (let r = 0; r < RECALL_THRESHOLDS.length; r++) {
      while (j < n && recall[j]! < RECALL_THRESHOLDS[r]!) j++
      q[r] = j < n ? precision[j]! : 0
      sum += q[r]!
    }
    all += sum
    apByIou.push(sum / RECALL_THRESHOLDS.length)
    if (t === 0)
      curve = {
        interpolated: interpolatedPoints(q),
        raw: rawPoints(scores, matchedMask, order, truth),
      }
  }
  return {
    apByIou,
    ap50: apByIou[0]!,
    ap50to95: all / (IOU_THRESHOLDS.length * RECALL_THRESHOLDS.length),
    curve: curve!,
  }
}

function interpolatedPoints(q: Float64Array): PrCurve['interpolated'] {
  return RECALL_THRESHOLDS.map((recall, r) => ({ recall, precision: q[r]! }))
}

/** The cumulative points at IoU 0.50, one per ranked detection. */
function rawPoints(
  scores: readonly number[],
  matchedMask: readonly number[],
  order: Int32Array,
  truth: number,
): RawPrPoint[] {
  const points: RawPrPoint[] = []
  let tp = 0
  let fp = 0
  for (const j of order) {
    if ((matchedMask[j]! & 1) !== 0) tp++
    else fp++
    points.push({ score: scores[j]!, tp, fp, recall: tp / truth, precision: tp / (tp + fp) })
  }
  return points
}
