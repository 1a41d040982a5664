import type { Box } from '../../../src/shared/geometry'
import type { EvalImage, LabeledBox, ScoredBox } from '../../../src/shared/evaluation'

/** A box from COCO's [x, y, w, h]. */
export const box = (x: number, y: number, width: number, height: number): Box => ({
  x,
  y,
  width,
  height,
})

export const kept = (className: string, b: Box): LabeledBox => ({ className, box: b })

export const detected = (className: string, b: Box, confidence: number, id?: string): ScoredBox =>
  id === undefined ? { className, box: b, confidence } : { className, box: b, confidence, id }

/** An image with nothing in it unless given. */
export const image = (key: string, parts: Partial<Omit<EvalImage, 'key'>> = {}): EvalImage => ({
  key,
  truth: parts.truth ?? [],
  rejected: parts.rejected ?? [],
  detections: parts.detections ?? [],
})

/**
 * Digits for toBeCloseTo: COCO's precision is tp / (tp + fp + 2^-52), so a hand-worked fraction
 * and COCO's value differ in the last bits (1 / (1 + 2^-52) = 1 - 2^-52), never in the 12th digit.
 */
export const EXACT = 12
