import type { PromptlabelApi } from '../../../shared/bridge-api'
import type {
  ImportFormat,
  ImportMode,
  ImportProgress,
  ImportReport,
} from '../../../shared/contract'
import type { AppErrorData } from '../../../shared/errors'
import type { ErrorState } from './error-state.svelte'
import type { ProjectState } from './project-state.svelte'

/** What the app does once an import wrote something: refresh the image on screen, go and look. */
export interface ImportLinks {
  imported(report: ImportReport): void
  goTo(key: string): void
}

/**
 * The import dialog: a COCO file or a YOLO dataset for the open folder, checked first (what would
 * match, be added, be skipped), then imported with progress; the outcome stays on screen.
 */
export class ImportState {
  open = $state(false)
  format = $state<ImportFormat>('coco')
  source = $state('')
  mode = $state<ImportMode>('merge')
  /** The dry run's answer for the current source and options. */
  preview = $state.raw<ImportReport | null>(null)
  result = $state.raw<ImportReport | null>(null)
  error = $state.raw<AppErrorData | null>(null)
  progress = $state.raw<ImportProgress | null>(null)
  busy = $state<'checking' | 'importing' | null>(null)

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #project: ProjectState
  readonly #links: ImportLinks

  readonly canRun = $derived.by(
    () => this.#project.info !== null && this.source.trim() !== '' && this.busy === null,
  )

  constructor(api: PromptlabelApi, errors: ErrorState, project: ProjectState, links: ImportLinks) {
    this.#api = api
    this.#errors = errors
    this.#project = project
    this.#links = links
  }

  listen(): () => void {
    return this.#api.subscribe('import.progress', (event) => {
      if (event.projectId === this.#project.info?.id && this.busy !== null) this.progress = event
    })
  }

  show(): void {
    if (!this.#project.info) return
    if (this.busy === null) this.result = null
    this.open = true
  }

  close(): void {
    this.open = false
  }

  setFormat(format: ImportFormat): void {
    this.format = format
    this.#forget()
  }

  setSource(source: string): void {
    this.source = source
    this.#forget()
  }

  setMode(mode: ImportMode): void {
    this.mode = mode
    this.#forget()
  }

  async pickSource(): Promise<void> {
    const picked = this.#errors.unwrap(
      await this.#api.invoke('import.pickSource', { format: this.format }),
    )
    if (!picked) return
    this.setSource(picked)
    await this.check()
  }

  /** What the import would do, without writing anything. */
  async check(): Promise<void> {
    const report = await this.#run('checking', true)
    if (report) this.preview = report
  }

  async start(): Promise<void> {
    const report = await this.#run('importing', false)
    if (!report) return
    this.result = report
    this.preview = null
    this.#links.imported(report)
  }

  async cancel(): Promise<void> {
    const info = this.#project.info
    if (!info || this.busy === null) return
    const answer = await this.#api.invoke('import.cancel', { projectId: info.id })
    if (!answer.ok) this.#errors.show(answer.error)
  }

  /** Shows the first image the import changed. */
  goToFirst(): void {
    const key = this.result?.firstKey
    if (!key) return
    this.open = false
    this.#links.goTo(key)
  }

  async #run(busy: 'checking' | 'importing', dryRun: boolean): Promise<ImportReport | null> {
    const info = this.#project.info
    if (!info || !this.canRun) return null
    this.busy = busy
    this.error = null
    this.result = null
    this.progress = null
    try {
      const answer = await this.#api.invoke('import.run', {
        projectId: info.id,
        format: this.format,
        source: this.source.trim(),
        mode: this.mode,
        dryRun,
      })
      if (!answer.ok) {
        this.error = answer.error
        return null
      }
      return answer.value
    } finally {
      this.busy = null
      this.progress = null
    }
  }

  #forget(): void {
    this.preview = null
    this.error = null
  }
}
