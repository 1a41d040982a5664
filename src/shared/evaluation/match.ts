import { iou, type Box } from '../geometry'

/*
 * Box IoU and greedy matching as pycocotools defines them for bbox evaluation.
 *
 * IoU (maskApi.c bbIou, via COCOeval.computeIoU): intersection over union of [x, y, w, h] boxes with
 * no +1 pixel, 0 when the boxes do not overlap. geometry.ts `iou(detection, truth)` performs exactly
 * those floating-point operations in the same order (union = det area + truth area - intersection),
 * so it is reused; it is always called with the detection first.
 *
 * Matching (COCOeval.evaluateImg, crowd-free, nothing ignored): detections are visited in rank order
 * (score descending, stable). Each one starts with a bar of min(t, 1 - 1e-10), skips truth boxes an
 * earlier detection already took, and walks the remaining truth boxes in their order, taking a box
 * whenever its IoU is not below the bar and raising the bar to that IoU. So it ends with the highest
 * IoU at or above t, and of equal IoUs the one latest in truth order. A detection's match depends on
 * higher-ranked detections only, never on lower-ranked ones.
 */

/** The IoU a match needs at threshold `t`: COCO caps it just below 1 so t = 1 can still match. */
export function matchBar(t: number): number {
  return Math.min(t, 1 - 1e-10)
}

/**
 * Writes IoU(detection d, truth g) at `out[d * truth.length + g]` for detections in rank order;
 * returns `out`, or a larger buffer when `out` is too small (pass it back in to reuse it).
 */
export function fillIouMatrix(
  detections: readonly Box[],
  truth: readonly Box[],
  out: Float64Array,
): Float64Array {
  const size = detections.length * truth.length
  const matrix = out.length >= size ? out : new Float64Array(Math.max(size, out.length * 2))
  for (let d = 0; d < detections.length; d++) {
    const row = d * truth.length
    for (let g = 0; g < truth.length; g++) matrix[row + g] = iou(detections[d]!, truth[g]!)
  }
  return matrix
}

/**
 * Greedy matching of the first `detections` rows of `ious` (row stride `truth`) at threshold `t`.
 * Writes into `matches[d]` the truth index detection d takes, or -1; `taken` is scratch of length
 * at least `truth`. Returns how many detections matched.
 */
export function matchGreedy(
  ious: Float64Array,
  detections: number,
  truth: number,
  t: number,
  matches: Int32Array,
  taken: Uint8Array,
): number {
  taken.fill(0, 0, truth)
  let matched = 0
  for (let d = 0; d < detections; d++) {
    let bar = matchBar(t)
    let best = -1
    const row = d * truth
    for (let g = 0; g < truth; g++) {
      if (taken[g] === 1) continue
      const value = ious[row + g]!
      if (value < bar) continue
      bar = value
      best = g
    }
    matches[d] = best
    if (best >= 0) {
      taken[best] = 1
      matched++
    }
  }
  return matched
}
