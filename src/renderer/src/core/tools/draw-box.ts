import { normaliseBox, type Box } from '../../../../shared/geometry'
import type { Point, Size } from '../viewport'

/** Drags smaller than this on either side (image pixels) are slips of the hand, not boxes. */
export const MIN_BOX_PX = 3

export type DrawBoxState = { phase: 'idle' } | { phase: 'dragging'; start: Point; current: Point }

/** What the owner should do after a pointer event: redraw the rubber band, keep a box, or clear. */
export type DrawBoxCommand =
  { type: 'preview'; box: Box } | { type: 'commit'; box: Box } | { type: 'discard' }

export interface DrawBoxStep {
  state: DrawBoxState
  command: DrawBoxCommand | null
}

export interface DrawBoxOptions {
  /** The image's oriented size: boxes are clipped to it. */
  bounds: Size
  /** Smallest accepted side in image pixels; callers pass more when zoomed out. */
  minSize?: number
}

export const IDLE: DrawBoxState = { phase: 'idle' }

/** Starts a rubber band at the pressed point (image pixels), clipped onto the image. */
export function pointerDown(
  state: DrawBoxState,
  point: Point,
  options: DrawBoxOptions,
): DrawBoxStep {
  if (state.phase === 'dragging') return { state, command: null }
  const start = clampPoint(point, options.bounds)
  return { state: { phase: 'dragging', start, current: start }, command: null }
}

export function pointerMove(
  state: DrawBoxState,
  point: Point,
  options: DrawBoxOptions,
): DrawBoxStep {
  if (state.phase !== 'dragging') return { state, command: null }
  const next = { ...state, current: clampPoint(point, options.bounds) }
  return { state: next, command: { type: 'preview', box: spanBox(next.start, next.current) } }
}

/** Ends the drag: a box in whole image pixels, or a discard when it is too small to be meant. */
export function pointerUp(state: DrawBoxState, point: Point, options: DrawBoxOptions): DrawBoxStep {
  if (state.phase !== 'dragging') return { state, command: null }
  const box = snapBox(spanBox(state.start, clampPoint(point, options.bounds)))
  const min = Math.max(MIN_BOX_PX, options.minSize ?? 0)
  const command: DrawBoxCommand =
    box.width < min || box.height < min ? { type: 'discard' } : { type: 'commit', box }
  return { state: IDLE, command }
}

/** Esc or losing the pointer: drop the rubber band without keeping anything. */
export function cancelDrag(state: DrawBoxState): DrawBoxStep {
  if (state.phase !== 'dragging') return { state, command: null }
  return { state: IDLE, command: { type: 'discard' } }
}

/** The box between two corners in any order (a drag may go up and to the left). */
export function spanBox(a: Point, b: Point): Box {
  return normaliseBox({ x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y })
}

/** Rounds the corners (not the size) to pixel edges so the box covers what the user saw. */
export function snapBox(box: Box): Box {
  const x0 = Math.round(box.x)
  const y0 = Math.round(box.y)
  const x1 = Math.round(box.x + box.width)
  const y1 = Math.round(box.y + box.height)
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
}

function clampPoint(point: Point, bounds: Size): Point {
  return {
    x: Math.min(Math.max(point.x, 0), bounds.width),
    y: Math.min(Math.max(point.y, 0), bounds.height),
  }
}
