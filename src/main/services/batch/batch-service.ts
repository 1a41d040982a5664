import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import type { BatchScope, BatchSummary } from '../../../shared/batch'
import type { DetectionResult } from '../../../shared/contract'
import { AppError } from '../../../shared/errors'
import type { ModelSpec } from '../../../shared/model-spec'
import { withClasses } from '../projects/project-file'
import { resultLogPath, type ProjectStore } from '../projects/project-store'
import { scanFolder, type ScanReport, type ScannedFile } from './folder-scan'
import type { BatchProgress } from './progress'
import { DEFAULT_RECOVERY, type RecoveryPolicy } from './recovery'
import { recordOutcome, type RecordedListener } from './record-outcome'
import { readResultLog, ResultLog } from './result-log'
import { computeRunKey } from './run-key'
import { earlierFailures, resumableRun, skipRule } from './run-plan'
import { RunTally } from './run-tally'
import { startBatch, type BatchHandle } from './scheduler'

export interface BatchStartInput {
  projectDir: string
  /** Needed when the project does not exist yet. */
  imagesDir?: string
  model: ModelSpec
  profileId?: string
  scope: BatchScope
  keys?: string[]
  concurrency?: number
  maxUploadSide?: number
  /** Recovery passes for images that failed for a reason that can pass (DEFAULT_RECOVERY). */
  recovery?: RecoveryPolicy
}

export interface BatchEvents {
  progress(event: BatchProgress & { jobId: string; projectDir: string }): void
  finished(summary: BatchSummary): void
  recorded?: RecordedListener
}

export interface BatchDeps {
  /** The project's one store: the same instance the open project uses, so writes never race. */
  openStore(projectDir: string, imagesDir?: string): Promise<ProjectStore>
  openImage(path: string): Promise<{ id: string; width: number; height: number }>
  pathOf(imageId: string): string | undefined
  detect(
    input: {
      requestId: string
      imageId: string
      model: ModelSpec
      profileId?: string
      maxUploadSide?: number
    },
    options: { baseUrl: string; signal: AbortSignal },
  ): Promise<DetectionResult>
  servers(profileId?: string): Promise<{ baseUrls: string[]; maxConcurrency: number }>
  events: BatchEvents
}

/** The class names a model run asks for, in the user's order. */
export function classesOf(model: ModelSpec): string[] {
  switch (model.kind) {
    case 'grounding-dino':
      return model.classes
    case 'moondream2':
      return model.prompts
    case 'hosted':
      return model.classes
    case 'owlv2':
      return model.references.flatMap((r) =>
        r.boxes.filter((b) => !b.negative).map((b) => b.className),
      )
  }
}

/**
 * Runs a model over a project's folder: results stream to an fsynced log and into each image's
 * annotations as they arrive, so a crash loses at most the requests in flight; starting the same
 * run again resumes it without redoing finished images. Images that failed for a reason that can
 * pass get recovery passes at the end; the log keeps the latest outcome per image, so a later
 * success supersedes the failure before it.
 */
export function createBatchService(deps: BatchDeps) {
  const jobs = new Map<string, { handle: BatchHandle; projectDir: string }>()

  async function start(
    input: BatchStartInput,
  ): Promise<{ jobId: string; finished: Promise<BatchSummary> }> {
    for (const job of jobs.values()) {
      if (job.projectDir === input.projectDir) {
        throw new AppError(
          'invalid-input',
          'A run is already going on for this project. Pause or cancel it first.',
        )
      }
    }
    const store = await deps.openStore(input.projectDir, input.imagesDir)
    const runKey = computeRunKey(input.model, deps.pathOf)
    const resumable = resumableRun(store.file.runs, runKey, input.scope)
    const resumed = resumable !== null
    const runId = resumable?.runId ?? randomUUID()
    if (!resumed) {
      await store.update((f) => ({
        // The user's class order comes first, so export ids follow it rather than arrival order.
        ...withClasses(f, classesOf(input.model)),
        profileId: input.profileId ?? f.profileId,
        runs: [
          ...f.runs,
          {
            runId,
            runKey,
            scope: input.scope,
            model: input.model,
            startedAt: new Date().toISOString(),
            finishedAt: null,
          },
        ],
      }))
    }
    const { latest } = await readResultLog(resultLogPath(store.dir))
    const skip = skipRule(input.scope, resumable?.runId ?? null, latest)
    const scan: ScanReport = { images: 0, otherFiles: 0, unreadableFolders: [] }
    let skipped = 0
    async function* items(): AsyncGenerator<ScannedFile> {
      const source =
        input.scope === 'selection'
          ? (input.keys ?? []).map((key) => ({ key, path: join(store.file.imagesDir, key) }))
          : scanFolder(store.file.imagesDir, scan)
      for await (const file of source) {
        if (skip(file.key)) skipped++
        else yield file
      }
    }
    const servers = await deps.servers(input.profileId)
    const log = await ResultLog.open(resultLogPath(store.dir))
    const tally = new RunTally(earlierFailures(latest, resumable?.runId ?? null))
    const jobId = randomUUID()

    const handle = startBatch<ScannedFile, DetectionResult>({
      items: items(),
      concurrency: input.concurrency ?? servers.maxConcurrency,
      servers: servers.baseUrls,
      recovery: input.recovery ?? DEFAULT_RECOVERY,
      retryable: (file) => tally.worthRetrying(file.key),
      async run(file, baseUrl, signal) {
        const image = await deps.openImage(file.path)
        return deps.detect(
          {
            requestId: randomUUID(),
            imageId: image.id,
            model: input.model,
            profileId: input.profileId,
            maxUploadSide: input.maxUploadSide,
          },
          { baseUrl, signal },
        )
      },
      record: recordOutcome({ store, log, tally, runId, runKey, events: deps.events }),
      onProgress: (p) => deps.events.progress({ ...p, skipped, jobId, projectDir: store.dir }),
    })
    jobs.set(jobId, { handle, projectDir: input.projectDir })

    const finished = handle.finished
      .finally(async () => {
        jobs.delete(jobId)
        await log.close()
      })
      .then(async (result) => {
        if (!result.cancelled) {
          await store.update((f) => ({
            ...f,
            runs: f.runs.map((r) =>
              r.runId === runId ? { ...r, finishedAt: new Date().toISOString() } : r,
            ),
          }))
        }
        await store.flush()
        const { failures, badFiles } = tally.report()
        const summary: BatchSummary = {
          jobId,
          runId,
          resumed,
          done: result.done,
          failed: tally.failed,
          skipped,
          cancelled: result.cancelled,
          failures,
          recovered: tally.recovered,
          badFiles,
          recoveryPasses: result.recoveryPasses,
          scan,
          boxesPerClass: tally.boxesPerClass,
        }
        deps.events.finished(summary)
        return summary
      })
    return { jobId, finished }
  }

  function job(jobId: string): BatchHandle {
    const found = jobs.get(jobId)
    if (!found) throw new AppError('not-found', 'That run has already ended.')
    return found.handle
  }

  return {
    start,
    pause: (jobId: string) => job(jobId).pause(),
    resume: (jobId: string) => job(jobId).resume(),
    cancel: (jobId: string) => job(jobId).cancel(),
    progress: (jobId: string) => job(jobId).progress(),
    async cancelAll(): Promise<void> {
      for (const { handle } of jobs.values()) handle.cancel()
    },
  }
}

export type BatchService = ReturnType<typeof createBatchService>
