import { describe, expect, it } from 'vitest'
import { evaluate, IOU_THRESHOLDS, RECALL_THRESHOLDS } from '../../../src/shared/evaluation'
import { box, detected, EXACT, image, kept } from './helpers'

const square = box(0, 0, 10, 10)
/** One truth box of class 'cat' per image with the given detections. */
const catImage = (key: string, detections: ReturnType<typeof detected>[] = []) =>
  image(key, { truth: [kept('cat', square)], detections })
const catAp = (images: Parameters<typeof evaluate>[0], maxDets?: number) =>
  evaluate(images, ['cat'], maxDets === undefined ? {} : { maxDets }).classes[0]!

describe('COCO thresholds', () => {
  it('are the floats np.linspace produces, not the decimals', () => {
    // np.linspace(.5, .95, 10)[8] prints 0.8999999999999999; np.linspace(0, 1, 101)[57] is
    // 0.5700000000000001: a recall of exactly 0.57 is below the 58th threshold.
    expect(IOU_THRESHOLDS).toHaveLength(10)
    expect(IOU_THRESHOLDS[0]).toBe(0.5)
    expect(IOU_THRESHOLDS[8]).toBe(0.8999999999999999)
    expect(IOU_THRESHOLDS[9]).toBe(0.95)
    expect(RECALL_THRESHOLDS).toHaveLength(101)
    expect(RECALL_THRESHOLDS[57]).toBe(0.5700000000000001)
    expect(RECALL_THRESHOLDS[100]).toBe(1)
  })

  it('so a recall of exactly 0.57 misses the threshold at 0.57, as in COCOeval', () => {
    // 100 truth boxes, 57 exact detections ranked first: recall climbs 0.01 ... 0.57 at precision
    // 1. searchsorted finds a rank for thresholds 0 ... 0.56 (57 of them) but not for
    // 0.5700000000000001 > 57 / 100, so AP50 = 57 / 101 = 0.5644, not 58 / 101 = 0.5743.
    const truth = Array.from({ length: 100 }, (_, i) => kept('cat', box(i * 20, 0, 10, 10)))
    const detections = truth.slice(0, 57).map((t, i) => detected('cat', t.box, 1 - i / 100))
    const cat = catAp([image('a', { truth, detections })])
    expect(cat.ap50).toBeCloseTo(57 / 101, EXACT)
  })
})

describe('COCO average precision', () => {
  it('is 0, not undefined, for a class with truth and no detections', () => {
    const cat = catAp([catImage('a'), catImage('b')])
    expect(cat.ap50).toBe(0)
    expect(cat.ap50to95).toBe(0)
    expect(cat.apByIou).toEqual(Array(10).fill(0))
  })

  it('is undefined (null) for a class with detections and no truth, COCO -1', () => {
    const report = evaluate([image('a', { detections: [detected('cat', square, 0.9)] })], ['cat'])
    expect(report.classes[0]!.ap50).toBeNull()
    expect(report.classes[0]!.ap50to95).toBeNull()
    expect(report.classes[0]!.prCurve).toBeNull()
    expect(report.overall.ap50).toBeNull()
  })

  it('counts truth of images without detections in the recall denominator', () => {
    // Image a: one exact hit; image b: its truth box is never found. npig = 2, one ranked
    // detection: recall 0.5 at precision 1 / (1 + eps). The 51 thresholds 0, 0.01 ... 0.50 find it,
    // the 50 above 0.5 fall past the end (0): AP = 51 / 101 * (1 - 2^-52) at every IoU (IoU 1).
    const cat = catAp([catImage('a', [detected('cat', square, 0.9)]), catImage('b')])
    expect(cat.ap50).toBeCloseTo(51 / 101, EXACT)
    // COCO's eps keeps it a hair below the fraction: the precision is 1 / (1 + 2^-52).
    expect(cat.ap50).toBeLessThan(51 / 101)
    expect(cat.ap50to95).toBeCloseTo(51 / 101, EXACT)
  })

  it('counts a detection at IoU 0.6 at the thresholds 0.50, 0.55 and 0.60 only', () => {
    // [0,0,6,10] on [0,0,10,10]: 60 / 100 = 0.6, which passes t = 0.6 (COCO skips only IoU < t).
    // At those 3 thresholds one detection, one truth: q = 1 / (1 + eps) at all 101 recalls, AP 1;
    // at the 7 others the detection is a false positive: q(0) = precision 0, the rest past the end,
    // AP 0. AP50:95 = (3 * 1 + 7 * 0) / 10 = 0.3.
    const cat = catAp([catImage('a', [detected('cat', box(0, 0, 6, 10), 0.9)])])
    const rounded = cat.apByIou!.map((ap) => Number(ap.toFixed(EXACT)))
    expect(rounded).toEqual([1, 1, 1, 0, 0, 0, 0, 0, 0, 0])
    expect(cat.ap50to95).toBeCloseTo(0.3, EXACT)
  })

  it('makes precision non-increasing before sampling it (the interpolated value beats the raw one)', () => {
    // Ranked: false positive, hit, hit; 2 truth boxes. Raw precision 0, 1/2, 2/3 at recall 0, 0.5, 1.
    // From the right the maximum is 2/3 everywhere, so AP = 2/3 = 0.6667. Sampling the raw values
    // instead would give (1 * 0 + 50 * 1/2 + 50 * 2/3) / 101 = 0.5776.
    const far = box(50, 50, 10, 10)
    const two = image('a', {
      truth: [kept('cat', square), kept('cat', box(20, 0, 10, 10))],
      detections: [
        detected('cat', far, 0.9),
        detected('cat', square, 0.8),
        detected('cat', box(20, 0, 10, 10), 0.7),
      ],
    })
    const cat = catAp([two])
    expect(cat.ap50).toBeCloseTo(2 / 3, EXACT)
    expect(cat.prCurve!.raw.map((p) => p.precision)).toEqual([0, 1 / 2, 2 / 3])
    expect(new Set(cat.prCurve!.interpolated.map((p) => p.precision))).toEqual(new Set([2 / 3]))
  })

  it('keeps only the maxDets best detections of each image and class', () => {
    // A false positive at 0.9 outranks the hit at 0.8. maxDets 100: ranked FP, TP over one truth box:
    // precision 0, 1/2, made 1/2, 1/2 -> AP 0.5. maxDets 1 keeps only the FP: q(0) = 0, AP 0.
    const images = [
      catImage('a', [detected('cat', box(50, 50, 5, 5), 0.9), detected('cat', square, 0.8)]),
    ]
    expect(catAp(images).ap50).toBeCloseTo(0.5, EXACT)
    expect(catAp(images, 1).ap50).toBe(0)
    // The counts at the cut never drop detections: the hit is still a true positive.
    expect(catAp(images, 1).tp).toBe(1)
  })

  it('leaves a detection past maxDets out of the ranking, rather than counting it a false positive', () => {
    // maxDets 1. Image a: a hit at 0.9, a false positive at 0.8 (dropped); image b: a hit at 0.7.
    // Ranked hit, hit over 2 truth boxes: AP 1. Had the 0.8 box stayed as a false positive:
    // precision 1, 1/2, 2/3 -> from the right 1, 2/3, 2/3 -> (51 * 1 + 50 * 2/3) / 101 = 0.835.
    const a = catImage('a', [detected('cat', square, 0.9), detected('cat', box(50, 50, 5, 5), 0.8)])
    const b = catImage('b', [detected('cat', square, 0.7)])
    expect(catAp([a, b], 1).ap50).toBeCloseTo(1, EXACT)
    expect(catAp([a, b]).ap50).toBeCloseTo((51 + (50 * 2) / 3) / 101, EXACT)
  })
})

describe('ties in score keep input order (COCO sorts with the stable mergesort)', () => {
  const weak = detected('cat', box(0, 0, 10, 6), 0.9)
  const exact = detected('cat', square, 0.9)

  it('within an image: the earlier of two tied detections takes the truth box', () => {
    // weak has IoU 60 / 100 = 0.6, exact has IoU 1, both at 0.9. Weak listed first: it is ranked
    // first and takes the box at t = 0.50 ... 0.60 (AP 1 there, exact is a duplicate after it); at the
    // 7 thresholds above 0.6 weak is a false positive ranked before exact's hit: precision 0 then 1/2,
    // interpolated 1/2 -> AP 0.5. AP50:95 = (3 * 1 + 7 * 0.5) / 10 = 0.65.
    // Exact listed first takes the box at every threshold: AP50:95 = 1.
    expect(catAp([catImage('a', [weak, exact])]).ap50to95).toBeCloseTo(0.65, EXACT)
    expect(catAp([catImage('a', [exact, weak])]).ap50to95).toBeCloseTo(1, EXACT)
  })

  it('across images: the earlier image ranks first', () => {
    // Image miss has a false positive at 0.5, image hit a true one at 0.5; 2 truth boxes in all.
    // miss first: FP, TP -> precision 0, 1/2 (made 1/2, 1/2) at recall 0, 0.5: 51 thresholds at
    // 1/2, AP = 51 * 0.5 / 101 = 0.2525. hit first: TP, FP -> precision 1, 1/2 (made 1, 1/2):
    // 51 thresholds at 1, AP = 51 / 101 = 0.5050.
    const miss = catImage('miss', [detected('cat', box(50, 50, 5, 5), 0.5)])
    const hit = catImage('hit', [detected('cat', square, 0.5)])
    expect(catAp([miss, hit]).ap50).toBeCloseTo((51 * 0.5) / 101, EXACT)
    expect(catAp([hit, miss]).ap50).toBeCloseTo(51 / 101, EXACT)
  })
})

describe('COCO matching rules as they reach AP', () => {
  it('an equal IoU later in truth order wins, so a second detection can lose its only box', () => {
    // [1,0,10,10] (0.9) has IoU 90 / 110 = 0.818 with both truth boxes and takes the later one;
    // [4,0,10,10] (0.8) overlaps that one at 80 / 120 = 0.667 and the free one at 60 / 140 = 0.43.
    // t <= 0.8 (7 thresholds): TP, FP over 2 truth boxes, precision 1, 1/2 at recall 0.5, 0.5:
    // 51 thresholds at 1 -> AP 51 / 101. t >= 0.85: both miss -> AP 0. AP50:95 = 0.7 * 51 / 101.
    const two = image('a', {
      truth: [kept('cat', square), kept('cat', box(2, 0, 10, 10))],
      detections: [
        detected('cat', box(1, 0, 10, 10), 0.9),
        detected('cat', box(4, 0, 10, 10), 0.8),
      ],
    })
    const cat = catAp([two])
    expect(cat.ap50).toBeCloseTo(51 / 101, EXACT)
    expect(cat.ap50to95).toBeCloseTo((0.7 * 51) / 101, EXACT)
    expect(cat.tp).toBe(1)
    expect(cat.fn).toBe(1)
  })
})
