import type { Box } from '../geometry'

/** A box of a class, in oriented image pixels, top-left origin. */
export interface LabeledBox {
  className: string
  box: Box
}

/** One detection of a candidate prompt; `id` is carried through to the gallery lists untouched. */
export interface ScoredBox extends LabeledBox {
  confidence: number
  id?: string
}

/**
 * One reviewed image: `truth` are the kept boxes (true objects), `rejected` the suggestions the
 * labeler rejected (known false positives, never truth), `detections` what the candidate returned.
 */
export interface EvalImage {
  key: string
  truth: readonly LabeledBox[]
  rejected: readonly LabeledBox[]
  detections: readonly ScoredBox[]
}

/** What the caller may set; every field has a default. */
export interface EvalOptions {
  /** Matching IoU for TP/FP/FN, P, R, F1, the gallery and the rejected-again count; default 0.5. */
  iou?: number
  /** Score cut, one for all classes or per class name (a class left out gets 0); default 0. */
  thresholds?: number | Readonly<Record<string, number>>
  /** Detections kept per image and class for AP only (COCO's maxDets); default 100. */
  maxDets?: number
}

/** The options the report was computed with, every default filled in. */
export interface ResolvedOptions {
  iou: number
  thresholds: Record<string, number>
  maxDets: number
}

/** A two-sided 95% confidence interval of a proportion. */
export interface Interval {
  low: number
  high: number
}

/** Counts at the score cut and the matching IoU, with their rates and the rates' uncertainty. */
export interface CountMetrics {
  /** Truth boxes. */
  truth: number
  /** Detections at or above the cut. */
  detections: number
  tp: number
  fp: number
  /** Misses: truth boxes no detection at or above the cut matched. */
  fn: number
  /** tp / (tp + fp); null when there is no detection. */
  precision: number | null
  /** tp / truth; null when there is no truth. */
  recall: number | null
  /** Harmonic mean of P and R; null when either is null, 0 when both are 0. */
  f1: number | null
  precisionInterval: Interval | null
  recallInterval: Interval | null
  /** Fewer than FEW_TRUTH_BOXES truth boxes: show the numbers with their intervals, not as facts. */
  few: boolean
  /** Rejected suggestions in the truth set. */
  rejected: number
  /** Distinct rejected suggestions that some detection at or above the cut finds again. */
  rejectedAgain: number
}

/** One point of COCO's raw cumulative precision-recall sequence (before interpolation). */
export interface RawPrPoint {
  score: number
  tp: number
  fp: number
  /** tp / truth. */
  recall: number
  /** tp / (tp + fp), exact (COCO adds 2.2e-16 to the denominator; the AP does, this does not). */
  precision: number
}

/** The precision-recall curve of a class at IoU 0.50, the one AP50 averages. */
export interface PrCurve {
  /** COCO's 101 points: recall 0, 0.01, ..., 1 and the interpolated precision there. */
  interpolated: { recall: number; precision: number }[]
  /** One point per detection in rank order (within maxDets), as COCO accumulates them. */
  raw: RawPrPoint[]
}

/** The counts had the cut been put at `threshold` (every detection scoring at least it kept). */
export interface ThresholdPoint {
  threshold: number
  detections: number
  tp: number
  fp: number
  precision: number
  recall: number | null
  f1: number | null
}

/** Everything about one class. */
export interface ClassReport extends CountMetrics {
  className: string
  /** The cut the counts were taken at. */
  threshold: number
  /** COCO AP at IoU 0.50 over all detections whatever the cut; null without truth (COCO's -1). */
  ap50: number | null
  /** COCO AP averaged over IoU 0.50:0.05:0.95; null when the class has no truth. */
  ap50to95: number | null
  /** AP at each of IOU_THRESHOLDS, in that order; null when the class has no truth. */
  apByIou: number[] | null
  /** Null when the class has no truth. */
  prCurve: PrCurve | null
  /** One point per distinct score over all detections (no cut, no maxDets), highest first. */
  thresholdCurve: ThresholdPoint[]
  /** The point of highest F1 (ties: the higher threshold); null when no F1 is defined. */
  bestF1: ThresholdPoint | null
}

/** Counts summed over classes (micro); AP the mean over the classes that have truth. */
export interface OverallReport extends CountMetrics {
  ap50: number | null
  ap50to95: number | null
  /** How many classes the AP means average over. */
  classesWithTruth: number
}

/** A truth box no detection at or above the cut matched. */
export interface Miss {
  imageKey: string
  className: string
  /** Index in the image's `truth`. */
  truthIndex: number
  box: Box
}

/** Why a detection at or above the cut is a false positive (checked in this order). */
export type FalsePositiveReason = 'rejected-again' | 'duplicate' | 'unmatched'

/** A detection at or above the cut that matched no truth box. */
export interface FalsePositive {
  imageKey: string
  className: string
  /** Index in the image's `detections`. */
  detectionIndex: number
  id?: string
  box: Box
  confidence: number
  reason: FalsePositiveReason
}

/** A detection at or above the cut and the truth box it matched. */
export interface TruePositive {
  imageKey: string
  className: string
  detectionIndex: number
  id?: string
  box: Box
  confidence: number
  truthIndex: number
  truth: Box
  iou: number
}

/** The whole evaluation of one candidate over the truth set. JSON-safe. */
export interface EvalReport {
  options: ResolvedOptions
  images: number
  /** In the order of the `classes` argument. */
  classes: ClassReport[]
  overall: OverallReport
  /** Image input order, then class order, then rank (highest score first). */
  truePositives: TruePositive[]
  falsePositives: FalsePositive[]
  /** Image input order, then class order, then truth order. */
  misses: Miss[]
  /** Class names found in the images but not in `classes`; their boxes were not scored. */
  ignoredClasses: string[]
}
