import type { Box } from './geometry'
import { RectGrid, type Rect } from './label-grid'

export type { Rect } from './label-grid'

/** One box that wants a label, in the caller's pixel space (screen or image pixels). */
export interface LabelRequest {
  id: string
  box: Box
  text: string
  /** Higher is placed first and so gets the better spot; equal priorities keep input order. */
  priority?: number
}

export interface LabelLayoutOptions {
  /** The area labels must stay inside (the image, in the same space as the boxes). */
  area: { width: number; height: number }
  /** Advance width of a text in the layout's space, measured with the caller's own font. */
  measure: (text: string) => number
  /** Height of a label tag. */
  height: number
  /** Space left and right of the text inside a tag. */
  padX: number
}

/** Where a label sits relative to its box. */
export type LabelSpot = 'above' | 'inside-top' | 'below' | 'inside-bottom' | 'above-right'

export interface LaidOutLabel {
  id: string
  /** The text shown: the full text, or a prefix ending in an ellipsis. */
  text: string
  /** The full text, kept for a hover or a title even when shortened or hidden. */
  full: string
  truncated: boolean
  /** True when no spot had room even for a shortened label; `rect` is then null. */
  hidden: boolean
  rect: Rect | null
  spot: LabelSpot | null
}

export const ELLIPSIS = '…'

/** Spots tried in order: above the top-left outside, inside the top-left, below, inside the bottom, then above right-aligned. */
const SPOTS: readonly LabelSpot[] = ['above', 'inside-top', 'below', 'inside-bottom', 'above-right']

/**
 * The tag of `width` at `spot`, shifted sideways to stay inside `area`; null when the spot itself
 * is off the area (above a box at the top edge, below one at the bottom edge): an inside spot,
 * tried next, is then where the label belongs.
 */
function spotRect(
  box: Box,
  spot: LabelSpot,
  width: number,
  options: LabelLayoutOptions,
): Rect | null {
  const { area, height } = options
  const x = spot === 'above-right' ? box.x + box.width - width : box.x
  const y =
    spot === 'above' || spot === 'above-right'
      ? box.y - height
      : spot === 'inside-top'
        ? box.y
        : spot === 'below'
          ? box.y + box.height
          : box.y + box.height - height
  if (y < 0 && spot !== 'inside-top' && spot !== 'inside-bottom') return null
  if (y + height > area.height && spot === 'below') return null
  return {
    x: Math.max(0, Math.min(x, area.width - width)),
    y: Math.max(0, Math.min(y, area.height - height)),
    width,
    height,
  }
}

/** The whole tag of `text` at `spot` (as wide as the area at most); null when the spot is off it. */
export function labelRectAt(
  box: Box,
  spot: LabelSpot,
  text: string,
  options: LabelLayoutOptions,
): Rect | null {
  const width = Math.min(options.measure(text) + 2 * options.padX, options.area.width)
  return spotRect(box, spot, width, options)
}

/** Where a whole label goes when no other label is considered: above the box, else inside it. */
export function defaultLabelRect(box: Box, text: string, options: LabelLayoutOptions): Rect {
  return labelRectAt(box, 'above', text, options) ?? labelRectAt(box, 'inside-top', text, options)!
}

/** The longest prefix of `text` that, with an ellipsis, measures at most `room`; null if none. */
export function shortenToFit(
  text: string,
  room: number,
  measure: (text: string) => number,
): string | null {
  // Whole characters only: code points when the text has surrogate pairs (emoji), else UTF-16.
  const chars = /[\uD800-\uDFFF]/.test(text) ? Array.from(text) : null
  const length = chars ? chars.length : text.length
  const prefix = (n: number) => (chars ? chars.slice(0, n).join('') : text.slice(0, n)).trimEnd()
  const fits = (n: number) => measure(prefix(n) + ELLIPSIS) <= room
  if (!fits(1)) return null
  let lo = 1
  let hi = length - 1
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (fits(mid)) lo = mid
    else hi = mid - 1
  }
  return prefix(lo) + ELLIPSIS
}

/**
 * The widest free run within `span` left by the tags `taken` on its row, starting before
 * `lastStart` (over the box): a tag whose start is covered by a neighbour's begins where that
 * one ends. `taken` is sorted in place.
 */
function freeRun(span: Rect, taken: Rect[], lastStart: number): { x: number; room: number } {
  taken.sort((a, b) => a.x - b.x)
  let x = span.x
  let best = { x, room: 0 }
  for (const other of taken) {
    if (other.x - x > best.room) best = { x, room: other.x - x }
    x = Math.max(x, other.x + other.width)
    if (x >= lastStart) return best
  }
  const end = span.x + span.width
  return end - x > best.room ? { x, room: end - x } : best
}

/**
 * Lays out one tag per box so that no two tags overlap and none leaves the area. Boxes are taken
 * by priority; each takes the first free spot for its full text, else the spot with the most room
 * for a shortened text ("cyan squ…"), else is hidden. Placed tags are kept in a grid, so each check
 * looks only at nearby tags: thousands of boxes lay out in a few milliseconds. Pure and
 * deterministic: the same input gives the same layout. Results follow the input's order.
 */
export function layoutLabels(
  requests: readonly LabelRequest[],
  options: LabelLayoutOptions,
): LaidOutLabel[] {
  const grid = new RectGrid(options.height * 6, options.height * 2)
  const order = requests.map((_, i) => i)
  order.sort((a, b) => (requests[b]!.priority ?? 0) - (requests[a]!.priority ?? 0))
  const results = new Array<LaidOutLabel>(requests.length)
  const scratch: Rect[] = []
  for (const index of order) results[index] = place(requests[index]!, options, grid, scratch)
  return results
}

/** One label: whole at the first free spot, else shortened where the widest free run is, else hidden. */
function place(
  request: LabelRequest,
  options: LabelLayoutOptions,
  grid: RectGrid,
  scratch: Rect[],
): LaidOutLabel {
  const { id, box, text } = request
  const { area, height, padX, measure } = options
  const result = (shown: string, rect: Rect | null, spot: LabelSpot | null): LaidOutLabel => ({
    id,
    text: shown,
    full: text,
    truncated: shown !== text,
    hidden: rect === null,
    rect,
    spot,
  })
  if (area.width <= 0 || height > area.height) return result(text, null, null)
  const width = measure(text) + 2 * padX
  const whole = Math.min(width, area.width)
  if (width <= area.width)
    for (const spot of SPOTS) {
      const rect = spotRect(box, spot, whole, options)
      if (rect && !grid.collides(rect)) {
        grid.add(rect)
        return result(text, rect, spot)
      }
    }
  let best: { spot: LabelSpot; rect: Rect; room: number } | null = null
  for (const spot of SPOTS) {
    // A shorter tag frees room on its right, which helps only a left-anchored one.
    const span = spot === 'above-right' ? null : spotRect(box, spot, whole, options)
    if (!span) continue
    const taken = grid.overlapping(span, scratch)
    const run = freeRun(span, taken, Math.max(span.x, box.x + box.width))
    if (!best || run.room > best.room) best = { spot, rect: { ...span, x: run.x }, room: run.room }
  }
  const short = best && shortenToFit(text, best.room - 2 * padX, measure)
  if (!best || short === null) return result(text, null, null)
  const rect = { ...best.rect, width: measure(short) + 2 * padX }
  grid.add(rect)
  return result(short, rect, best.spot)
}
