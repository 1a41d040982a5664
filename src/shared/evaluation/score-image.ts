import { iou } from '../geometry'
import { IOU_THRESHOLDS } from './coco-ap'
import { fillIouMatrix, matchBar, matchGreedy } from './match'
import type {
  EvalImage,
  FalsePositive,
  FalsePositiveReason,
  Miss,
  ResolvedOptions,
  TruePositive,
} from './types'

/** What one class gathers over the images before its numbers are computed. */
export interface ClassTally {
  truth: number
  rejected: number
  tp: number
  fp: number
  rejectedAgain: number
  /** Every detection of the class: images in input order, each image's in rank order. */
  scores: number[]
  /** Per detection: bit t set when it matched at IOU_THRESHOLDS[t]; -1 past maxDets (not in AP). */
  cocoMasks: number[]
  /** Per detection: 1 when it matched at the matching IoU, else 0. */
  matched: number[]
}

export const emptyTally = (): ClassTally => ({
  truth: 0,
  rejected: 0,
  tp: 0,
  fp: 0,
  rejectedAgain: 0,
  scores: [],
  cocoMasks: [],
  matched: [],
})

/** The gallery lists every image-class pair appends to. */
export interface GalleryLists {
  truePositives: TruePositive[]
  falsePositives: FalsePositive[]
  misses: Miss[]
}

/** Buffers reused across image-class pairs so the matching loops allocate nothing. */
export class Scratch {
  ious: Float64Array = new Float64Array(64)
  matches = new Int32Array(64)
  masks = new Int32Array(64)
  taken = new Uint8Array(64)

  /** Grows the per-detection and per-truth buffers to hold `detections` and `truth` entries. */
  fit(detections: number, truth: number): void {
    if (this.matches.length < detections) {
      this.matches = new Int32Array(detections * 2)
      this.masks = new Int32Array(detections * 2)
    }
    if (this.taken.length < truth) this.taken = new Uint8Array(truth * 2)
  }
}

/** The boxes of one class in one image, as indices into the image's lists. */
export interface ImageClassBoxes {
  truth: number[]
  detections: number[]
  rejected: number[]
}

/**
 * Scores one class in one image: COCO matching at the 10 IoU thresholds for AP, greedy matching at
 * the matching IoU over all detections (no maxDets) for the counts, the curve and the gallery.
 * Sorts `boxes.detections` into rank order in place.
 */
export function scoreImageClass(
  image: EvalImage,
  className: string,
  boxes: ImageClassBoxes,
  threshold: number,
  options: ResolvedOptions,
  tally: ClassTally,
  lists: GalleryLists,
  scratch: Scratch,
): void {
  const dets = image.detections
  const order = boxes.detections.sort((a, b) => dets[b]!.confidence - dets[a]!.confidence || a - b)
  const detBoxes = order.map((i) => dets[i]!.box)
  const truthBoxes = boxes.truth.map((i) => image.truth[i]!.box)
  const nd = order.length
  const ng = truthBoxes.length
  tally.truth += ng
  tally.rejected += boxes.rejected.length
  scratch.fit(nd, ng)
  const ious = (scratch.ious = fillIouMatrix(detBoxes, truthBoxes, scratch.ious))
  const { matches, masks, taken } = scratch

  const kept = Math.min(nd, options.maxDets)
  masks.fill(0, 0, kept)
  for (let t = 0; t < IOU_THRESHOLDS.length; t++) {
    matchGreedy(ious, kept, ng, IOU_THRESHOLDS[t]!, matches, taken)
    for (let d = 0; d < kept; d++) if (matches[d]! >= 0) masks[d] = masks[d]! | (1 << t)
  }

  matchGreedy(ious, nd, ng, options.iou, matches, taken)
  let cut = 0
  for (let d = 0; d < nd; d++) {
    const confidence = dets[order[d]!]!.confidence
    tally.scores.push(confidence)
    tally.cocoMasks.push(d < kept ? masks[d]! : -1)
    tally.matched.push(matches[d]! >= 0 ? 1 : 0)
    if (confidence >= threshold) cut = d + 1
  }

  const bar = matchBar(options.iou)
  const rejectedBoxes = boxes.rejected.map((i) => image.rejected[i]!.box)
  const findsRejected = (d: number): boolean =>
    rejectedBoxes.some((rejected) => iou(detBoxes[d]!, rejected) >= bar)
  const overlapsTruth = (d: number): boolean => {
    for (let g = 0; g < ng; g++) if (ious[d * ng + g]! >= bar) return true
    return false
  }
  for (const rejected of rejectedBoxes) {
    for (let d = 0; d < cut; d++) {
      if (iou(detBoxes[d]!, rejected) >= bar) {
        tally.rejectedAgain++
        break
      }
    }
  }

  taken.fill(0, 0, ng)
  const imageKey = image.key
  for (let d = 0; d < cut; d++) {
    const detectionIndex = order[d]!
    const { box, confidence, id } = dets[detectionIndex]!
    const g = matches[d]!
    if (g >= 0) {
      taken[g] = 1
      tally.tp++
      const truthIndex = boxes.truth[g]!
      const hit: TruePositive = {
        imageKey,
        className,
        detectionIndex,
        box,
        confidence,
        truthIndex,
        truth: truthBoxes[g]!,
        iou: ious[d * ng + g]!,
      }
      if (id !== undefined) hit.id = id
      lists.truePositives.push(hit)
      continue
    }
    tally.fp++
    // Unmatched yet overlapping a truth box at the bar means a higher-ranked detection took it.
    const reason: FalsePositiveReason = findsRejected(d)
      ? 'rejected-again'
      : overlapsTruth(d)
        ? 'duplicate'
        : 'unmatched'
    const wrong: FalsePositive = { imageKey, className, detectionIndex, box, confidence, reason }
    if (id !== undefined) wrong.id = id
    lists.falsePositives.push(wrong)
  }
  for (let g = 0; g < ng; g++) {
    if (taken[g] === 0) {
      lists.misses.push({
        imageKey: image.key,
        className,
        truthIndex: boxes.truth[g]!,
        box: truthBoxes[g]!,
      })
    }
  }
}
