import { describe, expect, it } from 'vitest'
import {
  boxesIntersect,
  boxToScreen,
  clampScale,
  fitViewport,
  imageToScreen,
  panBy,
  screenToImage,
  visibleImageRect,
  wheelZoomFactor,
  zoomAt,
} from '../../../src/renderer/src/core/viewport'

describe('fitViewport', () => {
  it('fits a wide image to the container width and centres it vertically', () => {
    // 1000 - 2*0 = 1000 wide / 2000 image = 0.5; height 1000*0.5 = 500 inside 800 -> 150 top margin
    expect(fitViewport({ width: 2000, height: 1000 }, { width: 1000, height: 800 }, 0)).toEqual({
      scale: 0.5,
      x: 0,
      y: 150,
    })
  })

  it('fits a tall image to the container height, leaving the padding on the tight side', () => {
    // available 800-32=768 by 600-32=568; 568/1136 = 0.5 beats 768/500 -> width 250, x = (800-250)/2
    expect(fitViewport({ width: 500, height: 1136 }, { width: 800, height: 600 }, 16)).toEqual({
      scale: 0.5,
      x: 275,
      y: 16,
    })
  })

  it('enlarges a small image to fill the space', () => {
    expect(fitViewport({ width: 100, height: 100 }, { width: 400, height: 400 }, 0).scale).toBe(4)
  })

  it('falls back to the identity before the container has been measured', () => {
    expect(fitViewport({ width: 100, height: 100 }, { width: 0, height: 0 })).toEqual({
      scale: 1,
      x: 0,
      y: 0,
    })
  })
})

describe('image <-> screen', () => {
  const view = { scale: 2, x: 10, y: 20 }

  it('maps an image point to the screen and back', () => {
    expect(imageToScreen(view, { x: 5, y: 7 })).toEqual({ x: 20, y: 34 })
    expect(screenToImage(view, { x: 20, y: 34 })).toEqual({ x: 5, y: 7 })
  })

  it('maps a box to screen pixels', () => {
    expect(boxToScreen(view, { x: 1, y: 2, width: 3, height: 4 })).toEqual({
      x: 12,
      y: 24,
      width: 6,
      height: 8,
    })
  })

  it('reports the part of the image that the container shows', () => {
    // screen (0,0) is image (-5,-10); 300x200 screen pixels are 150x100 image pixels at 2x
    expect(visibleImageRect(view, { width: 300, height: 200 })).toEqual({
      x: -5,
      y: -10,
      width: 150,
      height: 100,
    })
  })
})

describe('zoomAt', () => {
  it('keeps the image point under the cursor in place', () => {
    const view = { scale: 0.5, x: 40, y: 30 }
    const cursor = { x: 140, y: 80 }
    const before = screenToImage(view, cursor)
    const zoomed = zoomAt(view, cursor, 3)
    expect(zoomed.scale).toBe(1.5)
    const after = imageToScreen(zoomed, before)
    expect(after.x).toBeCloseTo(cursor.x)
    expect(after.y).toBeCloseTo(cursor.y)
  })

  it('stops at the zoom limits, still anchored at the cursor', () => {
    const view = { scale: 1, x: 0, y: 0 }
    const zoomed = zoomAt(view, { x: 100, y: 100 }, 1000, { min: 0.1, max: 8 })
    // image point (100,100) stays at screen (100,100): x = 100 - 100*8
    expect(zoomed).toEqual({ scale: 8, x: -700, y: -700 })
    expect(clampScale(0.001, { min: 0.1, max: 8 })).toBe(0.1)
  })

  it('zooms in for a wheel turned towards the user and out for one turned away', () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1)
    expect(wheelZoomFactor(100)).toBeLessThan(1)
    // opposite turns cancel so a zoom can be undone with the wheel
    expect(wheelZoomFactor(100) * wheelZoomFactor(-100)).toBeCloseTo(1)
  })
})

describe('panBy', () => {
  it('moves the image by screen pixels and keeps the scale', () => {
    expect(panBy({ scale: 3, x: 1, y: 2 }, 10, -5)).toEqual({ scale: 3, x: 11, y: -3 })
  })
})

describe('boxesIntersect', () => {
  it('tells overlapping, touching and separate boxes apart', () => {
    const a = { x: 0, y: 0, width: 10, height: 10 }
    expect(boxesIntersect(a, { x: 5, y: 5, width: 10, height: 10 })).toBe(true)
    expect(boxesIntersect(a, { x: 10, y: 0, width: 5, height: 5 })).toBe(true)
    expect(boxesIntersect(a, { x: 11, y: 0, width: 5, height: 5 })).toBe(false)
  })
})
