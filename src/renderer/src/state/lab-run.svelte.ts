import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { LabFinished, LabProgress } from '../../../shared/lab'
import type { ErrorState } from './error-state.svelte'
import type { LabLinks } from './lab-links'

/**
 * One lab run: the chosen candidates over the truth set, through main's batch engine. Answers
 * main already holds come from its cache, so the progress counts them apart from the requests.
 */
export class LabRun {
  jobId = $state<string | null>(null)
  progress = $state.raw<LabProgress | null>(null)
  /** The last run's end, with its failures. */
  finished = $state.raw<LabFinished | null>(null)
  starting = $state(false)

  readonly running = $derived(this.jobId !== null || this.starting)

  readonly #api: PromptlabelApi
  readonly #errors: ErrorState
  readonly #links: LabLinks
  readonly #onFinished: () => void
  /** Ends that arrived before `lab.run` answered (a run wholly from the cache ends at once). */
  #early: LabFinished[] = []

  constructor(api: PromptlabelApi, errors: ErrorState, links: LabLinks, onFinished: () => void) {
    this.#api = api
    this.#errors = errors
    this.#links = links
    this.#onFinished = onFinished
  }

  listen(): () => void {
    const stops = [
      this.#api.subscribe('lab.progress', (event) => this.#onProgress(event)),
      this.#api.subscribe('lab.finished', (event) => this.#end(event)),
    ]
    return () => stops.forEach((stop) => stop())
  }

  async start(candidateIds: readonly string[]): Promise<void> {
    const project = this.#links.project()
    if (!project || this.running || candidateIds.length === 0) return
    this.starting = true
    this.finished = null
    try {
      const started = await this.#api.invoke('lab.run', {
        projectId: project.id,
        candidateIds: [...candidateIds],
        profileId: this.#links.profileId(),
      })
      if (!started.ok) return this.#errors.show(started.error)
      this.jobId = started.value.jobId
      // Progress events may have come first; keep them if they are this run's.
      if (this.progress?.jobId !== started.value.jobId) this.progress = null
      const ended = this.#early.find((e) => e.jobId === started.value.jobId)
      this.#early = []
      if (ended) this.#end(ended)
    } finally {
      this.starting = false
    }
  }

  async cancel(): Promise<void> {
    const jobId = this.jobId
    if (jobId === null) return
    this.#errors.unwrap(await this.#api.invoke('lab.cancel', { jobId }))
  }

  #onProgress(event: LabProgress): void {
    if (event.jobId === this.jobId) {
      this.progress = event
      return
    }
    // This project's run: the one being started, or one that outlived a reload of the window.
    if (this.jobId !== null || event.projectId !== this.#links.project()?.id) return
    if (!this.starting) {
      if (event.state !== 'running') return
      this.jobId = event.jobId
    }
    this.progress = event
  }

  #end(event: LabFinished): void {
    if (this.starting && this.jobId === null) this.#early.push(event)
    if (event.jobId !== this.jobId) return
    this.jobId = null
    this.progress = event
    this.finished = event
    this.#onFinished()
  }
}
