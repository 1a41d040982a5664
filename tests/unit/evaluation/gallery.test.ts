import { describe, expect, it } from 'vitest'
import { evaluate } from '../../../src/shared/evaluation'
import { box, detected, image, kept } from './helpers'

describe('gallery lists at the cut', () => {
  // Detections listed out of rank order, so their indices (into the image's list) differ from ranks.
  const dup = detected('cat', box(1, 1, 10, 10), 0.8, 'dup')
  const stray = detected('cat', box(40, 0, 10, 10), 0.7, 'stray')
  const hit = detected('cat', box(0, 0, 10, 10), 0.9, 'hit')
  const a = image('a', {
    truth: [kept('cat', box(0, 0, 10, 10)), kept('cat', box(100, 0, 10, 10))],
    detections: [dup, stray, hit],
  })
  const report = evaluate([a], ['cat'])

  it('pairs each true positive with the truth box it matched, for drawing both', () => {
    expect(report.truePositives).toEqual([
      {
        imageKey: 'a',
        className: 'cat',
        detectionIndex: 2,
        id: 'hit',
        box: hit.box,
        confidence: 0.9,
        truthIndex: 0,
        truth: box(0, 0, 10, 10),
        iou: 1,
      },
    ])
  })

  it('calls a second detection of a matched object a duplicate, and one on nothing unmatched', () => {
    // dup overlaps the first truth box 9 x 9 = 81 of 100 + 100 - 81 = 119: IoU 0.68 >= 0.5, but the
    // higher-ranked hit took that box. stray overlaps nothing.
    expect(report.falsePositives).toEqual([
      expect.objectContaining({
        detectionIndex: 0,
        id: 'dup',
        confidence: 0.8,
        reason: 'duplicate',
      }),
      expect.objectContaining({ detectionIndex: 1, id: 'stray', reason: 'unmatched' }),
    ])
    expect(report.classes[0]).toMatchObject({ tp: 1, fp: 2, fn: 1 })
  })

  it('lists the truth box no detection found as a miss', () => {
    expect(report.misses).toEqual([
      { imageKey: 'a', className: 'cat', truthIndex: 1, box: box(100, 0, 10, 10) },
    ])
  })

  it('orders the lists by image, then class, then rank', () => {
    const two = evaluate(
      [
        image('x', { truth: [kept('dog', box(0, 0, 5, 5)), kept('cat', box(0, 0, 5, 5))] }),
        image('y', { truth: [kept('cat', box(0, 0, 5, 5))] }),
      ],
      ['cat', 'dog'],
    )
    expect(two.misses.map((m) => `${m.imageKey}:${m.className}`)).toEqual([
      'x:cat',
      'x:dog',
      'y:cat',
    ])
  })
})

describe('rejected suggestions found again', () => {
  // Truth: one cat T [0,0,10,10]. The labeler rejected, for cat, R1 [50,0,10,10], R2 [80,0,10,10] and
  // R3 [0,0,10,9] (a sloppy box on T, redrawn as T), and for dog R4 [50,0,10,10]. Cut at 0.5.
  const a = image('a', {
    truth: [kept('cat', box(0, 0, 10, 10))],
    rejected: [
      kept('cat', box(50, 0, 10, 10)),
      kept('cat', box(80, 0, 10, 10)),
      kept('cat', box(0, 0, 10, 9)),
      kept('dog', box(50, 0, 10, 10)),
    ],
    detections: [
      detected('cat', box(0, 0, 10, 10), 0.9), // T exactly: a hit; IoU 90 / 100 with R3 too
      detected('cat', box(0, 0, 10, 9), 0.8), // R3 again (and a duplicate of T)
      detected('cat', box(50, 0, 10, 10), 0.7), // R1 again
      detected('cat', box(51, 0, 10, 10), 0.6), // R1 again (90 / 110 = 0.82), R1 counts once
      detected('cat', box(80, 0, 10, 10), 0.3), // R2, but under the cut
      detected('dog', box(80, 0, 10, 10), 0.9), // on R2, which was rejected as a cat, not a dog
    ],
  })
  const report = evaluate([a], ['cat', 'dog'], { thresholds: 0.5 })
  const [cat, dog] = report.classes

  it('counts each rejected box once, by any detection of its class at or above the cut', () => {
    // cat: R1 and R3 are found again (R3 by the hit as well); R2 only by a detection under the cut.
    expect(cat).toMatchObject({ rejected: 3, rejectedAgain: 2 })
    expect(dog).toMatchObject({ rejected: 1, rejectedAgain: 0 })
    expect(report.overall).toMatchObject({ rejected: 4, rejectedAgain: 2 })
  })

  it('gives a false positive on a rejected box the reason rejected-again, before duplicate', () => {
    const reasons = report.falsePositives.map((f) => `${f.className}:${f.reason}`)
    expect(reasons).toEqual([
      'cat:rejected-again',
      'cat:rejected-again',
      'cat:rejected-again',
      'dog:unmatched',
    ])
  })
})
