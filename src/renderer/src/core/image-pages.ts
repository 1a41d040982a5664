import type { ImageEntry } from '../../../shared/project'
import type { RowRange } from './filmstrip-window'
import { pagesCovering } from './filmstrip-window'

/** Rows per `project.images` call: small enough to answer at once, large enough to scroll a while. */
export const PAGE_SIZE = 100

/** Pages kept in memory: a few thousand entries, whatever the folder size. */
export const MAX_CACHED_PAGES = 40

/** Fetched pages of the image list by page number; replaced, never mutated, so readers see changes. */
export type PageCache = ReadonlyMap<number, readonly ImageEntry[]>

export const NO_PAGES: PageCache = new Map()

/** The cache with one page (re)placed, trimmed around the page in view. */
export function withPage(
  cache: PageCache,
  page: number,
  items: readonly ImageEntry[],
  nearPage: number,
): PageCache {
  return trimPages(new Map(cache).set(page, items), nearPage)
}

/** Only the given pages of the cache (the others went stale). */
export function keepPages(cache: PageCache, pages: readonly number[]): PageCache {
  return new Map([...cache].filter(([page]) => pages.includes(page)))
}

/** A page fetched while the folder was still listed may be short; it is stale once the list grew. */
export function isPageComplete(
  items: readonly ImageEntry[],
  page: number,
  total: number,
  pageSize = PAGE_SIZE,
): boolean {
  return items.length >= pageSize || page * pageSize + items.length >= total
}

/** Pages a range of rows needs that are neither cached (complete) nor already on their way. */
export function pagesToFetch(
  cache: PageCache,
  range: RowRange,
  total: number,
  inFlight: { has(page: number): boolean },
  pageSize = PAGE_SIZE,
): number[] {
  return pagesCovering(range, pageSize).filter((page) => {
    if (inFlight.has(page)) return false
    const items = cache.get(page)
    return !items || !isPageComplete(items, page, total, pageSize)
  })
}

export function entryAt(cache: PageCache, index: number, pageSize = PAGE_SIZE): ImageEntry | null {
  return cache.get(Math.floor(index / pageSize))?.[index % pageSize] ?? null
}

/** The row of a key among the cached pages, or null when no cached page holds it. */
export function indexOfKey(cache: PageCache, key: string, pageSize = PAGE_SIZE): number | null {
  for (const [page, items] of cache) {
    const at = items.findIndex((item) => item.key === key)
    if (at !== -1) return page * pageSize + at
  }
  return null
}

/** The cache with one entry's badge replaced; the same cache when no cached page holds the key. */
export function withEntry(cache: PageCache, entry: ImageEntry): PageCache {
  for (const [page, items] of cache) {
    const at = items.findIndex((item) => item.key === entry.key)
    if (at === -1) continue
    const next = new Map(cache)
    next.set(
      page,
      items.map((item, i) => (i === at ? entry : item)),
    )
    return next
  }
  return cache
}

/** Keeps the pages nearest to the one in view, so memory stays bounded on 100,000 images. */
export function trimPages(cache: PageCache, nearPage: number, max = MAX_CACHED_PAGES): PageCache {
  if (cache.size <= max) return cache
  const kept = [...cache.keys()]
    .sort((a, b) => Math.abs(a - nearPage) - Math.abs(b - nearPage))
    .slice(0, max)
  return new Map(kept.map((page) => [page, cache.get(page)!]))
}
