import { randomUUID } from 'node:crypto'
import { AppError } from '../../../shared/errors'
import type {
  LabCandidate,
  LabCut,
  LabFinished,
  LabImageDetections,
  LabModel,
  LabScore,
  TruthSummary,
} from '../../../shared/lab'
import type { BatchDeps } from '../batch/batch-service'
import type { RecoveryPolicy } from '../batch/recovery'
import type { EventBus } from '../events'
import type { Logger } from '../platform'
import { createCandidateStore } from './candidate-store'
import { imageDetections } from './image-detections'
import {
  keyedReferences,
  openLabProject,
  sentReferences,
  truthFiles,
  type LabProject,
  type LabProjects,
} from './lab-project'
import { startLabRun } from './lab-run'
import { CandidatePlans, scoreCandidate } from './lab-score'
import { pickCandidates, type CandidateInput } from './candidates'
import { summariseTruth, type TruthImage } from './truth'

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

/** A candidate to run or score: a saved one, or one made up on the spot (the command line). */
export interface LabEntry {
  id: string
  model: LabModel
  cut: LabCut
}

export interface LabRunOptions {
  profileId?: string | undefined
  concurrency?: number | undefined
  maxUploadSide?: number | undefined
  recovery?: RecoveryPolicy | undefined
  /** Scores against these images instead of the project's reviewed ones (a COCO file's). */
  truth?: readonly TruthImage[] | undefined
}

/** The prompt lab: candidates, the truth set, cached runs and scores (issue 13). */
export function createLabService(deps: LabDeps) {
  const { projects } = deps
  const labs = new Map<string, LabProject>()
  const jobs = new Map<
    string,
    { lab: LabProject; cancel(): void; finished: Promise<LabFinished> }
  >()
  const candidates = createCandidateStore()
  const warn = (message: string, fields: Record<string, unknown>): void =>
    deps.logger.warn(message, fields)
  const unsubscribe = deps.events.subscribe('project.imageStatus', (event) =>
    labs.get(event.projectId)?.truth.changed(event.key, event.status),
  )

  function labOf(projectId: string): LabProject {
    let lab = labs.get(projectId)
    if (lab === undefined) labs.set(projectId, (lab = openLabProject(projects, projectId, warn)))
    return lab
  }

  /** The truth set; an index that could not be built is dropped, so the next call tries again. */
  async function truthOf(lab: LabProject, given?: readonly TruthImage[]): Promise<TruthImage[]> {
    if (given !== undefined) return [...given]
    try {
      return await lab.truth.images()
    } catch (error) {
      labs.delete(lab.projectId)
      throw error
    }
  }

  const classOrder = (projectId: string): string[] =>
    projects.storeOf(projectId).file.classes.map((c) => c.name)

  async function start(projectId: string, entries: readonly LabEntry[], options: LabRunOptions) {
    const lab = labOf(projectId)
    if (lab.jobId !== null) {
      throw new AppError(
        'invalid-input',
        'The prompt lab is already running for this project: wait for it to finish or cancel it.',
      )
    }
    const images = await truthOf(lab, options.truth)
    if (images.length === 0) {
      throw new AppError(
        'invalid-input',
        'No image of this project is reviewed yet, so there is nothing to score against.',
        {
          hint: 'Review a few images first: accept, reject or draw their boxes, or confirm them empty.',
        },
      )
    }
    const access = await deps.servers(options.profileId)
    const upload = {
      maxSide: options.maxUploadSide ?? access.maxUploadSide,
      maxBytes: access.maxUploadBytes,
    }
    const [cache, hashes] = await Promise.all([lab.cache, lab.hashes])
    await cache.useSettings(upload)
    const jobId = randomUUID()
    const run = startLabRun({
      jobId,
      projectId,
      candidates: entries.map((entry) => ({
        id: entry.id,
        model: entry.model,
        references: () => sentReferences(projects, lab, entry.model, deps.openImage),
      })),
      images: truthFiles(projects, projectId, images),
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
    lab.jobId = jobId
    const finished = run.finished
      .finally(() => {
        lab.jobId = null
        jobs.delete(jobId)
      })
      .then((summary) => {
        deps.events.emit('lab.finished', summary)
        return summary
      })
    jobs.set(jobId, { lab, cancel: run.cancel, finished })
    return { jobId, finished }
  }

  async function scoreEntries(
    projectId: string,
    entries: readonly LabEntry[],
    iou: number,
    given?: readonly TruthImage[],
  ): Promise<LabScore> {
    const lab = labOf(projectId)
    const images = await truthOf(lab, given)
    const truth = summariseTruth(images, classOrder(projectId))
    const [cache, hashes] = await Promise.all([lab.cache, lab.hashes])
    const files = truthFiles(projects, projectId, images)
    const known = await Promise.all(files.map((f) => hashes.known(f.path)))
    const shas = new Map(files.map((f, i) => [f.key, known[i] ?? null]))
    const truthClasses = truth.classes.map((c) => c.className)
    const scores = []
    for (const entry of entries) {
      const references = await keyedReferences(projects, lab, entry.model)
      const upload = cache.settings
      scores.push(
        scoreCandidate({
          candidateId: entry.id,
          model: entry.model,
          cut: entry.cut,
          iou,
          truth: images,
          truthClasses,
          shaOf: (key) => shas.get(key) ?? null,
          plans:
            references === null || upload === null
              ? null
              : new CandidatePlans(entry.model, references, upload),
          answer: (key) => cache.get(key),
        }),
      )
    }
    return { truth, iou, candidates: scores }
  }

  const dirOf = (projectId: string): string => labOf(projectId).dir

  return {
    async truth(projectId: string): Promise<TruthSummary> {
      return summariseTruth(await truthOf(labOf(projectId)), classOrder(projectId))
    },
    candidates: (projectId: string): Promise<LabCandidate[]> => candidates.list(dirOf(projectId)),
    saveCandidate: (projectId: string, input: CandidateInput): Promise<LabCandidate[]> =>
      candidates.save(dirOf(projectId), input),
    deleteCandidate: (projectId: string, id: string): Promise<LabCandidate[]> =>
      candidates.remove(dirOf(projectId), id),
    async run(input: { projectId: string; candidateIds: string[] } & LabRunOptions) {
      const saved = pickCandidates(
        await candidates.list(dirOf(input.projectId)),
        input.candidateIds,
      )
      return start(input.projectId, saved, input)
    },
    /** Runs candidates that need not be saved (the command line); `finished` settles with the run. */
    runEntries: start,
    cancel(jobId: string): { cancelled: boolean } {
      const job = jobs.get(jobId)
      job?.cancel()
      return { cancelled: job !== undefined }
    },
    async score(input: {
      projectId: string
      candidateIds: string[]
      iou: number
      cuts: Record<string, LabCut>
    }): Promise<LabScore> {
      const saved = pickCandidates(
        await candidates.list(dirOf(input.projectId)),
        input.candidateIds,
      )
      const entries = saved.map((c) => ({ ...c, cut: input.cuts[c.id] ?? c.cut }))
      return scoreEntries(input.projectId, entries, input.iou)
    },
    /** Scores candidates that need not be saved, optionally against a truth of their own. */
    scoreEntries,
    async detections(input: {
      projectId: string
      candidateId: string
      key: string
      cut?: LabCut | undefined
    }): Promise<LabImageDetections> {
      const lab = labOf(input.projectId)
      const [candidate] = pickCandidates(await candidates.list(lab.dir), [input.candidateId])
      const images = await truthOf(lab)
      const [cache, hashes] = await Promise.all([lab.cache, lab.hashes])
      const references = await keyedReferences(projects, lab, candidate!.model)
      return imageDetections({
        candidate: candidate!,
        cut: input.cut ?? candidate!.cut,
        key: input.key,
        inTruth: images.some((image) => image.key === input.key),
        sha: await hashes.known(projects.imagePath(input.projectId, input.key)),
        plans:
          references === null || cache.settings === null
            ? null
            : new CandidatePlans(candidate!.model, references, cache.settings),
        answer: (key) => cache.get(key),
      })
    },
    async close(): Promise<void> {
      unsubscribe()
      for (const job of jobs.values()) job.cancel()
      await Promise.allSettled([...jobs.values()].map((job) => job.finished))
      for (const lab of labs.values()) await (await lab.cache.catch(() => null))?.close()
      labs.clear()
    },
  }
}

export type LabService = ReturnType<typeof createLabService>
