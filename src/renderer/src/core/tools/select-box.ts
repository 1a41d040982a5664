import type { Box } from '../../../../shared/geometry'
import { resizeByHandle, sameBox, translateBox, type Handle } from '../document/box-ops'
import { hitTest, type HitItem, type SpatialGrid } from '../hit-test'
import type { Point, Size } from '../viewport'

/** A press that moves less than this (screen pixels) is a click, not a drag. */
export const DRAG_START_PX = 3

/** A press on a box: `move` drags it whole, a handle drags that corner or edge. */
export type Grab = 'move' | Handle

export type SelectState =
  | { phase: 'idle' }
  | { phase: 'pressed' | 'dragging'; id: string; grab: Grab; start: Point; origin: Box; box: Box }

/** What the owner carries out: change the selection, redraw the dragged box, keep it, or pan. */
export type SelectCommand =
  | { type: 'select'; ids: string[] }
  | { type: 'preview'; id: string; box: Box }
  | { type: 'commit'; id: string; box: Box; grab: Grab }
  | { type: 'end-preview' }
  /** Nothing was grabbed: the press belongs to the view (pan), and the selection is cleared. */
  | { type: 'miss' }

export interface SelectStep {
  state: SelectState
  command: SelectCommand | null
}

export interface SelectContext {
  grid: SpatialGrid
  /** The boxes shown, by id. */
  boxOf(id: string): Box | undefined
  selected: readonly string[]
  /** Screen pixels per image pixel. */
  scale: number
  image: Size
}

export const SELECT_IDLE: SelectState = { phase: 'idle' }

export function selectDown(state: SelectState, point: Point, ctx: SelectContext): SelectStep {
  if (state.phase !== 'idle') return { state, command: null }
  const selected: HitItem[] = []
  for (const id of ctx.selected) {
    const box = ctx.boxOf(id)
    if (box) selected.push({ id, box })
  }
  const hit = hitTest(point, ctx.grid, selected, ctx.scale)
  const origin = hit && ctx.boxOf(hit.id)
  if (!hit || !origin) return { state: SELECT_IDLE, command: { type: 'miss' } }
  const grab: Grab = hit.kind === 'handle' ? hit.handle : 'move'
  const next: SelectState = {
    phase: 'pressed',
    id: hit.id,
    grab,
    start: point,
    origin,
    box: origin,
  }
  const already = ctx.selected.length === 1 && ctx.selected[0] === hit.id
  return { state: next, command: already ? null : { type: 'select', ids: [hit.id] } }
}

export function selectMove(state: SelectState, point: Point, ctx: SelectContext): SelectStep {
  if (state.phase === 'idle') return { state, command: null }
  const dx = point.x - state.start.x
  const dy = point.y - state.start.y
  if (state.phase === 'pressed' && Math.hypot(dx, dy) * ctx.scale < DRAG_START_PX) {
    return { state, command: null }
  }
  const box = dragged(state, point, ctx.image)
  return {
    state: { ...state, phase: 'dragging', box },
    command: { type: 'preview', id: state.id, box },
  }
}

/** Ends the gesture: the one change to keep (one undo step), or nothing for a plain click. */
export function selectUp(state: SelectState, point: Point, ctx: SelectContext): SelectStep {
  if (state.phase !== 'dragging') return { state: SELECT_IDLE, command: null }
  const box = dragged(state, point, ctx.image)
  if (sameBox(box, state.origin)) return { state: SELECT_IDLE, command: { type: 'end-preview' } }
  return { state: SELECT_IDLE, command: { type: 'commit', id: state.id, box, grab: state.grab } }
}

export function selectCancel(state: SelectState): SelectStep {
  if (state.phase !== 'dragging') return { state: SELECT_IDLE, command: null }
  return { state: SELECT_IDLE, command: { type: 'end-preview' } }
}

/** Whole-pixel moves and handle positions, so dragged boxes land on pixel edges. */
function dragged(state: Exclude<SelectState, { phase: 'idle' }>, point: Point, image: Size): Box {
  if (state.grab === 'move') {
    const dx = Math.round(point.x - state.start.x)
    const dy = Math.round(point.y - state.start.y)
    return translateBox(state.origin, dx, dy, image)
  }
  const snapped = { x: Math.round(point.x), y: Math.round(point.y) }
  return resizeByHandle(state.origin, state.grab, snapped, image)
}
