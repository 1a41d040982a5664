import { describe, expect, it } from 'vitest'
import {
  cancelDrag,
  IDLE,
  pointerDown,
  pointerMove,
  pointerUp,
  snapBox,
  spanBox,
  type DrawBoxOptions,
  type DrawBoxState,
} from '../../../src/renderer/src/core/tools/draw-box'

const options: DrawBoxOptions = { bounds: { width: 400, height: 300 } }

/** Runs a whole drag through the machine and returns the last command. */
function drag(from: { x: number; y: number }, to: { x: number; y: number }, opts = options) {
  let state: DrawBoxState = pointerDown(IDLE, from, opts).state
  state = pointerMove(state, { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }, opts).state
  return pointerUp(state, to, opts)
}

describe('draw-box tool', () => {
  it('commits a box from the press to the release, top-left origin, in image pixels', () => {
    const step = drag({ x: 10, y: 20 }, { x: 110, y: 70 })
    expect(step.command).toEqual({ type: 'commit', box: { x: 10, y: 20, width: 100, height: 50 } })
    expect(step.state).toEqual(IDLE)
  })

  it('accepts a drag from bottom-right to top-left as the same box', () => {
    const step = drag({ x: 110, y: 70 }, { x: 10, y: 20 })
    expect(step.command).toEqual({ type: 'commit', box: { x: 10, y: 20, width: 100, height: 50 } })
  })

  it('accepts drags towards the other two corners', () => {
    expect(drag({ x: 110, y: 20 }, { x: 10, y: 70 }).command).toMatchObject({
      box: { x: 10, y: 20, width: 100, height: 50 },
    })
    expect(drag({ x: 10, y: 70 }, { x: 110, y: 20 }).command).toMatchObject({
      box: { x: 10, y: 20, width: 100, height: 50 },
    })
  })

  it('previews the rubber band on every move without committing', () => {
    const down = pointerDown(IDLE, { x: 50, y: 50 }, options)
    expect(down.command).toBeNull()
    const move = pointerMove(down.state, { x: 20, y: 30 }, options)
    expect(move.command).toEqual({ type: 'preview', box: { x: 20, y: 30, width: 30, height: 20 } })
  })

  it('ignores a click and a slip of under 3 pixels on either side', () => {
    expect(drag({ x: 10, y: 10 }, { x: 10, y: 10 }).command).toEqual({ type: 'discard' })
    // 2 px wide, 80 px tall: a slip sideways while clicking is still not a box.
    expect(drag({ x: 10, y: 10 }, { x: 12, y: 90 }).command).toEqual({ type: 'discard' })
    // Exactly 3 px is the smallest box kept.
    expect(drag({ x: 10, y: 10 }, { x: 13, y: 13 }).command).toMatchObject({ type: 'commit' })
  })

  it('scales the slip threshold when zoomed out, where 3 screen pixels cover more image', () => {
    // At 1/4 zoom the caller asks for 12 image px; a 10 px box is a slip.
    const zoomedOut = { ...options, minSize: 12 }
    expect(drag({ x: 0, y: 0 }, { x: 10, y: 10 }, zoomedOut).command).toEqual({ type: 'discard' })
    expect(drag({ x: 0, y: 0 }, { x: 12, y: 12 }, zoomedOut).command).toMatchObject({
      type: 'commit',
    })
  })

  it('clips the box to the image when the drag runs off its edges', () => {
    const step = drag({ x: -40, y: 250 }, { x: 90, y: 900 })
    expect(step.command).toEqual({ type: 'commit', box: { x: 0, y: 250, width: 90, height: 50 } })
  })

  it('snaps the corners to whole pixels so the box covers what the user saw', () => {
    expect(drag({ x: 10.4, y: 20.6 }, { x: 50.5, y: 40.2 }).command).toEqual({
      type: 'commit',
      box: { x: 10, y: 21, width: 41, height: 19 },
    })
  })

  it('drops the rubber band on cancel (Esc) and keeps nothing', () => {
    const down = pointerDown(IDLE, { x: 5, y: 5 }, options)
    const moved = pointerMove(down.state, { x: 80, y: 80 }, options)
    const cancelled = cancelDrag(moved.state)
    expect(cancelled).toEqual({ state: IDLE, command: { type: 'discard' } })
    expect(pointerUp(cancelled.state, { x: 80, y: 80 }, options).command).toBeNull()
  })

  it('ignores moves and releases without a press, and a second press mid-drag', () => {
    expect(pointerMove(IDLE, { x: 1, y: 1 }, options).command).toBeNull()
    expect(pointerUp(IDLE, { x: 1, y: 1 }, options).command).toBeNull()
    expect(cancelDrag(IDLE).command).toBeNull()
    const down = pointerDown(IDLE, { x: 5, y: 5 }, options)
    expect(pointerDown(down.state, { x: 60, y: 60 }, options).state).toBe(down.state)
  })
})

describe('spanBox and snapBox', () => {
  it('normalises corners given in any order', () => {
    expect(spanBox({ x: 9, y: 8 }, { x: 1, y: 2 })).toEqual({ x: 1, y: 2, width: 8, height: 6 })
  })

  it('rounds edges, not sizes, so a box never drifts by half a pixel', () => {
    expect(snapBox({ x: 0.5, y: 0.4, width: 1, height: 1 })).toEqual({
      x: 1,
      y: 0,
      width: 1,
      height: 1,
    })
  })
})
