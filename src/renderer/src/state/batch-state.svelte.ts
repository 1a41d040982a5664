import type { BatchProgress, BatchScope, BatchSummary } from '../../../shared/batch'
import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { EventMap, ModelSpecInput } from '../../../shared/contract'
import type { ImageStatus } from '../../../shared/project'
import type { SpecOutcome } from '../core/model-specs'
import type { ErrorState } from './error-state.svelte'
import type { ProjectState } from './project-state.svelte'

/** The scopes a user picks from; a selection is run by other commands. */
export type RunScope = Exclude<BatchScope, 'selection'>

/** What the batch panel needs from the rest of the app, read when a run starts. */
export interface BatchSources {
  /** The model as the model panel has it now. */
  model(): SpecOutcome
  /** The profile the run uses (the active one); main falls back to it when undefined. */
  profileId(): string | undefined
}

/** A finished run and the project's badges once it was over. */
export interface RunReport {
  summary: BatchSummary
  scope: BatchScope
  counts: Record<ImageStatus, number> | null
  /** Wall-clock seconds from start to end, as the user waited them. */
  seconds: number
}

/** Runs the chosen model over the open project's images, with live progress, pause and cancel. */
export class BatchState {
  scope = $state<RunScope>('all')
  /** Parallel requests; null follows the profile's setting. */
  concurrency = $state<number | null>(null)
  jobId = $state<string | null>(null)
  progress = $state.raw<(BatchProgress & { jobId: string }) | null>(null)
  report = $state.raw<RunReport | null>(null)
  starting = $state(false)
  /** A control call in flight (pause, resume, cancel), so its button waits for main. */
  busy = $state(false)

  readonly running = $derived(this.jobId !== null)
  readonly paused = $derived(this.progress?.state === 'paused')
  readonly blocker = $derived.by(() => this.#blocker())
  readonly canRun = $derived(this.blocker === null && !this.running && !this.starting)

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #project: ProjectState
  readonly #sources: BatchSources
  #runScope: BatchScope = 'all'
  #startedAt = 0
  /** Runs that ended before `batch.start` answered (an empty scope ends at once). */
  #early: BatchSummary[] = []

  constructor(
    api: PromptlabelApi,
    errors: ErrorState,
    project: ProjectState,
    sources: BatchSources,
  ) {
    this.#api = api
    this.#errors = errors
    this.#project = project
    this.#sources = sources
  }

  /** Follows runs of the open project, also one started before a reload; returns the unsubscribe. */
  listen(): () => void {
    const stops = [
      this.#api.subscribe('batch.progress', (event) => this.#onProgress(event)),
      this.#api.subscribe('batch.finished', (summary) => void this.#onFinished(summary)),
    ]
    return () => stops.forEach((stop) => stop())
  }

  /** Runs the model over the images the chosen scope names (Ctrl+B). */
  async runAll(scope: RunScope = this.scope): Promise<void> {
    const info = this.#project.info
    const { spec, problem } = this.#sources.model()
    if (!info || this.running || this.starting) return
    if (spec === null) {
      this.#errors.show({ code: 'invalid-input', message: problem })
      return
    }
    await this.#start(info.id, spec, scope)
  }

  /** Runs again on the images that failed, alone. */
  async retryFailed(): Promise<void> {
    await this.runAll('failed')
  }

  async pause(): Promise<void> {
    await this.#control('batch.pause')
  }

  async resume(): Promise<void> {
    await this.#control('batch.resume')
  }

  async cancel(): Promise<void> {
    await this.#control('batch.cancel')
  }

  dismissReport(): void {
    this.report = null
  }

  async #start(projectId: string, model: ModelSpecInput, scope: BatchScope): Promise<void> {
    this.starting = true
    this.report = null
    this.#errors.dismiss()
    try {
      const started = await this.#api.invoke('batch.start', {
        projectId,
        model,
        scope,
        profileId: this.#sources.profileId(),
        ...(this.concurrency === null ? {} : { concurrency: this.concurrency }),
      })
      if (!started.ok) return this.#errors.show(started.error)
      this.#runScope = scope
      this.#startedAt = Date.now()
      // Progress events may have come first; keep them if they are this run's.
      this.jobId = started.value.jobId
      if (this.progress?.jobId !== started.value.jobId) this.progress = null
      const early = this.#early.find((s) => s.jobId === started.value.jobId)
      this.#early = []
      if (early) void this.#onFinished(early)
    } finally {
      this.starting = false
    }
  }

  async #control(channel: 'batch.pause' | 'batch.resume' | 'batch.cancel'): Promise<void> {
    const jobId = this.jobId
    if (jobId === null || this.busy) return
    this.busy = true
    try {
      const result = await this.#api.invoke(channel, { jobId })
      if (!result.ok) return this.#errors.show(result.error)
      if (this.jobId === jobId) this.#apply({ ...result.value, jobId })
    } finally {
      this.busy = false
    }
  }

  #onProgress(event: EventMap['batch.progress']): void {
    if (event.jobId !== this.jobId) {
      // Another run of this project: the one being started, or one that outlived a reload.
      if (this.jobId !== null || event.projectDir !== this.#project.info?.dir) return
      if (!this.starting) {
        if (event.state === 'finished' || event.state === 'cancelled') return
        this.jobId = event.jobId
        this.#startedAt = Date.now()
      }
    }
    const { projectDir: _, ...progress } = event
    this.#apply(progress)
  }

  /** Keeps the newest snapshot of the run: an answer to Pause can arrive after later events. */
  #apply(next: BatchProgress & { jobId: string }): void {
    const current = this.progress
    if (current && current.jobId === next.jobId && next.seq < current.seq) return
    this.progress = next
  }

  async #onFinished(summary: BatchSummary): Promise<void> {
    if (this.starting && this.jobId === null) this.#early.push(summary)
    if (summary.jobId !== this.jobId) return
    this.jobId = null
    if (this.progress)
      this.progress = { ...this.progress, state: summary.cancelled ? 'cancelled' : 'finished' }
    const seconds = (Date.now() - this.#startedAt) / 1000
    const counts = await this.#project.list.countByStatus()
    this.report = { summary, scope: this.#runScope, counts, seconds }
  }

  #blocker(): string | null {
    if (!this.#project.info) return 'Open a folder of images first.'
    return this.#sources.model().problem
  }
}
