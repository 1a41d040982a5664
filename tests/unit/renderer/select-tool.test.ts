import { describe, expect, it } from 'vitest'
import type { Box } from '../../../src/shared/geometry'
import { SpatialGrid, handleAt, hitTest } from '../../../src/renderer/src/core/hit-test'
import { PAN_IDLE, panDown, panMove } from '../../../src/renderer/src/core/tools/pan'
import {
  SELECT_IDLE,
  selectCancel,
  selectDown,
  selectMove,
  selectUp,
  type SelectContext,
  type SelectState,
} from '../../../src/renderer/src/core/tools/select-box'

const image = { width: 400, height: 300 }
const boxes: Record<string, Box> = {
  big: { x: 0, y: 0, width: 200, height: 200 },
  small: { x: 100, y: 100, width: 40, height: 30 },
}
const items = Object.entries(boxes).map(([id, box]) => ({ id, box }))
const context = (selected: string[] = [], scale = 1): SelectContext => ({
  grid: new SpatialGrid(items, image),
  boxOf: (id) => boxes[id],
  selected,
  scale,
  image,
})

/** Runs a press, moves and a release through the machine; returns every command. */
function gesture(points: { x: number; y: number }[], ctx: SelectContext) {
  const commands = []
  let state: SelectState = SELECT_IDLE
  const [first, ...rest] = points
  let step = selectDown(state, first!, ctx)
  commands.push(step.command)
  state = step.state
  for (const point of rest) {
    step = selectMove(state, point, ctx)
    state = step.state
    commands.push(step.command)
  }
  step = selectUp(state, points.at(-1)!, ctx)
  commands.push(step.command)
  return { commands, state: step.state }
}

describe('select/move/resize tool', () => {
  it('selects the smallest box under a click and commits nothing for a plain click', () => {
    const { commands, state } = gesture([{ x: 110, y: 110 }], context())
    expect(commands).toEqual([{ type: 'select', ids: ['small'] }, null])
    expect(state).toEqual(SELECT_IDLE)
  })

  it('moves a box by whole pixels and commits once, on release', () => {
    const { commands } = gesture(
      [
        { x: 110, y: 110 },
        { x: 120.4, y: 115 },
        { x: 130.6, y: 121.2 },
      ],
      context(['small']),
    )
    expect(commands[0]).toBeNull()
    expect(commands[1]).toEqual({
      type: 'preview',
      id: 'small',
      box: { x: 110, y: 105, width: 40, height: 30 },
    })
    expect(commands.at(-1)).toEqual({
      type: 'commit',
      id: 'small',
      grab: 'move',
      box: { x: 121, y: 111, width: 40, height: 30 },
    })
  })

  it('resizes from the bottom-right handle dragged past the top-left corner into a normal box', () => {
    const { commands } = gesture(
      [
        { x: 140, y: 130 },
        { x: 120, y: 120 },
        { x: 80, y: 90 },
      ],
      context(['small']),
    )
    expect(commands.at(-1)).toEqual({
      type: 'commit',
      id: 'small',
      grab: 'se',
      box: { x: 80, y: 90, width: 20, height: 10 },
    })
  })

  it('ignores a jitter smaller than the drag threshold (in screen pixels)', () => {
    const ctx = context(['small'], 4)
    const down = selectDown(SELECT_IDLE, { x: 110, y: 110 }, ctx)
    // 0.5 image px at 4x zoom is 2 screen px: still a click.
    expect(selectMove(down.state, { x: 110.5, y: 110 }, ctx).command).toBeNull()
  })

  it('reports a miss on empty image so the view pans and the selection clears', () => {
    expect(selectDown(SELECT_IDLE, { x: 300, y: 250 }, context(['small'])).command).toEqual({
      type: 'miss',
    })
  })

  it('drops a drag in progress on cancel', () => {
    const ctx = context(['small'])
    const down = selectDown(SELECT_IDLE, { x: 110, y: 110 }, ctx)
    const moved = selectMove(down.state, { x: 150, y: 150 }, ctx)
    expect(selectCancel(moved.state)).toEqual({
      state: SELECT_IDLE,
      command: { type: 'end-preview' },
    })
  })
})

describe('hit-testing', () => {
  it('finds handles within a screen-sized reach, nearest first', () => {
    expect(handleAt({ x: 141, y: 131 }, boxes['small']!, 3)).toBe('se')
    expect(handleAt({ x: 120, y: 99 }, boxes['small']!, 3)).toBe('n')
    expect(handleAt({ x: 120, y: 115 }, boxes['small']!, 3)).toBeNull()
  })

  it('prefers a handle of the selected box over the box under it', () => {
    const grid = new SpatialGrid(items, image)
    expect(hitTest({ x: 100, y: 100 }, grid, [{ id: 'small', box: boxes['small']! }], 1)).toEqual({
      kind: 'handle',
      id: 'small',
      handle: 'nw',
    })
    expect(hitTest({ x: 50, y: 50 }, grid, [], 1)).toEqual({ kind: 'box', id: 'big' })
  })

  it('finds the same box through the grid as by looking at all 2,000', () => {
    const many = Array.from({ length: 2000 }, (_, i) => ({
      id: `b${i}`,
      box: { x: (i * 37) % 380, y: (i * 53) % 280, width: 10 + (i % 15), height: 8 + (i % 11) },
    }))
    const grid = new SpatialGrid(many, image)
    for (const point of [
      { x: 12, y: 40 },
      { x: 200, y: 150 },
      { x: 390, y: 290 },
    ]) {
      const expected =
        many
          .filter(
            ({ box }) =>
              point.x >= box.x &&
              point.x <= box.x + box.width &&
              point.y >= box.y &&
              point.y <= box.y + box.height,
          )
          .sort((a, b) => a.box.width * a.box.height - b.box.width * b.box.height)[0]?.id ?? null
      expect(grid.boxAt(point)).toBe(expected)
    }
  })
})

describe('pan tool', () => {
  it('follows the pointer in screen pixels', () => {
    const state = panDown({ x: 10, y: 10 })
    expect(panMove(state, { x: 15, y: 7 }).command).toEqual({ type: 'pan', dx: 5, dy: -3 })
    expect(panMove(PAN_IDLE, { x: 1, y: 1 }).command).toBeNull()
  })
})
