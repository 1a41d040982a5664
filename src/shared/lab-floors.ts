import type { LabModel } from './lab'

/**
 * The low thresholds the prompt lab asks each model at, once, so that any score cut at or above
 * them is computed from the cached answer. A cut below a model's floor counts as the floor: the
 * boxes under it were never asked for.
 */
export const LAB_FLOORS = {
  /**
   * Grounding DINO box_threshold. Never below the candidate's text threshold: a box whose tokens
   * all score under it has an empty phrase, which the server answers with a 500 (inference-api.md §1.4).
   */
  groundingDino: 0.05,
  /**
   * OwlV2 confidence. Its score is (cosine + 1) / 2, so values sit near 1 and the server's own
   * default is 0.99 (§1.5); 0.9 (cosine 0.8) is far below any useful cut and keeps each answer to
   * the real candidates rather than the 300 boxes the server returns at 0.
   */
  owlv2: 0.9,
  /** Hosted confidence in percent: the server reads anything below 1% as 1% (§1.3). */
  hostedPercent: 1,
} as const

/** The lowest cut a candidate's cached answers can be scored at (0 to 1). */
export function labFloor(model: LabModel): number {
  switch (model.kind) {
    case 'grounding-dino':
      return Math.max(LAB_FLOORS.groundingDino, model.textThreshold)
    case 'owlv2':
      return LAB_FLOORS.owlv2
    case 'hosted':
      return LAB_FLOORS.hostedPercent / 100
    case 'moondream2':
      // Moondream2's answer has no score: the server gives every box 1.0 (§1.6), so every cut keeps them.
      return 0
  }
}
