import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { EventMap } from '../../../shared/contract'
import type { ImageEntry, ImageOrder, ImageStatus, StatusFilter } from '../../../shared/project'
import { pagesCovering, type RowRange } from '../core/filmstrip-window'
import {
  entryAt,
  indexOfKey,
  keepPages,
  NO_PAGES,
  PAGE_SIZE,
  pagesToFetch,
  withEntry,
  withPage,
  type PageCache,
} from '../core/image-pages'
import { STATUS_ORDER } from '../core/run-summary'
import type { ErrorState } from './error-state.svelte'

/** Rows fetched per call when looking a key up page by page (the contract's largest page). */
const LOOKUP_PAGE = 1000

/**
 * A window of an open project's image list: pages are fetched as the filmstrip shows them, so
 * 100,000 images never cross the seam at once, and badges follow main's events live.
 */
export class ImageListState {
  projectId = $state<string | null>(null)
  filter = $state<StatusFilter>('all')
  /** The user's choice of order; kept when another project opens. */
  order = $state<ImageOrder>('folder')
  /** Images in the list as filtered (grows while the folder is listed). */
  total = $state(0)
  scanning = $state(false)
  pages = $state.raw<PageCache>(NO_PAGES)

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  /** Page fetches on their way, so a second asker waits for the same answer. */
  #inFlight: Record<number, Promise<void>> = {}
  /** Bumped when the list is replaced, so answers for an older list are dropped. */
  #generation = 0
  #visible: RowRange = { start: 0, end: PAGE_SIZE }
  #refreshTimer: ReturnType<typeof setTimeout> | null = null

  constructor(api: PromptlabelApi, errors: ErrorState) {
    this.#api = api
    this.#errors = errors
  }

  /** Follows the folder listing and badge changes; returns the unsubscribe. */
  listen(): () => void {
    const stops = [
      this.#api.subscribe('project.scan', (event) => this.#onScan(event)),
      this.#api.subscribe('project.imageStatus', (event) => this.#onStatus(event)),
    ]
    return () => {
      for (const stop of stops) stop()
      if (this.#refreshTimer) clearTimeout(this.#refreshTimer)
      this.#refreshTimer = null
    }
  }

  /** Starts over on a newly opened project and fetches its first rows. */
  async reset(projectId: string, total: number, scanning: boolean): Promise<void> {
    this.projectId = projectId
    this.filter = 'all'
    this.scanning = scanning
    this.#clear(total)
    await this.#fill()
  }

  async setFilter(filter: StatusFilter): Promise<void> {
    if (filter === this.filter) return
    this.filter = filter
    this.#clear(0)
    await this.#fill()
  }

  async setOrder(order: ImageOrder): Promise<void> {
    if (order === this.order) return
    this.order = order
    this.#clear(this.filter === 'all' ? this.total : 0)
    await this.#fill()
  }

  /** Whether badges can move images between rows (a filter or a sorted order). */
  get #moving(): boolean {
    return this.filter !== 'all' || this.order !== 'folder'
  }

  /** The filmstrip reports the rows it shows; missing pages are fetched. */
  show(range: RowRange): void {
    this.#visible = range
    void this.#fill()
  }

  entryAt(index: number): ImageEntry | null {
    return entryAt(this.pages, index)
  }

  /** The key at a row, fetching its page when needed. */
  async keyAt(index: number): Promise<string | null> {
    if (index < 0) return null
    if (!this.entryAt(index)) await this.#fetch(Math.floor(index / PAGE_SIZE))
    return this.entryAt(index)?.key ?? null
  }

  /** The row of a key in the list as filtered: from the cache, else page by page from main. */
  async indexOf(key: string): Promise<number | null> {
    const cached = indexOfKey(this.pages, key)
    const projectId = this.projectId
    if (cached !== null || projectId === null) return cached
    const { filter, order } = this
    for (let offset = 0; offset < this.total; offset += LOOKUP_PAGE) {
      const page = await this.#api.invoke('project.images', {
        projectId,
        offset,
        limit: LOOKUP_PAGE,
        filter,
        order,
      })
      const same = this.projectId === projectId && this.filter === filter && this.order === order
      if (!page.ok || !same) return null
      const at = page.value.items.findIndex((item) => item.key === key)
      if (at !== -1) return offset + at
      if (page.value.items.length < LOOKUP_PAGE) return null
    }
    return null
  }

  /** Images per badge over the whole project (one tiny call per badge). */
  async countByStatus(): Promise<Record<ImageStatus, number> | null> {
    const projectId = this.projectId
    if (projectId === null) return null
    const pages = await Promise.all(
      STATUS_ORDER.map((filter) =>
        this.#api.invoke('project.images', { projectId, offset: 0, limit: 1, filter }),
      ),
    )
    const counts: Record<ImageStatus, number> = {
      'not-run': 0,
      suggested: 0,
      empty: 0,
      reviewed: 0,
      failed: 0,
    }
    for (const [i, page] of pages.entries()) {
      if (!page.ok) return null
      counts[STATUS_ORDER[i]!] = page.value.total
    }
    return counts
  }

  #clear(total: number): void {
    this.#generation++
    this.#inFlight = {}
    this.pages = NO_PAGES
    this.total = total
  }

  async #fill(): Promise<void> {
    // Under a filter the length is unknown until the first answer: ask for the visible rows.
    const known = Math.max(this.total, this.pages.size === 0 ? this.#visible.end : 0)
    const range = { start: this.#visible.start, end: Math.min(this.#visible.end, known) }
    const inFlight = { has: (page: number) => page in this.#inFlight }
    const missing = pagesToFetch(this.pages, range, this.total, inFlight)
    await Promise.all(missing.map((page) => this.#fetch(page)))
  }

  #fetch(page: number): Promise<void> {
    const pending = this.#inFlight[page]
    if (pending) return pending
    const generation = this.#generation
    const fetching = this.#load(page, generation).finally(() => {
      if (generation === this.#generation) delete this.#inFlight[page]
    })
    this.#inFlight[page] = fetching
    return fetching
  }

  async #load(page: number, generation: number): Promise<void> {
    const projectId = this.projectId
    if (projectId === null) return
    const result = await this.#api.invoke('project.images', {
      projectId,
      offset: page * PAGE_SIZE,
      limit: PAGE_SIZE,
      filter: this.filter,
      order: this.order,
    })
    if (generation !== this.#generation) return
    if (!result.ok) {
      this.#errors.show(result.error)
      return
    }
    this.pages = withPage(
      this.pages,
      page,
      result.value.items,
      Math.floor(this.#visible.start / PAGE_SIZE),
    )
    this.total = result.value.total
    this.scanning = result.value.scanning
  }

  #onScan(event: EventMap['project.scan']): void {
    if (event.projectId !== this.projectId) return
    this.scanning = !event.done
    if (this.filter !== 'all') return this.#scheduleRefresh()
    if (this.order !== 'folder') this.#scheduleRefresh()
    this.total = event.found
    void this.#fill()
  }

  #onStatus(event: EventMap['project.imageStatus']): void {
    if (event.projectId !== this.projectId) return
    const { projectId: _, ...entry } = event
    this.pages = withEntry(this.pages, entry)
    if (this.#moving) this.#scheduleRefresh()
  }

  /** Under a filter or a sorted order, badges move images: fetch the rows shown again, 3×/s at most. */
  #scheduleRefresh(): void {
    if (this.#refreshTimer) return
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = null
      this.#generation++
      this.#inFlight = {}
      const shown = pagesCovering(this.#visible, PAGE_SIZE)
      this.pages = keepPages(this.pages, shown)
      void Promise.all(shown.map((page) => this.#fetch(page)))
    }, 300)
  }
}
