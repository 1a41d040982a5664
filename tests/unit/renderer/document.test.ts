import { describe, expect, it } from 'vitest'
import type { AnnotationBox } from '../../../src/shared/annotations'
import {
  moveEdge,
  resizeByHandle,
  translateBox,
} from '../../../src/renderer/src/core/document/box-ops'
import {
  addBox,
  copyBoxes,
  decide,
  deleteBoxes,
  nudgeBoxes,
  nudgeEdges,
  pasteBoxes,
  relabelBoxes,
  setBoxGeometry,
} from '../../../src/renderer/src/core/document/commands'

const image = { width: 400, height: 300 }
const suggestion = (id: string, extra: Partial<AnnotationBox> = {}): AnnotationBox => ({
  id,
  className: 'dog',
  box: { x: 10, y: 20, width: 50, height: 40 },
  confidence: 0.8,
  source: 'model',
  state: 'suggested',
  ...extra,
})

describe('box geometry', () => {
  const box = { x: 100, y: 100, width: 50, height: 40 }

  it('resizes from a handle while the opposite corner stays put', () => {
    expect(resizeByHandle(box, 'se', { x: 180, y: 160 }, image)).toEqual({
      x: 100,
      y: 100,
      width: 80,
      height: 60,
    })
    expect(resizeByHandle(box, 'n', { x: 999, y: 90 }, image)).toEqual({
      x: 100,
      y: 90,
      width: 50,
      height: 50,
    })
  })

  it('normalises a drag of the bottom-right handle past the top-left corner', () => {
    // The fixed corner is (100, 100); the handle lands at (70, 80): the box flips to the other side.
    expect(resizeByHandle(box, 'se', { x: 70, y: 80 }, image)).toEqual({
      x: 70,
      y: 80,
      width: 30,
      height: 20,
    })
  })

  it('keeps a resized box on the image', () => {
    expect(resizeByHandle(box, 'se', { x: 900, y: -50 }, image)).toEqual({
      x: 100,
      y: 0,
      width: 300,
      height: 100,
    })
  })

  it('moves a box whole and stops it at the image edge', () => {
    expect(translateBox(box, 10, -5, image)).toEqual({ x: 110, y: 95, width: 50, height: 40 })
    expect(translateBox(box, 1000, -1000, image)).toEqual({ x: 350, y: 0, width: 50, height: 40 })
  })

  it('moves one edge and never lets it pass the other', () => {
    expect(moveEdge(box, 'right', 10, image)).toEqual({ x: 100, y: 100, width: 60, height: 40 })
    expect(moveEdge(box, 'left', -10, image)).toEqual({ x: 90, y: 100, width: 60, height: 40 })
    expect(moveEdge(box, 'top', 100, image)).toEqual({ x: 100, y: 139, width: 50, height: 1 })
    expect(moveEdge(box, 'bottom', 1000, image).height).toBe(200)
  })
})

describe('document commands', () => {
  it('adds a drawn box as the person’s own, accepted, clipped to the image', () => {
    const boxes = addBox(
      [],
      { id: 'n', className: 'cat', box: { x: 380, y: 10, width: 50, height: 20 } },
      image,
    )
    expect(boxes).toEqual([
      {
        id: 'n',
        className: 'cat',
        box: { x: 380, y: 10, width: 20, height: 20 },
        confidence: null,
        source: 'user',
        state: 'accepted',
      },
    ])
  })

  it('turns an edited suggestion into an edited (kept) box, and keeps untouched boxes as they were', () => {
    const before = [suggestion('a'), suggestion('b')]
    const moved = setBoxGeometry(before, 'a', { x: 0, y: 0, width: 5, height: 5 }, image)
    expect(moved[0]).toMatchObject({ state: 'edited', box: { x: 0, y: 0, width: 5, height: 5 } })
    expect(moved[1]).toBe(before[1])
    expect(relabelBoxes(before, ['b'], 'cat')[1]).toMatchObject({
      className: 'cat',
      state: 'edited',
    })
    // A person's own box stays accepted when edited.
    const own = addBox(
      [],
      { id: 'u', className: 'dog', box: { x: 1, y: 1, width: 9, height: 9 } },
      image,
    )
    expect(nudgeBoxes(own, ['u'], 1, 0, image)[0]?.state).toBe('accepted')
  })

  it('nudges by pixels and resizes by edges from the keyboard, a no-op at the image edge', () => {
    const boxes = [suggestion('a', { box: { x: 0, y: 0, width: 10, height: 10 } })]
    expect(nudgeBoxes(boxes, ['a'], -1, 0, image)).toBe(boxes)
    expect(nudgeBoxes(boxes, ['a'], 10, 1, image)[0]?.box).toEqual({
      x: 10,
      y: 1,
      width: 10,
      height: 10,
    })
    expect(nudgeEdges(boxes, ['a'], 'left', -1, image)).toBe(boxes)
    expect(nudgeEdges(boxes, ['a'], 'bottom', 5, image)[0]?.box.height).toBe(15)
  })

  it('deletes, copies and pastes; a paste onto the same spot is offset so it shows', () => {
    const boxes = [suggestion('a'), suggestion('b')]
    expect(deleteBoxes(boxes, ['a']).map((b) => b.id)).toEqual(['b'])
    const copied = copyBoxes(boxes, ['a'])
    let n = 0
    const pasted = pasteBoxes(boxes, copied, () => `p${++n}`, 10, image)
    expect(pasted.ids).toEqual(['p1'])
    expect(pasted.boxes.at(-1)).toMatchObject({
      id: 'p1',
      source: 'user',
      state: 'accepted',
      confidence: null,
      box: { x: 20, y: 30, width: 50, height: 40 },
    })
  })

  it('takes review decisions on machine boxes only', () => {
    const own = addBox(
      [],
      { id: 'u', className: 'dog', box: { x: 1, y: 1, width: 9, height: 9 } },
      image,
    )
    const boxes = [suggestion('a'), ...own]
    const decided = decide(boxes, ['a', 'u'], 'rejected')
    expect(decided.map((b) => b.state)).toEqual(['rejected', 'accepted'])
    expect(decide(decided, ['a'], 'accepted')[0]?.state).toBe('accepted')
  })
})
