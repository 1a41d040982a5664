/** A span of list rows, `end` exclusive. */
export interface RowRange {
  start: number
  end: number
}

/** Rows drawn beyond the visible ones, so a quick scroll rarely shows an empty row. */
export const OVERSCAN_ROWS = 6

export interface Scroll {
  scrollTop: number
  viewportHeight: number
  rowHeight: number
}

/** The rows to put in the DOM for a scroll position: the visible ones and a few either side. */
export function visibleRows(scroll: Scroll, total: number, overscan = OVERSCAN_ROWS): RowRange {
  if (total <= 0 || scroll.rowHeight <= 0) return { start: 0, end: 0 }
  const first = Math.floor(Math.max(0, scroll.scrollTop) / scroll.rowHeight)
  const shown = Math.ceil(Math.max(0, scroll.viewportHeight) / scroll.rowHeight) + 1
  const start = Math.min(Math.max(0, first - overscan), Math.max(0, total - 1))
  const end = Math.min(total, first + shown + overscan)
  return { start, end: Math.max(start, end) }
}

/** The page numbers that hold a range of rows. */
export function pagesCovering(range: RowRange, pageSize: number): number[] {
  if (range.end <= range.start) return []
  const first = Math.floor(range.start / pageSize)
  const last = Math.floor((range.end - 1) / pageSize)
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}

/** The scrollTop that brings a row fully into view, or null when it is already. */
export function scrollToReveal(index: number, scroll: Scroll): number | null {
  const top = index * scroll.rowHeight
  const bottom = top + scroll.rowHeight
  if (top < scroll.scrollTop) return top
  if (bottom > scroll.scrollTop + scroll.viewportHeight)
    return Math.max(0, bottom - scroll.viewportHeight)
  return null
}
