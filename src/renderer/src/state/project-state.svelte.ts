import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { Result } from '../../../shared/errors'
import type { ProjectInfo, RecentProject } from '../../../shared/project'
import { toErrorData } from '../core/error-titles'
import type { ErrorState } from './error-state.svelte'
import { ImageListState } from './image-list-state.svelte'

/** What to show once a project is open: the image the user asked for, else the saved position. */
export type OnProjectOpened = (info: ProjectInfo, selectKey: string | null) => void

/** The open project (a folder of images whose work main saves as it happens) and recent ones. */
export class ProjectState {
  info = $state.raw<ProjectInfo | null>(null)
  recent = $state.raw<readonly RecentProject[]>([])
  /** What the folder field shows. */
  folderDraft = $state('')
  opening = $state(false)
  /** The native folder picker exists only inside Electron. */
  canPick = $state(false)
  readonly list: ImageListState

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #onOpened: OnProjectOpened
  /** Bumped per open request: only the latest one shows its project. */
  #requests = 0

  constructor(api: PromptlabelApi, errors: ErrorState, onOpened: OnProjectOpened) {
    this.#api = api
    this.#errors = errors
    this.#onOpened = onOpened
    this.list = new ImageListState(api, errors)
  }

  listen(): () => void {
    const stopList = this.list.listen()
    const stopClasses = this.#api.subscribe('project.classes', (event) => {
      const info = this.info
      if (info?.id === event.projectId) this.info = { ...info, classes: event.classes }
    })
    return () => {
      stopList()
      stopClasses()
    }
  }

  /** Appends classes to the project's list (main keeps the known ones where they are). */
  async saveClasses(projectId: string, classes: readonly string[]): Promise<void> {
    const saved = await this.#api.invoke('project.update', { projectId, classes: [...classes] })
    if (!saved.ok) this.#errors.show(saved.error)
    else if (this.info?.id === projectId) this.info = { ...this.info, classes: saved.value.classes }
  }

  /** Reopens the last project where the user left it, and learns whether a folder picker exists. */
  async restore(): Promise<void> {
    // Runs unprompted at start-up: a broken transport shows in the message bar, not as a rejection.
    const answers = await Promise.all([
      this.#api.invoke('app.info', {}),
      this.#api.invoke('project.recent', {}),
    ]).catch((error: unknown) => this.#errors.show(toErrorData(error)))
    if (!answers) return
    const [app, recent] = answers
    if (app.ok) this.canPick = app.value.transport === 'electron'
    const list = this.#errors.unwrap(recent)
    if (!list) return
    this.recent = list
    const last = list[0]
    if (last && this.info === null) await this.openProject(last.dir)
  }

  async loadRecent(): Promise<void> {
    const list = this.#errors.unwrap(await this.#api.invoke('project.recent', {}))
    if (list) this.recent = list
  }

  /** Opens a folder of images as a project; `selectKey` is shown instead of the saved position. */
  async openFolder(
    imagesDir = this.folderDraft.trim(),
    selectKey: string | null = null,
  ): Promise<ProjectInfo | null> {
    if (imagesDir === '') return null
    return this.#open(() => this.#api.invoke('project.openFolder', { imagesDir }), selectKey)
  }

  async openProject(projectDir: string): Promise<ProjectInfo | null> {
    return this.#open(() => this.#api.invoke('project.open', { projectDir }), null)
  }

  async pickFolder(): Promise<ProjectInfo | null> {
    return this.#open(() => this.#api.invoke('project.pickFolder', {}), null)
  }

  /** Remembers where the user is, so reopening the project returns there. */
  async savePosition(key: string): Promise<void> {
    const info = this.info
    if (!info) return
    const saved = await this.#api.invoke('project.update', {
      projectId: info.id,
      position: { imageKey: key },
    })
    if (!saved.ok) this.#errors.show(saved.error)
  }

  async #open(
    call: () => Promise<Result<ProjectInfo | null>>,
    selectKey: string | null,
  ): Promise<ProjectInfo | null> {
    const request = ++this.#requests
    this.opening = true
    this.#errors.dismiss()
    try {
      const info = this.#errors.unwrap(await call())
      // A later open (an image of the same folder opened right after another) wins, whichever
      // answer comes first: the folder opens once more with the newer selection.
      if (!info || request !== this.#requests) return null
      await this.list.reset(info.id, info.imageCount, info.scanning)
      if (request !== this.#requests) return null
      // Only now is the project open: an image opened meanwhile asked for it again (above), so
      // nothing can navigate inside it before it shows the image it was opened for.
      this.info = info
      this.folderDraft = info.imagesDir
      this.#onOpened(info, selectKey)
      void this.loadRecent()
      return info
    } finally {
      if (request === this.#requests) this.opening = false
    }
  }
}
