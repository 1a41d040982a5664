import { normaliseBox, type Box } from '../../../../shared/geometry'
import type { Point, Size } from '../viewport'

/** The eight resize handles, named by compass direction; `n` is the top edge. */
export type Handle = 'nw' | 'n' | 'ne' | 'e' | 'se' | 's' | 'sw' | 'w'

export const HANDLES: readonly Handle[] = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w']

/** One side of a box, for keyboard edge resizing. */
export type Edge = 'left' | 'right' | 'top' | 'bottom'

/** Boxes never shrink below this (image pixels), so a resize cannot make a box vanish. */
export const MIN_SIDE_PX = 1

/** Clips a box to the image; the part outside is dropped (a box drawn over the edge). */
export function clipToImage(box: Box, image: Size): Box {
  const x1 = clamp(box.x, 0, image.width)
  const y1 = clamp(box.y, 0, image.height)
  const x2 = clamp(box.x + box.width, 0, image.width)
  const y2 = clamp(box.y + box.height, 0, image.height)
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 }
}

/** Moves a box by (dx, dy) but keeps all of it on the image: a box pushed at the edge stops there. */
export function translateBox(box: Box, dx: number, dy: number, image: Size): Box {
  const x = clamp(box.x + dx, 0, Math.max(0, image.width - box.width))
  const y = clamp(box.y + dy, 0, Math.max(0, image.height - box.height))
  return { x, y, width: box.width, height: box.height }
}

/**
 * The box after dragging one handle to `point`: the opposite side stays put, a drag past it
 * flips the box (bottom-right dragged past top-left gives a normal box on the other side).
 */
export function resizeByHandle(box: Box, handle: Handle, point: Point, image: Size): Box {
  const p = { x: clamp(point.x, 0, image.width), y: clamp(point.y, 0, image.height) }
  let x1 = box.x
  let y1 = box.y
  let x2 = box.x + box.width
  let y2 = box.y + box.height
  if (handle.includes('w')) x1 = p.x
  if (handle.includes('e')) x2 = p.x
  if (handle.includes('n')) y1 = p.y
  if (handle.includes('s')) y2 = p.y
  return withMinimumSize(normaliseBox({ x: x1, y: y1, width: x2 - x1, height: y2 - y1 }), image)
}

/** Moves one edge by `delta` pixels (positive = right or down), keeping at least MIN_SIDE_PX. */
export function moveEdge(box: Box, edge: Edge, delta: number, image: Size): Box {
  let x1 = box.x
  let y1 = box.y
  let x2 = box.x + box.width
  let y2 = box.y + box.height
  if (edge === 'left') x1 = clamp(x1 + delta, 0, x2 - MIN_SIDE_PX)
  if (edge === 'right') x2 = clamp(x2 + delta, x1 + MIN_SIDE_PX, image.width)
  if (edge === 'top') y1 = clamp(y1 + delta, 0, y2 - MIN_SIDE_PX)
  if (edge === 'bottom') y2 = clamp(y2 + delta, y1 + MIN_SIDE_PX, image.height)
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 }
}

/** Where a handle sits on a box, in image pixels. */
export function handlePoint(box: Box, handle: Handle): Point {
  const x = handle.includes('w')
    ? box.x
    : handle.includes('e')
      ? box.x + box.width
      : box.x + box.width / 2
  const y = handle.includes('n')
    ? box.y
    : handle.includes('s')
      ? box.y + box.height
      : box.y + box.height / 2
  return { x, y }
}

export function sameBox(a: Box, b: Box): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height
}

/** Rounds to 1/100 px so floating-point noise from the stage transform never reaches the file. */
export function tidyBox(box: Box): Box {
  const r = (v: number): number => Math.round(v * 100) / 100
  return { x: r(box.x), y: r(box.y), width: r(box.width), height: r(box.height) }
}

function withMinimumSize(box: Box, image: Size): Box {
  const width = Math.max(box.width, MIN_SIDE_PX)
  const height = Math.max(box.height, MIN_SIDE_PX)
  return {
    x: Math.min(box.x, Math.max(0, image.width - width)),
    y: Math.min(box.y, Math.max(0, image.height - height)),
    width,
    height,
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}
