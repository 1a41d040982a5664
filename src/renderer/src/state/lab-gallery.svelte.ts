import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { LabImageDetections } from '../../../shared/lab'
import { formatConfidence } from '../core/format'
import { galleryItems, type GalleryItem, type GalleryKind } from '../core/lab-gallery'
import { joinKey } from '../core/project-paths'
import type { LabCore, LabLinks } from './lab-links'

/** An image's display rendition and its full oriented size (the boxes' space). */
export interface Thumb {
  url: string
  width: number
  height: number
}

/** A candidate's box drawn over the truth on the canvas (dotted, tagged "lab"). */
export interface OverlayItem {
  id: string
  className: string
  confidence: number
  box: { x: number; y: number; width: number; height: number }
  color: string
  label: string
}

/** Pictures shown at first; "Show more" adds as many again. */
export const GALLERY_PAGE = 24
/** Images opened at once for thumbnails. */
const OPENING = 4

/**
 * The gallery of a candidate's misses and false positives, and the comparison on the canvas one
 * of them opens: the project's truth as drawn, with the candidate's boxes at its cut over it.
 */
export class LabGallery {
  /** Null follows the leader (best overall F1). */
  candidateId = $state<string | null>(null)
  kind = $state<GalleryKind>('misses')
  className = $state<string | null>(null)
  limit = $state(GALLERY_PAGE)
  /** By image key; null when the image could not be opened. */
  thumbs = $state.raw<Readonly<Record<string, Thumb | null>>>({})
  comparison = $state.raw<{ candidateId: string; item: GalleryItem } | null>(null)
  detections = $state.raw<LabImageDetections | null>(null)
  /** Why the candidate's boxes cannot be drawn, in words; empty when they can. */
  problem = $state('')

  readonly shownCandidate = $derived.by(() => {
    const ids = this.#lab.candidates.map((c) => c.id)
    if (this.candidateId !== null && ids.includes(this.candidateId)) return this.candidateId
    return this.#lab.leaderId ?? ids[0] ?? null
  })
  readonly items = $derived.by(() => {
    const report = this.#lab.scoreOf(this.shownCandidate)?.report ?? null
    return galleryItems(report, this.kind, this.className)
  })
  readonly shown = $derived(this.items.slice(0, this.limit))
  /** Where the shown comparison is in the gallery's list, for previous / next. */
  readonly position = $derived(
    this.comparison ? this.items.findIndex((i) => i.id === this.comparison?.item.id) : -1,
  )
  /** The candidate's boxes, on the image they belong to only. */
  readonly overlay: OverlayItem[] = $derived.by(() => {
    const found = this.detections
    if (!this.comparison || !found || this.#links.currentKey() !== found.key) return []
    return found.detections.map((d, i) => ({
      id: `lab:${i}`,
      className: d.className,
      confidence: d.confidence,
      box: d.box,
      color: this.#links.colorOf(d.className),
      label: `lab ${d.className} ${formatConfidence(d.confidence)}`,
    }))
  })

  readonly #api: PromptlabelApi
  readonly #lab: LabCore
  readonly #links: LabLinks
  /** Keys being opened now, so a second call does not open them again. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping nothing renders from
  #opening = new Set<string>()

  constructor(api: PromptlabelApi, lab: LabCore, links: LabLinks) {
    this.#api = api
    this.#lab = lab
    this.#links = links
  }

  select(candidateId: string): void {
    this.candidateId = candidateId
    this.limit = GALLERY_PAGE
    void this.loadThumbs()
  }

  setKind(kind: GalleryKind): void {
    this.kind = kind
    this.limit = GALLERY_PAGE
    void this.loadThumbs()
  }

  setClass(className: string | null): void {
    this.className = className
    this.limit = GALLERY_PAGE
    void this.loadThumbs()
  }

  more(): void {
    this.limit += GALLERY_PAGE
    void this.loadThumbs()
  }

  /** Opens the images of the pictures shown that are not open yet, a few at a time. */
  async loadThumbs(): Promise<void> {
    const project = this.#links.project()
    if (!project) return
    const keys = this.shown
      .map((item) => item.imageKey)
      .filter((key, i, all) => all.indexOf(key) === i)
      .filter((key) => !(key in this.thumbs) && !this.#opening.has(key))
    for (const key of keys) this.#opening.add(key)
    const next = async (): Promise<void> => {
      const key = keys.shift()
      if (key === undefined) return
      const opened = await this.#api.invoke('image.open', { path: joinKey(project.imagesDir, key) })
      this.#opening.delete(key)
      if (this.#links.project()?.id !== project.id) return
      const { url, width, height } = opened.ok ? opened.value : { url: '', width: 0, height: 0 }
      this.thumbs = { ...this.thumbs, [key]: opened.ok ? { url, width, height } : null }
      await next()
    }
    await Promise.all(Array.from({ length: OPENING }, next))
  }

  /**
   * Shows a picture's image on the canvas with the truth and the candidate's boxes at its cut; the
   * lab steps aside until the user goes back to it.
   */
  async compare(item: GalleryItem, candidateId = this.shownCandidate): Promise<void> {
    const projectId = this.#lab.projectId
    if (candidateId === null || projectId === null) return
    this.comparison = { candidateId, item }
    this.detections = null
    this.problem = ''
    this.#lab.close()
    const cut = this.#lab.cutOf(candidateId) ?? undefined
    const [, found] = await Promise.all([
      this.#links.goTo(item.imageKey),
      this.#api.invoke('lab.detections', { projectId, candidateId, key: item.imageKey, cut }),
    ])
    if (this.comparison?.item.id !== item.id) return
    this.detections = found.ok ? found.value : null
    if (!found.ok)
      this.problem = `The candidate's boxes could not be loaded: ${found.error.message}`
  }

  /** The previous or next picture of the gallery, on the canvas. */
  async step(by: 1 | -1): Promise<void> {
    const item = this.items[this.position + by]
    if (item && this.comparison) await this.compare(item, this.comparison.candidateId)
  }

  /** Ends the comparison and leaves the canvas as it was. */
  leave(): void {
    this.comparison = null
    this.detections = null
    this.problem = ''
  }

  /** Ends the comparison and opens the lab again. */
  async back(): Promise<void> {
    this.leave()
    await this.#lab.show()
  }

  reset(): void {
    this.leave()
    this.candidateId = null
    this.className = null
    this.limit = GALLERY_PAGE
    this.thumbs = {}
  }
}
