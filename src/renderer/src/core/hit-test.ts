import type { Box } from '../../../shared/geometry'
import { HANDLES, handlePoint, type Handle } from './document/box-ops'
import type { Point, Size } from './viewport'

export interface HitItem {
  id: string
  box: Box
}

/** What lies under the pointer: a handle of the selected box, a box, or nothing. */
export type HitTarget = { kind: 'handle'; id: string; handle: Handle } | { kind: 'box'; id: string }

/** Grab distance around handles and box edges, in screen pixels (divided by the zoom). */
export const HANDLE_GRAB_PX = 7
export const EDGE_GRAB_PX = 3

function contains(box: Box, point: Point, slack: number): boolean {
  return (
    point.x >= box.x - slack &&
    point.x <= box.x + box.width + slack &&
    point.y >= box.y - slack &&
    point.y <= box.y + box.height + slack
  )
}

/** The id of the smallest box containing `point` (image pixels), so nested boxes stay reachable. */
export function boxAt(point: Point, items: readonly HitItem[], slack = 0): string | null {
  let best: string | null = null
  let bestArea = Infinity
  for (const { id, box } of items) {
    const area = box.width * box.height
    if (area < bestArea && contains(box, point, slack)) {
      best = id
      bestArea = area
    }
  }
  return best
}

/** The handle of `box` within `reach` image pixels of `point`, nearest first. */
export function handleAt(point: Point, box: Box, reach: number): Handle | null {
  let best: Handle | null = null
  let bestDistance = Infinity
  for (const handle of HANDLES) {
    const at = handlePoint(box, handle)
    const distance = Math.max(Math.abs(at.x - point.x), Math.abs(at.y - point.y))
    if (distance <= reach && distance < bestDistance) {
      best = handle
      bestDistance = distance
    }
  }
  return best
}

/**
 * Buckets boxes by the cells of a coarse grid over the image, so a hover or a click looks at the
 * few boxes near the pointer instead of all of them (thousands on dense scenes).
 */
export class SpatialGrid {
  readonly #cell: number
  readonly #columns: number
  readonly #rows: number
  readonly #cells: HitItem[][]

  constructor(items: readonly HitItem[], image: Size, cellsPerSide = 48) {
    this.#cell = Math.max(8, Math.max(image.width, image.height) / cellsPerSide)
    this.#columns = Math.max(1, Math.ceil(image.width / this.#cell))
    this.#rows = Math.max(1, Math.ceil(image.height / this.#cell))
    this.#cells = Array.from({ length: this.#columns * this.#rows }, () => [])
    for (const item of items) {
      const [c0, r0] = this.#cellOf(item.box.x, item.box.y)
      const [c1, r1] = this.#cellOf(item.box.x + item.box.width, item.box.y + item.box.height)
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) this.#cells[r * this.#columns + c]?.push(item)
      }
    }
  }

  /** Boxes that may contain `point` give or take `slack` image pixels. */
  near(point: Point, slack = 0): HitItem[] {
    const [c0, r0] = this.#cellOf(point.x - slack, point.y - slack)
    const [c1, r1] = this.#cellOf(point.x + slack, point.y + slack)
    if (c0 === c1 && r0 === r1) return this.#cells[r0 * this.#columns + c0] ?? []
    const found = new Set<HitItem>()
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        for (const item of this.#cells[r * this.#columns + c] ?? []) found.add(item)
      }
    }
    return [...found]
  }

  boxAt(point: Point, slack = 0): string | null {
    return boxAt(point, this.near(point, slack), slack)
  }

  #cellOf(x: number, y: number): [number, number] {
    const column = Math.min(this.#columns - 1, Math.max(0, Math.floor(x / this.#cell)))
    const row = Math.min(this.#rows - 1, Math.max(0, Math.floor(y / this.#cell)))
    return [column, row]
  }
}

/**
 * What a press at `point` grabs: a handle of a selected box first (they sit on the edge and
 * would otherwise select the box under them), then the smallest box under the pointer.
 */
export function hitTest(
  point: Point,
  grid: SpatialGrid,
  selected: readonly HitItem[],
  scale: number,
): HitTarget | null {
  const reach = HANDLE_GRAB_PX / scale
  for (const item of selected) {
    const handle = handleAt(point, item.box, reach)
    if (handle) return { kind: 'handle', id: item.id, handle }
  }
  const id = grid.boxAt(point, EDGE_GRAB_PX / scale)
  return id === null ? null : { kind: 'box', id }
}
