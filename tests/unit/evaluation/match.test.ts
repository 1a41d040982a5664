import { describe, expect, it } from 'vitest'
import { iou } from '../../../src/shared/geometry'
import { fillIouMatrix, matchBar, matchGreedy } from '../../../src/shared/evaluation/match'
import { box } from './helpers'

/** Greedy matching of detections (rank order) against truth, all through the module's buffers. */
function match(dets: ReturnType<typeof box>[], truth: ReturnType<typeof box>[], t: number) {
  const ious = fillIouMatrix(dets, truth, new Float64Array(0))
  const matches = new Int32Array(dets.length)
  const count = matchGreedy(
    ious,
    dets.length,
    truth.length,
    t,
    matches,
    new Uint8Array(truth.length),
  )
  return { matches: [...matches], count }
}

describe('box IoU as COCO computes it', () => {
  it('has no +1 pixel: half of a 10x10 box is IoU 0.5 exactly', () => {
    // [0,0,10,10] vs [0,0,5,10]: intersection 50, union 100 + 50 - 50 = 100 -> 0.5. The Pascal VOC
    // +1 convention would give 6*11 / 121 = 0.545 instead.
    expect(iou(box(0, 0, 5, 10), box(0, 0, 10, 10))).toBe(0.5)
  })

  it('is 0 for boxes that only touch', () => {
    // COCO's bbIou: width of the overlap min(10, 20) - max(0, 10) = 0 <= 0 -> 0.
    expect(iou(box(10, 0, 10, 10), box(0, 0, 10, 10))).toBe(0)
  })

  it('fills the matrix row by detection, column by truth box', () => {
    const m = fillIouMatrix(
      [box(0, 0, 10, 10), box(0, 0, 5, 10)],
      [box(0, 0, 10, 10), box(100, 0, 10, 10)],
      new Float64Array(1),
    )
    // Row 0: identical (1), disjoint (0); row 1: 0.5 (see above), disjoint (0).
    expect([...m.subarray(0, 4)]).toEqual([1, 0, 0.5, 0])
  })
})

describe('greedy matching (COCOeval.evaluateImg)', () => {
  it('gives a detection the truth box of highest IoU, not the first one above the threshold', () => {
    // Detection 0 = truth 1 exactly (IoU 1); with truth 0 it overlaps 8 of 10 columns: 80 / 120.
    // Detection 1 overlaps truth 0 by 8 columns (80 / 120 = 0.667) and truth 1 by 6 (60 / 140 = 0.43).
    // Highest-IoU-first pairs 0 -> 1 and 1 -> 0: both match. Taking the first box above 0.5 would
    // pair 0 -> 0 and leave detection 1 with truth 1 at 0.43: a false positive.
    const truth = [box(0, 0, 10, 10), box(2, 0, 10, 10)]
    const { matches, count } = match([box(2, 0, 10, 10), box(-2, 0, 10, 10)], truth, 0.5)
    expect(matches).toEqual([1, 0])
    expect(count).toBe(2)
  })

  it('of two equal IoUs takes the truth box later in order', () => {
    // [1,0,10,10] overlaps both truth boxes by 9 columns: 90 / 110 each, bit for bit. COCO's loop
    // skips only IoUs below the best so far, so the later, equal one replaces the earlier: truth 1.
    // Detection 1 then finds truth 1 taken and truth 0 at 60 / 140 = 0.43: unmatched.
    const truth = [box(0, 0, 10, 10), box(2, 0, 10, 10)]
    const { matches } = match([box(1, 0, 10, 10), box(4, 0, 10, 10)], truth, 0.5)
    expect(matches).toEqual([1, -1])
  })

  it('matches an IoU equal to the threshold (COCO skips only IoUs below it)', () => {
    // 60 / 100 = 0.6 exactly.
    expect(match([box(0, 0, 6, 10)], [box(0, 0, 10, 10)], 0.6).matches).toEqual([0])
    expect(match([box(0, 0, 6, 10)], [box(0, 0, 10, 10)], 0.65).matches).toEqual([-1])
  })

  it('lets a truth box be taken once; a later detection on it stays unmatched', () => {
    const truth = [box(0, 0, 10, 10)]
    expect(match([box(0, 0, 10, 10), box(0, 0, 10, 9)], truth, 0.5).matches).toEqual([0, -1])
  })

  it('caps the threshold just below 1, so identical boxes match at IoU 1', () => {
    expect(matchBar(1)).toBe(1 - 1e-10)
    expect(matchBar(0.5)).toBe(0.5)
    expect(match([box(3, 4, 5, 6)], [box(3, 4, 5, 6)], 1).matches).toEqual([0])
  })

  it('matches nothing when there is no truth', () => {
    expect(match([box(0, 0, 1, 1)], [], 0.5)).toEqual({ matches: [-1], count: 0 })
  })
})
