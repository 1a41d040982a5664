/** Scoring a candidate prompt's detections against the labeler's truth (the prompt lab's numbers). */
export { evaluate } from './evaluate'
export { COCO_EPS, IOU_THRESHOLDS, RECALL_THRESHOLDS } from './coco-ap'
export { FEW_TRUTH_BOXES, Z_95, wilsonInterval } from './interval'
export type {
  ClassReport,
  CountMetrics,
  EvalImage,
  EvalOptions,
  EvalReport,
  FalsePositive,
  FalsePositiveReason,
  Interval,
  LabeledBox,
  Miss,
  OverallReport,
  PrCurve,
  RawPrPoint,
  ResolvedOptions,
  ScoredBox,
  ThresholdPoint,
  TruePositive,
} from './types'
