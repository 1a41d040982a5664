import { describe, expect, it } from 'vitest'
import {
  pagesCovering,
  scrollToReveal,
  visibleRows,
} from '../../../src/renderer/src/core/filmstrip-window'
import {
  entryAt,
  indexOfKey,
  isPageComplete,
  pagesToFetch,
  trimPages,
  withEntry,
  type PageCache,
} from '../../../src/renderer/src/core/image-pages'
import { imageEntries } from './fake-api'

const scroll = (scrollTop: number, viewportHeight = 300) => ({
  scrollTop,
  viewportHeight,
  rowHeight: 30,
})

describe('visibleRows', () => {
  it('renders the rows in view plus a few either side, whatever the list length', () => {
    // 300 px show 10 rows of 30 px, plus one partly shown; scrolled to row 50_000 of 100,000.
    const range = visibleRows(scroll(50_000 * 30), 100_000, 6)
    expect(range).toEqual({ start: 49_994, end: 50_017 })
    expect(range.end - range.start).toBeLessThan(30)
  })

  it('stays inside the list at both ends', () => {
    expect(visibleRows(scroll(0), 100_000, 6)).toEqual({ start: 0, end: 17 })
    expect(visibleRows(scroll(99_999 * 30), 100_000, 6)).toEqual({ start: 99_993, end: 100_000 })
    expect(visibleRows(scroll(0), 3, 6)).toEqual({ start: 0, end: 3 })
  })

  it('is empty for an empty list or before the list is measured', () => {
    expect(visibleRows(scroll(0), 0)).toEqual({ start: 0, end: 0 })
    expect(visibleRows({ scrollTop: 0, viewportHeight: 0, rowHeight: 0 }, 10)).toEqual({
      start: 0,
      end: 0,
    })
  })

  it('clamps a scroll position left over from a longer list', () => {
    const range = visibleRows(scroll(5_000 * 30), 20, 6)
    expect(range.start).toBeLessThanOrEqual(19)
    expect(range.end).toBe(20)
  })
})

describe('pagesCovering', () => {
  it('names every page a row range touches', () => {
    expect(pagesCovering({ start: 95, end: 205 }, 100)).toEqual([0, 1, 2])
    expect(pagesCovering({ start: 100, end: 200 }, 100)).toEqual([1])
    expect(pagesCovering({ start: 5, end: 5 }, 100)).toEqual([])
  })
})

describe('scrollToReveal', () => {
  it('scrolls up to a row above the view and down to one below it, just enough', () => {
    expect(scrollToReveal(2, scroll(300))).toBe(60)
    // Row 20 ends at 630 px; a 300 px view must start at 330 px to show it whole.
    expect(scrollToReveal(20, scroll(0))).toBe(330)
  })

  it('leaves the scroll alone when the row is already in view', () => {
    expect(scrollToReveal(12, scroll(300))).toBeNull()
  })
})

describe('the page cache', () => {
  const cache: PageCache = new Map([
    [0, imageEntries(100)],
    [3, imageEntries(20, 'late')],
  ])

  it('finds entries by row and rows by key among cached pages only', () => {
    expect(entryAt(cache, 99, 100)?.key).toBe('img100.png')
    expect(entryAt(cache, 301, 100)?.key).toBe('late2.png')
    expect(entryAt(cache, 150, 100)).toBeNull()
    expect(indexOfKey(cache, 'late20.png', 100)).toBe(319)
    expect(indexOfKey(cache, 'missing.png', 100)).toBeNull()
  })

  it('treats a short page as stale once the list has grown past it (fetched mid-scan)', () => {
    expect(isPageComplete(imageEntries(20), 3, 320, 100)).toBe(true)
    expect(isPageComplete(imageEntries(20), 3, 5_000, 100)).toBe(false)
    expect(isPageComplete(imageEntries(100), 0, 5_000, 100)).toBe(true)
  })

  it('fetches only missing or stale pages that are not already on their way', () => {
    const range = { start: 0, end: 450 }
    expect(pagesToFetch(cache, range, 5_000, new Set([2]), 100)).toEqual([1, 3, 4])
    expect(pagesToFetch(cache, range, 320, new Set(), 100)).toEqual([1, 2, 4])
  })

  it('replaces a badge in place and leaves uncached keys alone', () => {
    const entry = { key: 'img7.png', status: 'suggested' as const, pending: 3, kept: 0 }
    const next = withEntry(cache, entry)
    expect(entryAt(next, 6, 100)).toEqual(entry)
    expect(entryAt(cache, 6, 100)?.status).toBe('not-run')
    expect(withEntry(cache, { ...entry, key: 'elsewhere.png' })).toBe(cache)
  })

  it('keeps the pages nearest the view when the cache is full', () => {
    const many: PageCache = new Map(Array.from({ length: 10 }, (_, p) => [p, []]))
    expect([...trimPages(many, 8, 3).keys()].sort()).toEqual([7, 8, 9])
    expect(trimPages(many, 0, 20)).toBe(many)
  })
})
