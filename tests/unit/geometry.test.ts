import { describe, expect, it } from 'vitest'
import {
  boxFromCentre,
  boxToIntegerCentre,
  clampBox,
  iou,
  normaliseBox,
  scaleBox,
} from '../../src/shared/geometry'

describe('geometry', () => {
  it('turns a server centre-box into a top-left box', () => {
    // centre (150, 100), 100x40 -> left 100, top 80
    expect(boxFromCentre(150, 100, 100, 40)).toEqual({ x: 100, y: 80, width: 100, height: 40 })
  })

  it('rounds a top-left box to the integer centre form OWLv2 requires', () => {
    // left 10.4 + 21/2 = 20.9 -> 21; top 5 + 10/2 = 10
    expect(boxToIntegerCentre({ x: 10.4, y: 5, width: 21, height: 10 })).toEqual({
      x: 21,
      y: 10,
      w: 21,
      h: 10,
    })
  })

  it('clamps a box that overhangs the image by a pixel', () => {
    expect(clampBox({ x: -1, y: 90, width: 20, height: 12 }, 100, 100)).toEqual({
      x: 0,
      y: 90,
      width: 19,
      height: 10,
    })
  })

  it('scales a box back from upload pixels to image pixels', () => {
    expect(scaleBox({ x: 10, y: 20, width: 30, height: 40 }, 2.5)).toEqual({
      x: 25,
      y: 50,
      width: 75,
      height: 100,
    })
  })

  it('computes IoU, 1 for identical boxes and 0 for disjoint ones', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 }
    expect(iou(a, a)).toBe(1)
    expect(iou(a, { x: 20, y: 20, width: 5, height: 5 })).toBe(0)
    // overlap 5x10 = 50; union 100 + 100 - 50 = 150
    expect(iou(a, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(50 / 150)
  })

  it('normalises a box drawn from bottom-right to top-left', () => {
    expect(normaliseBox({ x: 50, y: 40, width: -30, height: -20 })).toEqual({
      x: 20,
      y: 20,
      width: 30,
      height: 20,
    })
  })
})
