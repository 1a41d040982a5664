import { reportForView } from '../../../src/shared/lab-report'
import { evaluate, type EvalImage } from '../../../src/shared/evaluation'
import type {
  LabCandidate,
  LabCandidateScore,
  LabReport,
  LabCoverage,
  LabModel,
  LabScore,
  TruthSummary,
} from '../../../src/shared/lab'

/** A box of `size` px at (x, y). */
export const at = (x: number, y: number, size = 10) => ({ x, y, width: size, height: size })

/**
 * The lab's standing example: two reviewed images with red and blue shapes, and a red
 * suggestion the labeler rejected on b at (50, 50).
 */
export const TRUTH: Omit<EvalImage, 'detections'>[] = [
  {
    key: 'a.png',
    truth: [
      { className: 'red', box: at(0, 0) },
      { className: 'blue', box: at(20, 20) },
    ],
    rejected: [],
  },
  {
    key: 'b.png',
    truth: [{ className: 'red', box: at(0, 0) }],
    rejected: [{ className: 'red', box: at(50, 50) }],
  },
]

/** Finds all three true boxes and nothing else: TP 3, FP 0, misses 0. */
export const GOOD: EvalImage['detections'][] = [
  [
    { className: 'red', box: at(0, 0), confidence: 0.9 },
    { className: 'blue', box: at(20, 20), confidence: 0.8 },
  ],
  [{ className: 'red', box: at(0, 0), confidence: 0.7 }],
]

/** Never finds blue, and makes the rejected red suggestion again: TP 2, FP 1, misses 1. */
export const NO_BLUE: EvalImage['detections'][] = [
  [{ className: 'red', box: at(0, 0), confidence: 0.9 }],
  [
    { className: 'red', box: at(0, 0), confidence: 0.6 },
    { className: 'red', box: at(50, 50), confidence: 0.5 },
  ],
]

export function reportOf(
  detections: EvalImage['detections'][],
  thresholds: number | Record<string, number> = 0,
): LabReport {
  const images = TRUTH.map((t, i) => ({ ...t, detections: detections[i] ?? [] }))
  // As main answers lab.score: the evaluation's report shaped for the window.
  return reportForView(evaluate(images, ['red', 'blue'], { thresholds }))
}

export const FULL_COVERAGE: LabCoverage = { scored: 2, missing: 0, leftOut: [], policy: 'none' }

export const TRUTH_SUMMARY: TruthSummary = {
  images: 2,
  boxes: 3,
  rejected: 1,
  classes: [
    { className: 'red', boxes: 2, images: 2, few: true },
    { className: 'blue', boxes: 1, images: 1, few: true },
  ],
}

export function candidate(id: string, model: LabModel, global = 0.3): LabCandidate {
  return { id, name: id, model, cut: { global, perClass: {} }, createdAt: '2026-01-01T00:00:00Z' }
}

export const gdModel = (classes: string[]): LabModel => ({
  kind: 'grounding-dino',
  classes,
  boxThreshold: 0.3,
  textThreshold: 0.25,
  classAgnosticNms: false,
})

export function scored(
  candidateId: string,
  report: LabReport,
  coverage: LabCoverage = FULL_COVERAGE,
): LabCandidateScore {
  return { candidateId, report, coverage }
}

export function labScore(candidates: LabCandidateScore[], iou = 0.5): LabScore {
  return { truth: TRUTH_SUMMARY, iou, candidates }
}
