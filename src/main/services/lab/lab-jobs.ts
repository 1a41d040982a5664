import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type { LabFinished } from '../../../shared/lab'
import type { BatchDeps } from '../batch/batch-service'
import type { RecoveryPolicy } from '../batch/recovery'
import type { EventBus } from '../events'
import type { Logger } from '../platform'
import { sentReferences, truthFiles, type LabProject, type LabProjects } from './lab-project'
import { startLabRun } from './lab-run'
import type { LabEntry } from './lab-scoring'
import type { TruthImage } from './truth'

export interface LabDeps {
  projects: LabProjects
  openImage: BatchDeps['openImage']
  detect: BatchDeps['detect']
  /** The profile's servers and upload settings. */
  servers(profileId?: string): Promise<{
    baseUrls: string[]
    maxConcurrency: number
    maxUploadSide: number
    maxUploadBytes: number
  }>
  events: EventBus
  logger: Logger
}

export interface LabRunOptions {
  profileId?: string | undefined
  concurrency?: number | undefined
  maxUploadSide?: number | undefined
  recovery?: RecoveryPolicy | undefined
  /** Runs over these images instead of the project's reviewed ones (a COCO file's truth). */
  truth?: readonly TruthImage[] | undefined
}

const NO_TRUTH = new AppError(
  'invalid-input',
  'No image of this project is reviewed yet, so there is nothing to score against.',
  { hint: 'Review a few images first: accept, reject or draw their boxes, or confirm them empty.' },
)

/** The prompt lab's runs: at most one per project, each with its job id, cancellable. */
export function createLabJobs(
  deps: LabDeps,
  truthOf: (lab: LabProject, given?: readonly TruthImage[]) => Promise<TruthImage[]>,
) {
  const { projects } = deps
  const jobs = new Map<string, { cancel(): void; finished: Promise<LabFinished> }>()

  /** Starts a run of candidates over the truth set; `finished` settles (and 'lab.finished' fires) at its end. */
  async function start(lab: LabProject, entries: readonly LabEntry[], options: LabRunOptions) {
    if (lab.jobId !== null) {
      throw new AppError(
        'invalid-input',
        'The prompt lab is already running for this project: wait for it to finish or cancel it.',
      )
    }
    const jobId = randomUUID()
    lab.jobId = jobId
    let run: ReturnType<typeof startLabRun>
    try {
      run = await prepareRun(lab, jobId, entries, options)
    } catch (error) {
      lab.jobId = null
      throw error
    }
    const finished = run.finished
      .finally(() => {
        lab.jobId = null
        jobs.delete(jobId)
      })
      .then((summary) => {
        deps.events.emit('lab.finished', summary)
        return summary
      })
    jobs.set(jobId, { cancel: run.cancel, finished })
    return { jobId, finished }
  }

  async function prepareRun(
    lab: LabProject,
    jobId: string,
    entries: readonly LabEntry[],
    options: LabRunOptions,
  ) {
    const images = await truthOf(lab, options.truth)
    if (images.length === 0) throw NO_TRUTH
    const access = await deps.servers(options.profileId)
    const upload = {
      maxSide: options.maxUploadSide ?? access.maxUploadSide,
      maxBytes: access.maxUploadBytes,
    }
    const [cache, hashes] = await Promise.all([lab.cache, lab.hashes])
    await cache.useSettings(upload)
    return startLabRun({
      jobId,
      projectId: lab.projectId,
      candidates: entries.map((entry) => ({
        id: entry.id,
        model: entry.model,
        references: () => sentReferences(projects, lab, entry.model, deps.openImage),
      })),
      images: truthFiles(projects, lab.projectId, images),
      cache,
      hashes,
      upload,
      servers: access,
      profileId: options.profileId,
      concurrency: options.concurrency,
      recovery: options.recovery,
      detect: deps.detect,
      openImage: deps.openImage,
      onProgress: (progress) => deps.events.emit('lab.progress', progress),
    })
  }

  return {
    start,
    cancel(jobId: string): { cancelled: boolean } {
      const job = jobs.get(jobId)
      job?.cancel()
      return { cancelled: job !== undefined }
    },
    async cancelAll(): Promise<void> {
      for (const job of jobs.values()) job.cancel()
      await Promise.allSettled([...jobs.values()].map((job) => job.finished))
    },
  }
}
