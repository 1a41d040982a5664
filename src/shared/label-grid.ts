/** An axis-aligned rectangle in the layout's pixel space (top-left origin). */
export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** True when two rectangles share some area; rectangles that only touch along an edge do not. */
export function rectsOverlap(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/**
 * Buckets placed rectangles by the cells of a uniform grid, so checking a new label against
 * the ones already placed looks at its few neighbours instead of all of them. Cells are kept in
 * a map, so a huge, mostly empty area (a photo zoomed in 40 times) costs nothing.
 */
export class RectGrid {
  readonly #cellWidth: number
  readonly #cellHeight: number
  readonly #rects: Rect[] = []
  /** Cell key (row * SPAN + column) to the indices of the rectangles that touch the cell. */
  readonly #cells = new Map<number, number[]>()
  /** Per rectangle, the last query that saw it, so a rectangle in several cells counts once. */
  readonly #seen: number[] = []
  #query = 0
  /** The cell range of the last rectangle passed to #span (fields, not an array: no garbage). */
  #c0 = 0
  #c1 = 0
  #r0 = 0
  #r1 = 0
  /** 2^21 columns covers any area at any zoom while keys stay exact integers. */
  static readonly #SPAN = 2 ** 21

  constructor(cellWidth: number, cellHeight: number) {
    this.#cellWidth = Math.max(1, cellWidth)
    this.#cellHeight = Math.max(1, cellHeight)
  }

  add(rect: Rect): void {
    const index = this.#rects.push(rect) - 1
    this.#seen.push(0)
    this.#span(rect)
    for (let r = this.#r0; r <= this.#r1; r++)
      for (let c = this.#c0; c <= this.#c1; c++) {
        const key = r * RectGrid.#SPAN + c
        const cell = this.#cells.get(key)
        if (cell) cell.push(index)
        else this.#cells.set(key, [index])
      }
  }

  /** Whether `rect` overlaps any rectangle added so far (stops at the first). */
  collides(rect: Rect): boolean {
    this.#span(rect)
    for (let r = this.#r0; r <= this.#r1; r++)
      for (let c = this.#c0; c <= this.#c1; c++) {
        const cell = this.#cells.get(r * RectGrid.#SPAN + c)
        if (!cell) continue
        for (const index of cell) if (rectsOverlap(rect, this.#rects[index]!)) return true
      }
    return false
  }

  /**
   * The rectangles added so far that overlap `rect`, each once, in `out` (emptied first and
   * returned: one array reused for every query, so checks make no garbage).
   */
  overlapping(rect: Rect, out: Rect[] = []): Rect[] {
    out.length = 0
    const query = ++this.#query
    this.#span(rect)
    for (let r = this.#r0; r <= this.#r1; r++)
      for (let c = this.#c0; c <= this.#c1; c++) {
        const cell = this.#cells.get(r * RectGrid.#SPAN + c)
        if (!cell) continue
        for (const index of cell) {
          if (this.#seen[index] === query) continue
          this.#seen[index] = query
          const other = this.#rects[index]!
          if (rectsOverlap(rect, other)) out.push(other)
        }
      }
    return out
  }

  #span(rect: Rect): void {
    this.#c0 = Math.floor(rect.x / this.#cellWidth)
    this.#c1 = Math.floor((rect.x + rect.width) / this.#cellWidth)
    this.#r0 = Math.floor(rect.y / this.#cellHeight)
    this.#r1 = Math.floor((rect.y + rect.height) / this.#cellHeight)
  }
}
