import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { RunTally } from '../../../shared/annotations'
import type { DetectionResult, EventMap } from '../../../shared/contract'
import { summarizeResult } from '../core/format'
import { classOrder } from '../core/palette'
import { changedMappings } from '../core/prompt'
import type { AnnotationState } from './annotation-state.svelte'
import type { ClassState } from './class-state.svelte'
import type { ErrorState } from './error-state.svelte'
import type { ImageState } from './image-state.svelte'
import type { ModelState } from './model-state.svelte'
import type { ViewState } from './view-state.svelte'

/** A `detection.run` call in flight, with the latest progress line from main. */
export interface RunningDetection {
  requestId: string
  imageId: string
  state: EventMap['detection.status']['state'] | 'sending'
  message: string
}

/** A result with the class order fixed at run time, so colours survive later editor changes. */
export interface StoredResult {
  result: DetectionResult
  classOrder: string[]
  /** How its boxes folded into the image's review (null when they went to no document). */
  tally: RunTally | null
}

/** Runs the chosen model on the current image and keeps each image's latest result. */
export class DetectionState {
  running = $state.raw<RunningDetection | null>(null)
  /** Latest result per image id; replaced as a whole so readers see a new object. */
  results = $state.raw<Readonly<Record<string, StoredResult>>>({})
  /** A quiet note after a run that ended without a result, e.g. "Cancelled". */
  note = $state('')

  readonly #stored = $derived.by(() => {
    const image = this.#image.current
    return image ? (this.results[image.id] ?? null) : null
  })
  readonly result = $derived(this.#stored?.result ?? null)
  readonly classOrder = $derived(this.#stored?.classOrder ?? [])
  readonly summary = $derived(
    this.result ? summarizeResult(this.result, this.#stored?.tally ?? null) : '',
  )
  readonly changedMapping = $derived(this.result ? changedMappings(this.result.mapping) : [])
  readonly warnings = $derived(this.result?.warnings ?? [])
  readonly renderedImageUrl = $derived(this.result?.renderedImageUrl ?? null)
  readonly canRun = $derived.by(
    () => this.#image.current !== null && this.#models.problem === null && this.running === null,
  )

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #image: ImageState
  readonly #models: ModelState
  readonly #view: ViewState
  readonly #annotations: AnnotationState | null
  readonly #classes: ClassState | null

  /** `annotations` receives each run's boxes as suggestions for review (merged, never overwriting kept boxes). */
  constructor(
    api: PromptlabelApi,
    errors: ErrorState,
    image: ImageState,
    models: ModelState,
    view: ViewState,
    annotations: AnnotationState | null = null,
    classes: ClassState | null = null,
  ) {
    this.#api = api
    this.#errors = errors
    this.#image = image
    this.#models = models
    this.#view = view
    this.#annotations = annotations
    this.#classes = classes
  }

  /** Follows main's progress events for the call in flight; returns the unsubscribe. */
  listen(): () => void {
    return this.#api.subscribe('detection.status', (event) => {
      const running = this.running
      if (running?.requestId !== event.requestId) return
      this.running = { ...running, state: event.state, message: event.message }
    })
  }

  async run(): Promise<void> {
    const image = this.#image.current
    if (!image || this.running) return
    const { spec: model, problem } = this.#models.outcome
    if (model === null) {
      this.#errors.show({ code: 'invalid-input', message: problem })
      return
    }
    const requested = this.#models.classes
    const target = this.#annotations?.target
    const into = target?.imageId === image.id ? target : null
    const requestId = crypto.randomUUID()
    this.note = ''
    this.#errors.dismiss()
    this.running = { requestId, imageId: image.id, state: 'sending', message: 'Sending…' }
    try {
      const result = await this.#api.invoke('detection.run', {
        requestId,
        imageId: image.id,
        model,
      })
      if (result.ok) {
        // The classes join the list in the user's order before any box of them is saved.
        const order = classOrder(result.value, requested)
        this.#classes?.register(order)
        // The image's folder may have opened as a project while the model ran (an image opened
        // and run at once): the boxes then go to the project's document of the same image.
        const now = this.#annotations?.target
        const landing = now?.imageId === image.id ? now : into
        const tally = landing
          ? ((await this.#annotations?.applyRun(
              landing,
              result.value.detections,
              `single:${model.kind}`,
            )) ?? null)
          : null
        this.results = {
          ...this.results,
          [image.id]: { result: result.value, classOrder: order, tally },
        }
        // The user asked for the server's picture, so show it; the toggle switches back.
        if (this.#image.current?.id === image.id) {
          this.#view.showRendered = result.value.renderedImageUrl !== null
        }
      } else if (result.error.code === 'cancelled') {
        this.note = 'Detection cancelled.'
      } else {
        this.#errors.show(result.error)
      }
    } finally {
      if (this.running?.requestId === requestId) this.running = null
    }
  }

  async cancel(): Promise<void> {
    const running = this.running
    if (!running) return
    this.running = { ...running, message: 'Cancelling…' }
    const result = await this.#api.invoke('detection.cancel', { requestId: running.requestId })
    if (!result.ok) this.#errors.show(result.error)
  }
}
