import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { ImageInfo } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import type { ErrorState } from './error-state.svelte'

/** The image on the canvas, opened by native dialog or by path. */
export class ImageState {
  current = $state.raw<ImageInfo | null>(null)
  /** What the path field shows. */
  pathDraft = $state('')
  opening = $state(false)

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #onOpen: (image: ImageInfo) => void

  /** `onOpen` lets the owner react (refit the view) without this class knowing about the view. */
  constructor(api: PromptlabelApi, errors: ErrorState, onOpen: (image: ImageInfo) => void) {
    this.#api = api
    this.#errors = errors
    this.#onOpen = onOpen
  }

  async pick(): Promise<void> {
    const images = await this.#call(() => this.#api.invoke('image.pick', {}))
    const first = images?.[0]
    if (first) this.#show(first)
  }

  async openPath(): Promise<void> {
    const path = this.pathDraft.trim()
    if (path === '') return
    const image = await this.#call(() => this.#api.invoke('image.open', { path }))
    if (image) this.#show(image)
  }

  /** Reports an image that was opened but cannot be displayed by the browser. */
  reportUndisplayable(image: ImageInfo): void {
    if (this.current?.id !== image.id) return
    this.#errors.show({
      code: 'image-unsupported',
      message: `"${image.name}" could not be displayed.`,
      hint: 'Try converting it to JPEG or PNG.',
    })
  }

  async #call<T>(invoke: () => Promise<Result<T>>): Promise<T | undefined> {
    this.opening = true
    this.#errors.dismiss()
    try {
      return this.#errors.unwrap(await invoke())
    } finally {
      this.opening = false
    }
  }

  #show(image: ImageInfo): void {
    this.current = image
    this.pathDraft = image.path
    this.#onOpen(image)
  }
}
