import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { ImageInfo } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import { rememberImage } from '../core/recent-images'
import type { ErrorState } from './error-state.svelte'

/** The image on the canvas, opened by native dialog or by path, and the others opened this session. */
export class ImageState {
  current = $state.raw<ImageInfo | null>(null)
  /** Images opened this session, oldest first, to switch back (e.g. reference then query image). */
  recent = $state.raw<readonly ImageInfo[]>([])
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
    if (!first) return
    for (const image of images ?? []) this.recent = rememberImage(this.recent, image)
    this.#show(first)
  }

  async openPath(): Promise<void> {
    const path = this.pathDraft.trim()
    if (path === '') return
    const image = await this.#call(() => this.#api.invoke('image.open', { path }))
    if (image) this.#show(image)
  }

  /** Shows an image opened earlier this session, reopening it by path if it left the list. */
  async select(image: Pick<ImageInfo, 'id' | 'path'>): Promise<void> {
    if (this.current?.id === image.id) return
    const known = this.recent.find((item) => item.id === image.id)
    if (known) {
      this.#errors.dismiss()
      this.#show(known)
      return
    }
    const opened = await this.#call(() => this.#api.invoke('image.open', { path: image.path }))
    if (opened) this.#show(opened)
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
    this.recent = rememberImage(this.recent, image)
    this.pathDraft = image.path
    this.#onOpen(image)
  }
}
