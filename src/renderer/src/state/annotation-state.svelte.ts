import { untrack } from 'svelte'
import {
  isKept,
  tallyRun,
  type AnnotationBox,
  type RunTally,
  type Suggestion,
} from '../../../shared/annotations'
import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { EventMap } from '../../../shared/contract'
import type { Boxes } from '../core/document/commands'
import {
  boxBytes,
  historyKey,
  reviewMarksOf,
  targetOf,
  type AnnotationTarget,
  type ImageSource,
  type ReviewMarks,
} from '../core/document/target'
import { reviewCountsOf, statusOf } from '../../../shared/review-status'
import type { ImageStatus, OpenedAnnotations } from '../../../shared/project'
import { mergeRun } from '../core/document/review'
import { HistoryStore, type RecordOptions } from '../core/history'
import { SaveQueue } from '../core/save-queue'
import type { ErrorState } from './error-state.svelte'

export { targetOf, type AnnotationTarget, type ImageSource }

interface SaveJob {
  projectId: string
  key: string
  boxes: AnnotationBox[]
}

/**
 * The current image's boxes and selection, with an undo history per image that outlives switching
 * images. Every committed change is sent to main at once (main holds the work, not the renderer).
 */
export class AnnotationState {
  target = $state.raw<AnnotationTarget | null>(null)
  boxes = $state.raw<Boxes>([])
  /** Selected box ids; the first is the focused one (review decisions apply to it). */
  selection = $state.raw<readonly string[]>([])
  loading = $state(false)
  /** Every change so far has reached main. */
  saved = $state(true)
  /** Name of the last step undone or redone, for a quiet status line. */
  lastTravel = $state('')
  /** Bumped on every history change so the undo/redo buttons re-read it. */
  #revision = $state(0)
  /** Whether the image on screen has been run, and whether a person marked it done. */
  marks = $state.raw<ReviewMarks>({ ran: false, done: false })

  readonly history = new HistoryStore<AnnotationBox>(boxBytes)
  /** The image's review status by the one rule (shared/review-status), live as boxes change. */
  readonly status: ImageStatus = $derived(
    statusOf(reviewCountsOf({ boxes: this.boxes }), { ...this.marks, failed: false }),
  )
  readonly focused = $derived(this.boxes.find((b) => b.id === this.selection[0]) ?? null)
  readonly undoLabel = $derived(this.#peek().undo)
  readonly redoLabel = $derived(this.#peek().redo)

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #saves: SaveQueue<SaveJob>
  /** The last boxes committed per image: the only copy outside a project, else until main has them. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache nothing renders from
  readonly #latest = new Map<string, Boxes>()
  #generation = 0

  constructor(api: PromptlabelApi, errors: ErrorState) {
    this.#api = api
    this.#errors = errors
    this.#saves = new SaveQueue(
      (_, job) => this.#write(job),
      (idle) => (this.saved = idle),
    )
  }

  /**
   * Shows an image's boxes: main's saved document in a project (`saved` when the caller has it
   * already), this session's edits otherwise, and edits still on their way to main in either case.
   */
  async follow(target: AnnotationTarget | null, saved?: Boxes, marks?: ReviewMarks): Promise<void> {
    const current = this.target
    if (
      target &&
      current &&
      historyKey(target) === historyKey(current) &&
      target.imageId === current.imageId
    )
      return
    const generation = ++this.#generation
    this.target = target
    this.selection = []
    this.lastTravel = ''
    this.marks = marks ?? { ran: false, done: false }
    const key = target ? historyKey(target) : ''
    const unsaved = this.#latest.get(key)
    this.boxes = unsaved ?? (target?.projectId ? saved : this.#latest.get(key)) ?? []
    if (!target?.projectId || unsaved || saved) return
    this.loading = true
    try {
      const doc = await this.#readDoc(target)
      if (doc && generation === this.#generation) {
        this.boxes = doc.boxes
        this.marks = reviewMarksOf(doc)
      }
    } finally {
      if (generation === this.#generation) this.loading = false
    }
  }

  /** Follows the navigation's image and main's badge events; returns what stops both. */
  track(projectId: () => string | null, image: ImageSource): () => void {
    const stopEvents = this.#api.subscribe(
      'project.imageStatus',
      (event) => void this.onStatus(event),
    )
    const stopEffect = $effect.root(() => {
      $effect(() => {
        const next = targetOf(projectId(), { current: image.current, opened: image.opened })
        untrack(() => void this.follow(next?.target ?? null, next?.saved, next?.marks))
      })
    })
    return () => {
      stopEvents()
      stopEffect()
    }
  }

  /** Applies one command or gesture: one undo step, saved at once. */
  commit(
    label: string,
    next: Boxes,
    options: RecordOptions & { select?: readonly string[] } = {},
  ): void {
    const target = this.target
    if (!target || this.loading || next === this.boxes) return
    if (!this.history.record(historyKey(target), label, this.boxes, next, options)) return
    this.#show(target, next)
    if (options.select) this.selection = options.select
    this.lastTravel = ''
  }

  select(ids: readonly string[]): void {
    this.selection = ids.filter((id) => this.boxes.some((b) => b.id === id))
  }

  undo(): void {
    this.#travel('undo')
  }

  redo(): void {
    this.#travel('redo')
  }

  /**
   * Folds a model run into the image it ran on, even if the user has moved on since; returns how
   * many of its boxes are new and how many repeat boxes already decided (null if the image is gone).
   */
  async applyRun(
    target: AnnotationTarget,
    suggestions: readonly Suggestion[],
    runKey: string,
  ): Promise<RunTally | null> {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
    const run = { runKey, at: new Date().toISOString() }
    const here = this.target && historyKey(this.target) === historyKey(target)
    if (here) {
      this.marks = { ...this.marks, ran: true }
      const tally = tallyRun(this.boxes, suggestions)
      this.commit('Model run', mergeRun(this.boxes, suggestions, target, run))
      return tally
    }
    const key = historyKey(target)
    const local = this.#latest.get(key)
    const before = local ?? (target.projectId ? await this.#read(target) : [])
    if (!before) return null
    const after = mergeRun(before, suggestions, target, run)
    this.history.record(key, 'Model run', before, after)
    this.#store(target, after)
    return tallyRun(before, suggestions)
  }

  /** Reads the image on screen again (an import rewrote it), as one undoable step. */
  async reloadCurrent(): Promise<void> {
    const target = this.target
    if (!target?.projectId) return
    await this.onStatus({ projectId: target.projectId, key: target.key }, true)
  }

  /** Main changed this image behind our back (a batch result, a folder-wide accept): reload it. */
  async onStatus(
    event: Pick<EventMap['project.imageStatus'], 'projectId' | 'key'> &
      Partial<EventMap['project.imageStatus']>,
    force = false,
  ): Promise<void> {
    const key = historyKey({ projectId: event.projectId, key: event.key })
    const target = this.target
    if (!target || historyKey(target) !== key) {
      // Main may have changed it (a batch result): read it again when the user comes back.
      if (!this.#saves.busy(key)) this.#latest.delete(key)
      return
    }
    if (event.status !== undefined) {
      const ran = this.marks.ran || event.status !== 'not-run'
      this.marks = { ran, done: event.done === true }
    }
    if (!this.#saves.idle) return
    const pending = this.boxes.filter((b) => b.state === 'suggested').length
    const kept = this.boxes.filter(isKept).length
    if (!force && pending === event.pending && kept === event.kept) return
    const fresh = await this.#read(target)
    if (!fresh || this.target !== target || !this.#saves.idle) return
    if (force && sameBoxes(fresh, this.boxes)) return
    this.history.record(key, 'Changes from the folder', this.boxes, fresh)
    this.#revision++
    this.boxes = fresh
    this.#latest.set(key, fresh)
  }

  /** Resolves when every change so far is on disk (Ctrl+S, tests). */
  flush(): Promise<void> {
    return this.#saves.flush()
  }

  #travel(direction: 'undo' | 'redo'): void {
    const target = this.target
    if (!target) return
    const key = historyKey(target)
    const step =
      direction === 'undo' ? this.history.undo(key, this.boxes) : this.history.redo(key, this.boxes)
    if (!step) return
    this.#show(target, step.items)
    this.selection = this.selection.filter((id) => step.items.some((b) => b.id === id))
    this.lastTravel = `${direction === 'undo' ? 'Undid' : 'Redid'}: ${step.label}`
  }

  #show(target: AnnotationTarget, next: Boxes): void {
    this.boxes = next
    this.#revision++
    this.#store(target, next)
  }

  #store(target: AnnotationTarget, boxes: Boxes): void {
    this.#latest.set(historyKey(target), boxes)
    if (target.projectId === null) return
    const job = { projectId: target.projectId, key: target.key, boxes: [...boxes] }
    this.#saves.push(historyKey(target), job)
  }

  /**
   * Marks the image on screen done (looked at: e.g. nothing found and the user confirms it is
   * empty) or not; its boxes are saved first. False when main refused (suggestions still wait).
   */
  async markDone(done: boolean): Promise<boolean> {
    const target = this.target
    if (!target?.projectId) return false
    await this.flush()
    const answer = await this.#api.invoke('review.markDone', {
      projectId: target.projectId,
      key: target.key,
      done,
    })
    if (!answer.ok) {
      this.#errors.show(answer.error)
      return false
    }
    if (this.target === target) this.marks = { ...this.marks, done: answer.value.done === true }
    return true
  }

  async #read(target: AnnotationTarget): Promise<AnnotationBox[] | null> {
    return (await this.#readDoc(target))?.boxes ?? null
  }

  async #readDoc(target: AnnotationTarget): Promise<OpenedAnnotations['doc'] | null> {
    if (target.projectId === null) return null
    const opened = await this.#api.invoke('annotations.get', {
      projectId: target.projectId,
      key: target.key,
    })
    if (!opened.ok) {
      this.#errors.show(opened.error)
      return null
    }
    return opened.value.doc
  }

  async #write(job: SaveJob): Promise<void> {
    try {
      const saved = await this.#api.invoke('annotations.save', job)
      if (!saved.ok) this.#errors.show(saved.error)
    } catch (error) {
      this.#errors.show({ code: 'internal', message: `Saving failed: ${String(error)}` })
    }
  }

  #peek(): { undo: string | null; redo: string | null } {
    void this.#revision
    return this.target ? this.history.peek(historyKey(this.target)) : { undo: null, redo: null }
  }
}

/** Whether two box lists hold the same boxes in the same order. */
function sameBoxes(a: readonly AnnotationBox[], b: readonly AnnotationBox[]): boolean {
  return a.length === b.length && a.every((box, i) => JSON.stringify(box) === JSON.stringify(b[i]))
}
