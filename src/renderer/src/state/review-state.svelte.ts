import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { ImageOrder } from '../../../shared/project'
import { decide, type Decision } from '../core/document/commands'
import {
  acceptAbove,
  countAbove,
  drawnBoxes,
  listedBoxes,
  nextPendingId,
  reviewCounts,
  type Thresholds,
} from '../core/document/review'
import { confidenceHistogram, scoreDomain, scoredClasses } from '../core/histogram'
import type { AnnotationState } from './annotation-state.svelte'
import type { ErrorState } from './error-state.svelte'

/** The folder-wide accept waiting for the user's yes: how many images it would touch. */
export interface FolderConfirmation {
  threshold: number
  perClass: Record<string, number>
  images: number
}

/** Moves the canvas to another image of the project (the navigation owns how). */
export type GoToImage = (key: string) => Promise<unknown>

/**
 * Reviewing machine boxes: the live confidence cut (global and per class) that hides suggestions
 * without re-running, accept/reject with a move to the next one, and bulk accepts here or folder-wide.
 */
export class ReviewState {
  threshold = $state(0)
  perClass = $state.raw<Readonly<Record<string, number>>>({})
  confirmation = $state.raw<FolderConfirmation | null>(null)
  /** The outcome of the last bulk action or search, in words. */
  note = $state('')
  busy = $state(false)

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #annotations: AnnotationState
  readonly #classOrder: () => readonly string[]
  readonly #goTo: GoToImage
  /** The filmstrip's order, so "next to review" is the next one the user sees. */
  readonly #imageOrder: () => ImageOrder

  readonly thresholds: Thresholds = $derived({ global: this.threshold, perClass: this.perClass })
  readonly listed = $derived.by(() => listedBoxes(this.#annotations.boxes, this.thresholds))
  readonly drawn = $derived.by(() => drawnBoxes(this.#annotations.boxes, this.thresholds))
  readonly counts = $derived.by(() => reviewCounts(this.#annotations.boxes, this.thresholds))
  readonly aboveCount = $derived.by(() => countAbove(this.#annotations.boxes, this.thresholds))
  /** The slider's span: zoomed onto the top when every score on the image is high. */
  readonly domain = $derived.by(() =>
    scoreDomain(
      this.#annotations.boxes.flatMap((b) => (b.confidence === null ? [] : [b.confidence])),
    ),
  )
  readonly histograms = $derived.by(() => {
    const boxes = this.#annotations.boxes
    return scoredClasses(boxes, this.#classOrder()).map((name) =>
      confidenceHistogram(boxes, name, 20, this.domain),
    )
  })

  constructor(
    api: PromptlabelApi,
    errors: ErrorState,
    annotations: AnnotationState,
    classOrder: () => readonly string[],
    goTo: GoToImage,
    imageOrder: () => ImageOrder = () => 'folder',
  ) {
    this.#imageOrder = imageOrder
    this.#api = api
    this.#errors = errors
    this.#annotations = annotations
    this.#classOrder = classOrder
    this.#goTo = goTo
  }

  /** A class's own cut, or null to follow the global one. */
  setClassThreshold(className: string, value: number | null): void {
    const { [className]: _, ...others } = this.perClass
    this.perClass = value === null ? others : { ...others, [className]: value }
  }

  accept(id = this.#annotations.selection[0]): void {
    this.#decide(id, 'accepted', 'Accept')
  }

  reject(id = this.#annotations.selection[0]): void {
    this.#decide(id, 'rejected', 'Reject')
  }

  /** Puts a decided machine box back in the queue. */
  reopen(id: string): void {
    const a = this.#annotations
    a.commit('Back to review', decide(a.boxes, [id], 'suggested'))
  }

  /** Focuses the first suggestion waiting (Enter with nothing selected). */
  focusNext(): boolean {
    const next = nextPendingId(
      this.#annotations.boxes,
      this.#annotations.selection[0] ?? null,
      this.thresholds,
    )
    if (next !== null) this.#annotations.select([next])
    return next !== null
  }

  /** "Accept all above t" on this image: one undo step. */
  acceptAboveHere(): void {
    const a = this.#annotations
    const count = this.aboveCount
    a.commit(`Accept ${count} above ${this.threshold}`, acceptAbove(a.boxes, this.thresholds))
    this.note =
      count === 0 ? 'Nothing to accept above the cut.' : `Accepted ${count} on this image.`
  }

  /** Counts the images with suggestions waiting, to ask before touching the whole folder. */
  async askFolder(): Promise<void> {
    const projectId = this.#annotations.target?.projectId
    if (!projectId) return
    const page = await this.#api.invoke('project.images', {
      projectId,
      offset: 0,
      limit: 1,
      filter: 'suggested',
    })
    const total = this.#errors.unwrap(page)?.total
    if (total === undefined) return
    this.confirmation = { threshold: this.threshold, perClass: { ...this.perClass }, images: total }
  }

  async confirmFolder(): Promise<void> {
    const ask = this.confirmation
    const projectId = this.#annotations.target?.projectId
    this.confirmation = null
    if (!ask || !projectId) return
    this.busy = true
    try {
      await this.#annotations.flush()
      const done = this.#errors.unwrap(
        await this.#api.invoke('review.acceptAbove', {
          projectId,
          threshold: ask.threshold,
          perClass: ask.perClass,
        }),
      )
      if (done)
        this.note = `Accepted ${done.accepted} in ${done.images} ${done.images === 1 ? 'image' : 'images'}.`
    } finally {
      this.busy = false
    }
  }

  /** Jumps to the next image of the folder that still has suggestions to review. */
  async nextPendingImage(): Promise<void> {
    const target = this.#annotations.target
    if (!target?.projectId) return
    await this.#annotations.flush()
    const found = this.#errors.unwrap(
      await this.#api.invoke('review.nextPending', {
        projectId: target.projectId,
        afterKey: target.key,
        order: this.#imageOrder(),
      }),
    )
    if (!found) return
    if (found.key === null || found.key === target.key) {
      this.note =
        found.key === null
          ? 'Every image is reviewed: nothing left to decide or check.'
          : 'Only this image is left to review.'
      return
    }
    this.note = ''
    await this.#goTo(found.key)
  }

  /**
   * Marks the image done (a person looked at it; with no box, it is confirmed empty) and moves to
   * the next image to review. Refused while suggestions wait: each needs its decision.
   */
  async markDone(): Promise<void> {
    const a = this.#annotations
    if (!a.target?.projectId) return
    const pending = a.boxes.filter((b) => b.state === 'suggested').length
    if (pending > 0) {
      this.note = `${pending === 1 ? 'One suggestion still waits' : `${pending} suggestions still wait`}: accept or reject ${pending === 1 ? 'it' : 'them'} first.`
      return
    }
    const empty = !a.boxes.some((b) => b.state !== 'rejected')
    if (!(await a.markDone(true))) return
    const said = empty ? 'Confirmed empty.' : 'Marked done.'
    await this.nextPendingImage()
    this.note = this.note ? `${said} ${this.note}` : said
  }

  /** Takes back "done": the image counts as reviewed again only by its box decisions. */
  async unmarkDone(): Promise<void> {
    if (await this.#annotations.markDone(false)) this.note = 'No longer marked done.'
  }

  #decide(id: string | undefined, decision: Decision, label: string): void {
    const a = this.#annotations
    const box = a.boxes.find((b) => b.id === id)
    if (!box || box.source !== 'model') return
    const next = nextPendingId(a.boxes, box.id, this.thresholds)
    a.commit(label, decide(a.boxes, [box.id], decision), {
      select: next === null ? [box.id] : [next],
    })
  }
}
