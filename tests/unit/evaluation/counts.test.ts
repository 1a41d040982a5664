import { describe, expect, it } from 'vitest'
import { evaluate } from '../../../src/shared/evaluation'
import { box, detected, EXACT, image, kept } from './helpers'

/** n truth boxes of a class in a row, 20 px apart, so detections can hit them one by one. */
const row = (className: string, n: number, y = 0) =>
  Array.from({ length: n }, (_, i) => kept(className, box(i * 20, y, 10, 10)))
const nowhere = (i: number) => box(1000 + i * 20, 1000, 10, 10)

describe('counts at the cut: no detections', () => {
  const report = evaluate([image('a', { truth: row('cat', 2) })], ['cat'])
  const cat = report.classes[0]!

  it('misses every truth box; precision and F1 are undefined, recall is 0', () => {
    expect(cat).toMatchObject({ truth: 2, detections: 0, tp: 0, fp: 0, fn: 2 })
    expect(cat.precision).toBeNull()
    expect(cat.recall).toBe(0)
    expect(cat.f1).toBeNull()
    expect(cat.precisionInterval).toBeNull()
    // Wilson 0 of 2: upper bound z^2 / (2 + z^2) = 3.8415 / 5.8415 = 0.6576.
    expect(cat.recallInterval!.low).toBe(0)
    expect(cat.recallInterval!.high).toBeCloseTo(0.6576, 4)
  })

  it('has no threshold points and no best cut, and lists both boxes as misses', () => {
    expect(cat.thresholdCurve).toEqual([])
    expect(cat.bestF1).toBeNull()
    expect(cat.prCurve!.raw).toEqual([])
    expect(report.misses.map((m) => m.truthIndex)).toEqual([0, 1])
  })
})

describe('counts at the cut: no truth at all', () => {
  const detections = [0.9, 0.5, 0.2].map((c, i) => detected('cat', nowhere(i), c))
  const report = evaluate([image('a', { detections })], ['cat'])
  const cat = report.classes[0]!

  it('scores every detection a false positive: precision 0, recall and F1 undefined', () => {
    expect(cat).toMatchObject({ truth: 0, detections: 3, tp: 0, fp: 3, fn: 0, precision: 0 })
    expect(cat.recall).toBeNull()
    expect(cat.f1).toBeNull()
    expect(cat.recallInterval).toBeNull()
    expect(report.falsePositives.map((f) => f.reason)).toEqual([
      'unmatched',
      'unmatched',
      'unmatched',
    ])
  })

  it('leaves AP undefined and picks no cut (F1 is undefined at every threshold)', () => {
    expect(cat.ap50).toBeNull()
    expect(report.overall.ap50).toBeNull()
    expect(report.overall.ap50to95).toBeNull()
    expect(report.overall.classesWithTruth).toBe(0)
    expect(cat.thresholdCurve.map((p) => p.recall)).toEqual([null, null, null])
    expect(cat.bestF1).toBeNull()
  })
})

describe('counts at the cut', () => {
  it('keeps a detection whose confidence equals the threshold and drops one below it', () => {
    // Hits at 0.6 (= cut) and 0.59 (below): 1 true positive, 1 miss; the 0.59 hit is neither TP nor FP.
    const a = image('a', {
      truth: row('cat', 2),
      detections: [
        detected('cat', box(0, 0, 10, 10), 0.6),
        detected('cat', box(20, 0, 10, 10), 0.59),
      ],
    })
    const cat = evaluate([a], ['cat'], { thresholds: 0.6 }).classes[0]!
    expect(cat).toMatchObject({ threshold: 0.6, tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5 })
  })

  it('cuts each class at its own threshold; a class left out of the record is cut at 0', () => {
    // cat cut at 0.5 keeps the hit at 0.7 and drops the false positive at 0.3; dog (no entry) keeps
    // its false positive at 0.1. The AP does not depend on the cut: cat's 0.3 FP ranks after its
    // hit on its only box, so AP50 is 1 with or without the cut.
    const a = image('a', {
      truth: [kept('cat', box(0, 0, 10, 10))],
      detections: [
        detected('cat', box(0, 0, 10, 10), 0.7),
        detected('cat', nowhere(0), 0.3),
        detected('dog', nowhere(1), 0.1),
      ],
    })
    const report = evaluate([a], ['cat', 'dog'], { thresholds: { cat: 0.5 } })
    const [cat, dog] = report.classes
    expect(report.options.thresholds).toEqual({ cat: 0.5, dog: 0 })
    expect(cat).toMatchObject({ threshold: 0.5, tp: 1, fp: 0 })
    expect(dog).toMatchObject({ threshold: 0, tp: 0, fp: 1 })
    expect(cat!.ap50).toBeCloseTo(1, EXACT)
  })

  it('matches at the chosen IoU: a 0.6 overlap is a hit at 0.5 and a false positive plus a miss at 0.7', () => {
    // [0,0,6,10] on [0,0,10,10]: IoU 60 / 100 = 0.6.
    const a = image('a', {
      truth: [kept('cat', box(0, 0, 10, 10))],
      detections: [detected('cat', box(0, 0, 6, 10), 0.9)],
    })
    expect(evaluate([a], ['cat'], { iou: 0.5 }).classes[0]).toMatchObject({ tp: 1, fp: 0, fn: 0 })
    expect(evaluate([a], ['cat'], { iou: 0.7 }).classes[0]).toMatchObject({ tp: 0, fp: 1, fn: 1 })
  })

  it('gives F1 0, not undefined, when precision and recall are both 0', () => {
    const a = image('a', { truth: row('cat', 1), detections: [detected('cat', nowhere(0), 0.9)] })
    const cat = evaluate([a], ['cat']).classes[0]!
    expect(cat).toMatchObject({ precision: 0, recall: 0, f1: 0 })
  })

  it('attaches Wilson intervals: 8 hits among 10 detections is precision 0.8 in [0.490, 0.943]', () => {
    // 10 truth boxes; 8 detections hit, 2 hit nothing. Precision and recall are both 8 / 10.
    const truth = row('cat', 10)
    const hits = truth.slice(0, 8).map((t, i) => detected('cat', t.box, 0.9 - i / 100))
    const misses = [detected('cat', nowhere(0), 0.5), detected('cat', nowhere(1), 0.4)]
    const cat = evaluate([image('a', { truth, detections: [...hits, ...misses] })], ['cat'])
      .classes[0]!
    expect(cat.precision).toBe(0.8)
    expect(cat.precisionInterval!.low).toBeCloseTo(0.4902, 4)
    expect(cat.precisionInterval!.high).toBeCloseTo(0.9433, 4)
    expect(cat.recallInterval).toEqual(cat.precisionInterval)
    expect(cat.few).toBe(false)
  })

  it('flags a class with fewer than 5 truth boxes as few, and one with 5 as not', () => {
    const report = evaluate(
      [image('a', { truth: [...row('cat', 4), ...row('dog', 5, 50)] })],
      ['cat', 'dog'],
    )
    expect(report.classes.map((c) => c.few)).toEqual([true, false])
    // Overall: 9 truth boxes.
    expect(report.overall.few).toBe(false)
  })
})

describe('overall numbers are micro sums, AP the mean over classes', () => {
  // cat: 1 truth box, 1 hit (P = R = 1, AP 1).
  // dog: 4 truth boxes, 1 hit ranked first, then 3 false positives (P = R = 1/4).
  //   AP50: ranked T F F F, recall 1/4 throughout, precision from the right 1 ... -> thresholds
  //   0 ... 0.25 (26) at precision 1, the rest past the end: 26 / 101.
  // bird: no truth, 1 false positive: counts in the micro sums, not in the AP mean.
  const a = image('a', {
    truth: [...row('cat', 1), ...row('dog', 4, 50)],
    detections: [
      detected('cat', box(0, 0, 10, 10), 0.9),
      detected('dog', box(0, 50, 10, 10), 0.8),
      ...[0, 1, 2].map((i) => detected('dog', nowhere(i), 0.7)),
      detected('bird', nowhere(5), 0.6),
    ],
  })
  const report = evaluate([a], ['cat', 'dog', 'bird'])

  it('sums the counts over classes before dividing (micro), unlike the mean of class rates', () => {
    // tp 1 + 1 + 0 = 2, fp 0 + 3 + 1 = 4, truth 1 + 4 + 0 = 5: P = 2/6, R = 2/5,
    // F1 = 2 * 2 / (2 + 4 + 5) = 4/11. The mean of the class precisions would be (1 + 1/4 + 0) / 3.
    expect(report.overall).toMatchObject({ truth: 5, tp: 2, fp: 4, fn: 3, detections: 6 })
    expect(report.overall.precision).toBeCloseTo(2 / 6, EXACT)
    expect(report.overall.recall).toBeCloseTo(2 / 5, EXACT)
    expect(report.overall.f1).toBeCloseTo(4 / 11, EXACT)
  })

  it('averages AP over the two classes with truth (COCO summarize), leaving bird out', () => {
    expect(report.classes.map((c) => c.ap50 === null)).toEqual([false, false, true])
    expect(report.classes[1]!.ap50).toBeCloseTo(26 / 101, EXACT)
    expect(report.overall.ap50).toBeCloseTo((1 + 26 / 101) / 2, EXACT)
    expect(report.overall.classesWithTruth).toBe(2)
  })
})
