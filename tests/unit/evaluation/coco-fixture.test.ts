import { describe, expect, it } from 'vitest'
import { evaluate } from '../../../src/shared/evaluation'
import { box, detected, EXACT, image, kept } from './helpers'

/*
 * A three-image, three-class fixture and the values COCOeval (bbox, area 'all', maxDets 100) gives
 * for it, obtained by hand from the definition in evaluateImg / accumulate / summarize (the steps
 * are below; IoU = intersection / union of [x,y,w,h] boxes).
 *
 * cat, 4 truth boxes: A c1 [0,0,10,10], A c2 [20,0,10,10], B c3 [0,0,20,20], C c4 [0,0,10,10].
 *   d1 A 0.9 [0,0,10,8]   on c1: 80 / 100 = 0.80   -> matched at t <= 0.80 (7 thresholds)
 *   d2 A 0.6 [20,0,10,10] on c2: 1                 -> matched at all 10
 *   d3 A 0.3 [50,50,10,10] nothing                 -> never
 *   d4 B 0.8 [0,0,20,13]  on c3: 260 / 400 = 0.65  -> matched at t <= 0.65 (4 thresholds)
 *   d5 B 0.7 [0,0,20,20]  on c3: 1, but ranked after d4 in B: c3 is taken while d4 holds it
 *                                                  -> matched at t >= 0.70 (6 thresholds)
 *   c4 is never found. Ranked over all images by score: d1 d4 d5 d2 d3.
 *   t = 0.50 ... 0.65 (4): T T F T F. tp 1 2 2 3 3, fp 0 0 1 1 2, recall .25 .5 .5 .75 .75,
 *     precision 1 1 2/3 3/4 3/5, from the right 1 1 3/4 3/4 3/5. Recall thresholds 0 ... 0.50
 *     (51) -> 1, 0.51 ... 0.75 (25) -> 3/4, 0.76 ... 1 (25) past the end -> 0.
 *     AP = (51 + 25 * 0.75) / 101 = 69.75 / 101.
 *   t = 0.70 ... 0.80 (3): T F T T F. tp 1 1 2 3 3, fp 0 1 1 1 2, recall .25 .25 .5 .75 .75,
 *     precision 1 1/2 2/3 3/4 3/5, from the right 1 3/4 3/4 3/4 3/5. 0 ... 0.25 (26) -> 1,
 *     0.26 ... 0.75 (50) -> 3/4, the rest 0. AP = (26 + 50 * 0.75) / 101 = 63.5 / 101.
 *   t = 0.85 ... 0.95 (3): F F T T F. tp 0 0 1 2 2, fp 1 2 2 2 3, recall 0 0 .25 .5 .5,
 *     precision 0 0 1/3 1/2 2/5, from the right 1/2 1/2 1/2 1/2 2/5. 0 ... 0.50 (51) -> 1/2,
 *     the rest 0. AP = 25.5 / 101.
 *   AP50 = 69.75 / 101 = 0.690594; AP50:95 = (4 * 69.75 + 3 * 63.5 + 3 * 25.5) / 1010
 *     = 546 / 1010 = 0.540594.
 * dog, 1 truth box: A g1 [30,30,10,10].
 *   e1 A 0.5 [31,30,10,10] on g1: 90 / 110 = 0.818 -> matched at t <= 0.80 (7 thresholds)
 *   e2 C 0.95 [60,60,5,5] nothing. Ranked: e2 e1.
 *   t <= 0.80: F T, precision 0 1/2, from the right 1/2 1/2, recall 0 1: all 101 -> 1/2, AP 0.5.
 *   t >= 0.85: F F, recall 0 0: threshold 0 -> precision 0, the rest past the end: AP 0.
 *   AP50 = 0.5; AP50:95 = 7 * 0.5 / 10 = 0.35.
 * bird: one detection, no truth: COCO's -1, left out of the means.
 * Overall (summarize: the mean over classes with truth): AP50 = (0.690594 + 0.5) / 2 = 0.595297,
 *   AP50:95 = (0.540594 + 0.35) / 2 = 0.445297.
 * The precision values carry COCO's eps (tp / (tp + fp + 2^-52)), which moves them by < 1e-15.
 */
const images = [
  image('A', {
    truth: [
      kept('cat', box(0, 0, 10, 10)),
      kept('cat', box(20, 0, 10, 10)),
      kept('dog', box(30, 30, 10, 10)),
    ],
    detections: [
      detected('cat', box(50, 50, 10, 10), 0.3, 'd3'),
      detected('dog', box(31, 30, 10, 10), 0.5, 'e1'),
      detected('cat', box(0, 0, 10, 8), 0.9, 'd1'),
      detected('cat', box(20, 0, 10, 10), 0.6, 'd2'),
    ],
  }),
  image('B', {
    truth: [kept('cat', box(0, 0, 20, 20))],
    detections: [
      detected('cat', box(0, 0, 20, 13), 0.8, 'd4'),
      detected('cat', box(0, 0, 20, 20), 0.7, 'd5'),
      detected('bird', box(5, 5, 5, 5), 0.4, 'b1'),
    ],
  }),
  image('C', {
    truth: [kept('cat', box(0, 0, 10, 10))],
    detections: [detected('dog', box(60, 60, 5, 5), 0.95, 'e2')],
  }),
]

describe('AP of a multi-image fixture equals what COCOeval gives for it', () => {
  const report = evaluate(images, ['cat', 'dog', 'bird'])
  const [cat, dog, bird] = report.classes

  it('per class', () => {
    expect(cat!.apByIou!.map((ap) => ap * 101)).toEqual(
      [69.75, 69.75, 69.75, 69.75, 63.5, 63.5, 63.5, 25.5, 25.5, 25.5].map((v) =>
        expect.closeTo(v, 10),
      ),
    )
    expect(cat!.ap50).toBeCloseTo(69.75 / 101, EXACT)
    expect(cat!.ap50to95).toBeCloseTo(546 / 1010, EXACT)
    expect(dog!.ap50).toBeCloseTo(0.5, EXACT)
    expect(dog!.ap50to95).toBeCloseTo(0.35, EXACT)
    expect(bird!.ap50).toBeNull()
  })

  it('overall, as the mean over the classes that have truth', () => {
    expect(report.overall.ap50).toBeCloseTo((69.75 / 101 + 0.5) / 2, EXACT)
    expect(report.overall.ap50to95).toBeCloseTo((546 / 1010 + 0.35) / 2, EXACT)
    expect(report.overall.classesWithTruth).toBe(2)
  })

  it('and the counts at IoU 0.5 and no cut', () => {
    // cat: d1 d2 d4 hit; d5 duplicates c3 after d4; d3 hits nothing; c4 missed.
    // P = 3/5, R = 3/4, F1 = 2PR / (P + R) = 0.9 / 1.35 = 2/3.
    expect(cat).toMatchObject({ truth: 4, tp: 3, fp: 2, fn: 1, precision: 0.6, recall: 0.75 })
    expect(cat!.f1).toBeCloseTo(2 / 3, EXACT)
    // Overall micro sums: tp 3 + 1 + 0, fp 2 + 1 (e2) + 1 (b1), truth 4 + 1 + 0: P = 4/8, R = 4/5.
    expect(report.overall).toMatchObject({ tp: 4, fp: 4, truth: 5, fn: 1 })
    expect(report.overall.precision).toBeCloseTo(4 / 8, EXACT)
    expect(report.overall.recall).toBe(0.8)
  })
})
