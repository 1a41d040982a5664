import type { PromptlabelApi } from '../../../shared/bridge-api'
import type { SetupJob, SetupLogEvent } from '../../../shared/server-setup'

const KEPT_LINES = 300

/** A start's snapshot with one more step of its log applied. */
export function withLogEvent(job: SetupJob, event: SetupLogEvent): SetupJob {
  const lines = event.line ? [...job.lines, event.line].slice(-KEPT_LINES) : job.lines
  return { ...job, phase: event.phase, lines, problem: event.problem ?? job.problem }
}

/** A local server started in Docker by main, followed through its `setup.log` events. */
export class DockerStart {
  job = $state.raw<SetupJob | null>(null)
  starting = $state(false)
  gpu = $state(false)
  error = $state('')
  readonly busy = $derived(
    this.starting ||
      (this.job !== null && ['starting', 'pulling', 'waiting'].includes(this.job.phase)),
  )

  readonly #api: PromptlabelApi
  readonly #onReady: (url: string) => void
  #pending = false
  #early: SetupLogEvent[] = []
  /** The start whose ready server was already reported (each start is reported once). */
  #readyJob: string | null = null

  constructor(api: PromptlabelApi, onReady: (url: string) => void) {
    this.#api = api
    this.#onReady = onReady
  }

  /** Follows main's log events; returns what stops following. */
  listen(): () => void {
    return this.#api.subscribe('setup.log', (event) => {
      if (this.job?.jobId === event.jobId) this.#set(withLogEvent(this.job, event))
      else if (this.#pending) this.#early.push(event)
    })
  }

  /** Picks up a start made before this window (re)loaded. */
  adopt(job: SetupJob | null): void {
    if (this.job === null && job !== null) this.#set(job)
  }

  async start(url: string, existing = false): Promise<void> {
    this.starting = true
    this.error = ''
    this.#pending = true
    this.#early = []
    try {
      const input = { url, gpu: this.gpu, existing }
      const started = await this.#api.invoke('setup.startLocalServer', input)
      if (!started.ok) {
        this.error = started.error.message
        return
      }
      // Lines that overtook the answer (events and calls travel separately) are applied in order.
      let job = started.value
      for (const event of this.#early) if (event.jobId === job.jobId) job = withLogEvent(job, event)
      this.#set(job)
    } finally {
      this.#pending = false
      this.#early = []
      this.starting = false
    }
  }

  async stop(): Promise<void> {
    const stopped = await this.#api.invoke('setup.stopLocalServer', {})
    if (!stopped.ok) this.error = stopped.error.message
  }

  #set(job: SetupJob): void {
    this.job = job
    if (job.phase === 'ready' && this.#readyJob !== job.jobId) {
      this.#readyJob = job.jobId
      this.#onReady(job.url)
    }
  }
}
