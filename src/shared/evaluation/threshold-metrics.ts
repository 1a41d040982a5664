import { FEW_TRUTH_BOXES, wilsonInterval } from './interval'
import type { CountMetrics, ThresholdPoint } from './types'

/** Precision, recall and F1 of tp true and fp false positives against `truth` true boxes. */
export function rates(
  tp: number,
  fp: number,
  truth: number,
): { precision: number | null; recall: number | null; f1: number | null } {
  const precision = tp + fp > 0 ? tp / (tp + fp) : null
  const recall = truth > 0 ? tp / truth : null
  // 2PR / (P + R) written on the counts: exact, and 0 (not 0/0) when tp = 0 with both defined.
  const f1 = precision === null || recall === null ? null : (2 * tp) / (2 * tp + fp + (truth - tp))
  return { precision, recall, f1 }
}

/** The counts of one class (or all of them summed) as CountMetrics with intervals and the few flag. */
export function countMetrics(counts: {
  truth: number
  tp: number
  fp: number
  rejected: number
  rejectedAgain: number
}): CountMetrics {
  const { truth, tp, fp } = counts
  return {
    truth,
    detections: tp + fp,
    tp,
    fp,
    fn: truth - tp,
    ...rates(tp, fp, truth),
    precisionInterval: wilsonInterval(tp, tp + fp),
    recallInterval: wilsonInterval(tp, truth),
    few: truth < FEW_TRUTH_BOXES,
    rejected: counts.rejected,
    rejectedAgain: counts.rejectedAgain,
  }
}

/**
 * The counts at every possible cut, one point per distinct score, highest first. `matched[j]` is 1
 * when detection j matched at the matching IoU; `order` is rankByScore(scores). Greedy matching
 * gives a detection its match from higher-ranked detections only, and a cut keeps a prefix of the
 * rank order (all detections of a tied score enter together), so one matching serves every cut.
 */
export function thresholdCurve(
  scores: readonly number[],
  matched: readonly number[],
  order: Int32Array,
  truth: number,
): ThresholdPoint[] {
  const points: ThresholdPoint[] = []
  let tp = 0
  let fp = 0
  for (let j = 0; j < order.length; j++) {
    const index = order[j]!
    if (matched[index] === 1) tp++
    else fp++
    const next = order[j + 1]
    if (next !== undefined && scores[next] === scores[index]) continue
    const { recall, f1 } = rates(tp, fp, truth)
    points.push({
      threshold: scores[index]!,
      detections: tp + fp,
      tp,
      fp,
      precision: tp / (tp + fp),
      recall,
      f1,
    })
  }
  return points
}

/** The point of highest F1; of equal F1s the higher threshold (fewer boxes). Null if none has F1. */
export function bestF1(points: readonly ThresholdPoint[]): ThresholdPoint | null {
  let best: ThresholdPoint | null = null
  for (const point of points) {
    if (point.f1 === null) continue
    if (best === null || point.f1 > best.f1!) best = point
  }
  return best
}
