import { describe, expect, it } from 'vitest'
import { evaluate, RECALL_THRESHOLDS } from '../../../src/shared/evaluation'
import { box, detected, EXACT, image, kept } from './helpers'

const truthRow = (n: number) =>
  Array.from({ length: n }, (_, i) => kept('cat', box(i * 20, 0, 10, 10)))
const onTruth = (i: number, confidence: number) =>
  detected('cat', box(i * 20, 0, 10, 10), confidence)
const nowhere = (i: number, confidence: number) =>
  detected('cat', box(1000 + i * 20, 1000, 10, 10), confidence)

describe('F1, precision and recall against the threshold', () => {
  // 2 truth boxes; a hit at 0.9, a false positive and a hit tied at 0.8, a false positive at 0.3.
  const a = image('a', {
    truth: truthRow(2),
    detections: [onTruth(0, 0.9), nowhere(0, 0.8), onTruth(1, 0.8), nowhere(1, 0.3)],
  })
  const cat = evaluate([a], ['cat']).classes[0]!

  it('has one point per distinct score, tied detections entering together', () => {
    // F1 = 2tp / (tp + fp + truth): at 0.9 2/3, at 0.8 (both tied boxes) 4/5, at 0.3 4/6.
    expect(cat.thresholdCurve).toEqual([
      { threshold: 0.9, detections: 1, tp: 1, fp: 0, precision: 1, recall: 0.5, f1: 2 / 3 },
      { threshold: 0.8, detections: 3, tp: 2, fp: 1, precision: 2 / 3, recall: 1, f1: 4 / 5 },
      { threshold: 0.3, detections: 4, tp: 2, fp: 2, precision: 0.5, recall: 1, f1: 4 / 6 },
    ])
    expect(cat.bestF1).toEqual(cat.thresholdCurve[1])
  })

  it('agrees at every point with the counts of a cut placed there (one matching serves all cuts)', () => {
    for (const point of cat.thresholdCurve) {
      const cut = evaluate([a], ['cat'], { thresholds: point.threshold }).classes[0]!
      expect({ tp: cut.tp, fp: cut.fp, f1: cut.f1 }).toEqual({
        tp: point.tp,
        fp: point.fp,
        f1: point.f1,
      })
    }
  })

  it('breaks a tie in best F1 towards the higher threshold (fewer boxes)', () => {
    // 3 truth boxes: hit 0.9, false positives 0.8 0.7 0.6, hit 0.5. F1 at 0.9: 2 / (1 + 0 + 3) = 0.5;
    // at 0.5: 4 / (2 + 3 + 3) = 0.5; between them lower (0.4, 1/3, 2/7). Best: 0.9.
    const b = image('b', {
      truth: truthRow(3),
      detections: [
        onTruth(0, 0.9),
        nowhere(0, 0.8),
        nowhere(1, 0.7),
        nowhere(2, 0.6),
        onTruth(1, 0.5),
      ],
    })
    const curve = evaluate([b], ['cat']).classes[0]!
    expect(curve.thresholdCurve.map((p) => p.f1)).toEqual([0.5, 0.4, 1 / 3, 2 / 7, 0.5])
    expect(curve.bestF1!.threshold).toBe(0.9)
  })

  it('ignores maxDets: every detection is on the curve', () => {
    const capped = evaluate([a], ['cat'], { maxDets: 1 }).classes[0]!
    expect(capped.thresholdCurve).toEqual(cat.thresholdCurve)
  })
})

describe('precision-recall curve at IoU 0.50', () => {
  const a = image('a', {
    truth: truthRow(2),
    detections: [onTruth(0, 0.9), nowhere(0, 0.8), onTruth(1, 0.7)],
  })
  const curve = evaluate([a], ['cat']).classes[0]!.prCurve!

  it('gives the raw cumulative point of each ranked detection', () => {
    // Ranked T F T over 2 truth boxes.
    expect(curve.raw).toEqual([
      { score: 0.9, tp: 1, fp: 0, recall: 0.5, precision: 1 },
      { score: 0.8, tp: 1, fp: 1, recall: 0.5, precision: 0.5 },
      { score: 0.7, tp: 2, fp: 1, recall: 1, precision: 2 / 3 },
    ])
  })

  it('and the 101 interpolated points AP50 is the mean of', () => {
    // From the right: 2/3 at rank 3, max(1/2, 2/3) = 2/3 at rank 2, 1 at rank 1. Recall 0 ... 0.5
    // finds rank 1 (precision 1, less COCO's eps), recall 0.51 ... 1 rank 3 (2/3).
    expect(curve.interpolated.map((p) => p.recall)).toEqual(RECALL_THRESHOLDS)
    expect(curve.interpolated[50]!.precision).toBeCloseTo(1, EXACT)
    expect(curve.interpolated[51]!.precision).toBeCloseTo(2 / 3, EXACT)
    expect(curve.interpolated[100]!.precision).toBeCloseTo(2 / 3, EXACT)
  })
})
