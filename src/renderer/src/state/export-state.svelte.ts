import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { EventMap, ExportJobSummary } from '../../../shared/contract'
import { suggestTarget, targetIsFile, type ExportFormat } from '../core/export-targets'
import type { ErrorState } from './error-state.svelte'
import type { ProjectState } from './project-state.svelte'

/** The export dialog: format, target and options, then progress and the outcome of one export. */
export class ExportState {
  open = $state(false)
  format = $state<ExportFormat>('coco')
  /** Where to write; follows the format until the user types their own. */
  target = $state('')
  includeSuggested = $state(false)
  /** Which images: only those whose review is complete (the default), or every image. */
  imageChoice = $state<'reviewed' | 'all'>('reviewed')
  /** Reviewed images and all images of the open project, counted when the dialog opens. */
  counts = $state.raw<{ reviewed: number; all: number } | null>(null)
  zeroBasedIds = $state(false)
  copyImages = $state(false)
  overwrite = $state(false)
  labels = $state(true)
  /** Box outline in pixels for annotated images; null lets main choose from the image size. */
  lineWidth = $state<number | null>(null)
  jobId = $state<string | null>(null)
  progress = $state.raw<EventMap['export.progress'] | null>(null)
  result = $state.raw<ExportJobSummary | null>(null)
  starting = $state(false)

  /** Suggestions live on images not reviewed yet, so including them means every image. */
  readonly images = $derived(this.includeSuggested ? 'all' : this.imageChoice)
  readonly running = $derived(this.jobId !== null || this.starting)
  readonly targetIsFile = $derived(targetIsFile(this.format, this.copyImages))
  /** Only reviewed images asked for, and none is reviewed yet: the export would hold nothing. */
  readonly nothingReviewed = $derived(this.images === 'reviewed' && this.counts?.reviewed === 0)
  readonly canStart = $derived.by(
    () =>
      this.#project.info !== null &&
      this.target.trim() !== '' &&
      !this.running &&
      !this.nothingReviewed,
  )

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #project: ProjectState
  #targetEdited = false
  /** The folder main proposed for the open project (one the user owns, never inside the app). */
  #folder: { projectId: string; path: string } | null = null
  /** Outcomes that arrived before `export.start` answered (a refusal comes at once). */
  #early: ExportJobSummary[] = []

  constructor(api: PromptlabelApi, errors: ErrorState, project: ProjectState) {
    this.#api = api
    this.#errors = errors
    this.#project = project
  }

  listen(): () => void {
    const stops = [
      this.#api.subscribe('export.progress', (event) => {
        if (event.jobId === this.jobId) this.progress = event
      }),
      this.#api.subscribe('export.finished', (summary) => this.#onFinished(summary)),
    ]
    return () => stops.forEach((stop) => stop())
  }

  /** Opens the dialog; the proposed target follows once main has chosen its folder. */
  async show(): Promise<void> {
    const info = this.#project.info
    if (!info) return
    if (!this.running) this.result = null
    this.open = true
    void this.#count(info.id)
    if (this.#folder?.projectId !== info.id) {
      if (!this.#targetEdited) this.target = ''
      const answer = await this.#api.invoke('export.suggestFolder', { projectId: info.id })
      const folder = this.#errors.unwrap(answer)
      if (!folder || this.#project.info?.id !== info.id) return
      this.#folder = { projectId: info.id, path: folder.folder }
    }
    if (!this.#targetEdited || this.target === '') this.#suggest()
  }

  close(): void {
    this.open = false
  }

  async #count(projectId: string): Promise<void> {
    const total = (filter: 'reviewed' | 'all') =>
      this.#api.invoke('project.images', { projectId, offset: 0, limit: 1, filter })
    const [reviewed, all] = await Promise.all([total('reviewed'), total('all')])
    if (reviewed.ok && all.ok && this.#project.info?.id === projectId)
      this.counts = { reviewed: reviewed.value.total, all: all.value.total }
  }

  setFormat(format: ExportFormat): void {
    this.format = format
    if (!this.#targetEdited) this.#suggest()
  }

  setCopyImages(copy: boolean): void {
    this.copyImages = copy
    if (!this.#targetEdited) this.#suggest()
  }

  setTarget(target: string): void {
    this.target = target
    this.#targetEdited = target.trim() !== ''
  }

  async pickTarget(): Promise<void> {
    const picked = this.#errors.unwrap(
      await this.#api.invoke('export.pickTarget', { format: this.format }),
    )
    if (picked) this.setTarget(picked)
  }

  async start(): Promise<void> {
    const info = this.#project.info
    if (!info || !this.canStart) return
    this.starting = true
    this.result = null
    this.progress = null
    try {
      const started = await this.#api.invoke('export.start', {
        projectId: info.id,
        format: this.format,
        target: this.target.trim(),
        include: this.includeSuggested ? 'accepted+suggested' : 'accepted',
        images: this.images,
        categoryBase: this.zeroBasedIds ? 0 : 1,
        copyImages: this.format === 'coco' && this.copyImages,
        overwrite: this.overwrite,
        labels: this.labels,
        ...(this.lineWidth === null ? {} : { lineWidth: this.lineWidth }),
      })
      if (!started.ok) {
        this.result = failedResult(this.format, this.target, started.error)
        return
      }
      this.jobId = started.value.jobId
      const early = this.#early.find((s) => s.jobId === started.value.jobId)
      this.#early = []
      if (early) this.#onFinished(early)
    } finally {
      this.starting = false
    }
  }

  async cancel(): Promise<void> {
    const jobId = this.jobId
    if (jobId === null) return
    const result = await this.#api.invoke('export.cancel', { jobId })
    if (!result.ok) this.#errors.show(result.error)
  }

  #onFinished(summary: ExportJobSummary): void {
    if (this.starting && this.jobId === null) this.#early.push(summary)
    if (summary.jobId !== this.jobId) return
    this.jobId = null
    this.result = summary
  }

  #suggest(): void {
    const info = this.#project.info
    const folder = this.#folder
    if (!info || folder?.projectId !== info.id) return
    this.target = suggestTarget(folder.path, info.imagesDir, this.format, this.copyImages)
  }
}

/** A refusal before the export started (bad target, refused options) shown like any outcome. */
function failedResult(
  format: ExportFormat,
  path: string,
  error: ExportJobSummary['error'],
): ExportJobSummary {
  return {
    jobId: '',
    format,
    path,
    images: 0,
    annotations: 0,
    warnings: [],
    cancelled: false,
    error,
  }
}
