import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { ImageInfo, OpenedAnnotations, ProjectInfo } from '../../../shared/contract'
import type { Result } from '../../../shared/errors'
import {
  describeKey,
  formatOf,
  isImageName,
  joinKey,
  keyOf,
  splitPath,
} from '../core/project-paths'
import { rememberImage } from '../core/recent-images'
import type { ErrorState } from './error-state.svelte'
import type { ProjectState } from './project-state.svelte'

/**
 * The image on the canvas and how the user moves between images: by path, by native dialog, and
 * inside the open project (filmstrip, previous/next). Every image opened belongs to a project,
 * so main saves all work; without a project state it only shows single images.
 */
export class ImageState {
  current = $state.raw<ImageInfo | null>(null)
  /** Main's annotations of the current image (the annotation editor starts from this document). */
  opened = $state.raw<OpenedAnnotations | null>(null)
  /** The selected image of the project; set at once on navigation, before its picture arrives. */
  currentKey = $state<string | null>(null)
  /** Its row in the filmstrip as filtered, when known. */
  currentIndex = $state<number | null>(null)
  /** Images opened this session, oldest first, to switch back (e.g. reference then query image). */
  recent = $state.raw<readonly ImageInfo[]>([])
  /** What the path field shows. */
  pathDraft = $state('')
  opening = $state(false)

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #onOpen: (image: ImageInfo) => void
  readonly #project: ProjectState | null
  /** Bumped per navigation: only the latest one may show its image (keys held down, slow disks). */
  #navigation = 0

  /** `onOpen` lets the owner react (refit the view) without this class knowing about the view. */
  constructor(
    api: PromptlabelApi,
    errors: ErrorState,
    onOpen: (image: ImageInfo) => void,
    project: ProjectState | null = null,
  ) {
    this.#api = api
    this.#errors = errors
    this.#onOpen = onOpen
    this.#project = project
  }

  async pick(): Promise<void> {
    const images = await this.#call(() => this.#api.invoke('image.pick', {}))
    const first = images?.[0]
    if (!first) return
    for (const image of images ?? []) this.recent = rememberImage(this.recent, image)
    await this.#openImage(first)
  }

  /** Opens the typed path: an image (and its folder as the project), or a folder. */
  async openPath(): Promise<void> {
    const path = this.pathDraft.trim()
    if (path === '') return
    if (this.#project && !isImageName(splitPath(path).name)) {
      await this.#project.openFolder(path)
      return
    }
    const image = await this.#call(() => this.#api.invoke('image.open', { path }))
    if (image) await this.#openImage(image)
  }

  /** Shows an image opened earlier this session, reopening it by path if it left the list. */
  async select(image: Pick<ImageInfo, 'id' | 'path'>): Promise<void> {
    if (this.current?.id === image.id) return
    const known = this.recent.find((item) => item.id === image.id)
    if (known) {
      this.#errors.dismiss()
      await this.#openImage(known)
      return
    }
    const opened = await this.#call(() => this.#api.invoke('image.open', { path: image.path }))
    if (opened) await this.#openImage(opened)
  }

  /** Shows an image of the open project; `index` is its filmstrip row when the caller knows it. */
  async goTo(key: string, index?: number): Promise<boolean> {
    const project = this.#project
    const info = project?.info
    if (!project || !info) return false
    const navigation = ++this.#navigation
    this.currentKey = key
    this.currentIndex = index ?? null
    void project.savePosition(key)
    if (index === undefined) {
      void project.list.indexOf(key).then((found) => {
        if (navigation === this.#navigation) this.currentIndex = found
      })
    }
    const opened = await this.#call(() =>
      this.#api.invoke('annotations.get', { projectId: info.id, key }),
    )
    if (navigation !== this.#navigation) return false
    if (!opened) {
      this.current = null
      this.opened = null
      return false
    }
    this.opened = opened
    this.#show({
      id: opened.imageId,
      path: joinKey(info.imagesDir, key),
      name: describeKey(key).name,
      width: opened.width,
      height: opened.height,
      url: opened.url,
      format: formatOf(key),
    })
    return true
  }

  /** The next image in the filmstrip (D). */
  async next(): Promise<void> {
    const list = this.#project?.list
    if (!list) return
    const index = await this.#resolveIndex()
    // When the current image left a filtered list, the one now in its row is the next one.
    const stillThere = index !== null && (await list.keyAt(index)) === this.currentKey
    const target = index === null ? 0 : stillThere ? index + 1 : index
    await this.#goToRow(target)
  }

  /** The previous image in the filmstrip (A). */
  async previous(): Promise<void> {
    const index = await this.#resolveIndex()
    if (index !== null) await this.#goToRow(index - 1)
  }

  /** Called once a project is open: shows the image asked for, else where the user left off. */
  async restore(info: ProjectInfo, selectKey: string | null): Promise<void> {
    const key = selectKey ?? info.position.imageKey
    const before = this.#navigation
    if (key !== null && (await this.goTo(key))) return
    // The user went elsewhere meanwhile: that wins over any fallback.
    if (this.#navigation !== before + (key === null ? 0 : 1)) return
    if (key !== null && selectKey !== null) return
    const first = await this.#project?.list.keyAt(0)
    if (first) await this.goTo(first, 0)
    else {
      this.currentKey = null
      this.currentIndex = null
    }
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

  async #goToRow(index: number): Promise<void> {
    const list = this.#project?.list
    if (!list || index < 0 || index >= list.total) return
    const key = await list.keyAt(index)
    if (key !== null) await this.goTo(key, index)
  }

  /** The current row: checked against the list, else looked up (a filter may have moved it). */
  async #resolveIndex(): Promise<number | null> {
    const list = this.#project?.list
    const key = this.currentKey
    if (!list || key === null) return null
    const index = this.currentIndex
    if (index !== null && list.entryAt(index)?.key === key) return index
    return (await list.indexOf(key)) ?? index
  }

  /** Shows an opened image at once, then opens its folder as the project with it selected. */
  async #openImage(image: ImageInfo): Promise<void> {
    this.#show(image)
    const project = this.#project
    if (!project) return
    const inProject = project.info ? keyOf(project.info.imagesDir, image.path) : null
    if (inProject !== null) {
      await this.goTo(inProject)
      return
    }
    await project.openFolder(splitPath(image.path).dir, splitPath(image.path).name)
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
    const same = this.current?.id === image.id
    this.current = image
    this.recent = rememberImage(this.recent, image)
    if (same) return
    // Only a new image replaces the path field: the project's copy of the image on screen
    // arriving later must not overwrite a path the user is typing.
    this.pathDraft = image.path
    this.#onOpen(image)
  }
}
