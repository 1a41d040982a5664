import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { DetectionResult, EventMap } from '../../../shared/contract'
import { toBoxItems } from '../core/box-items'
import { summarizeResult } from '../core/format'
import { classColors, classOrder } from '../core/palette'
import { changedMappings } from '../core/prompt'
import type { ErrorState } from './error-state.svelte'
import type { ImageState } from './image-state.svelte'
import type { PromptState } from './prompt-state.svelte'

/** A `detection.run` call in flight, with the latest progress line from main. */
export interface RunningDetection {
  requestId: string
  imageId: string
  state: EventMap['detection.status']['state'] | 'sending'
  message: string
}

/** A result with the class order fixed at run time, so colours survive later prompt edits. */
export interface StoredResult {
  result: DetectionResult
  classOrder: string[]
}

/** Runs the model on the current image and keeps each image's latest result. */
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
  readonly colors = $derived(classColors(this.classOrder))
  readonly items = $derived(this.result ? toBoxItems(this.result.detections, this.colors) : [])
  readonly summary = $derived(this.result ? summarizeResult(this.result) : '')
  readonly changedMapping = $derived(this.result ? changedMappings(this.result.mapping) : [])
  readonly canRun = $derived.by(
    () => this.#image.current !== null && this.#prompt.problem === null && this.running === null,
  )

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #image: ImageState
  readonly #prompt: PromptState

  constructor(api: PromptlabelApi, errors: ErrorState, image: ImageState, prompt: PromptState) {
    this.#api = api
    this.#errors = errors
    this.#image = image
    this.#prompt = prompt
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
    const problem = this.#prompt.problem
    if (problem !== null) {
      this.#errors.show({ code: 'invalid-input', message: problem })
      return
    }
    const requestId = crypto.randomUUID()
    this.note = ''
    this.#errors.dismiss()
    this.running = { requestId, imageId: image.id, state: 'sending', message: 'Sending…' }
    const model = this.#prompt.spec
    try {
      const result = await this.#api.invoke('detection.run', {
        requestId,
        imageId: image.id,
        model,
      })
      if (result.ok) {
        const stored = { result: result.value, classOrder: classOrder(result.value, model.classes) }
        this.results = { ...this.results, [image.id]: stored }
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
