import { randomUUID } from 'node:crypto'
import type { DetectionResult } from '../../../shared/contract'
import { AppError, isAppError } from '../../../shared/errors'
import type { LabFinished, LabModel, LabProgress } from '../../../shared/lab'
import type { BatchDeps } from '../batch/batch-service'
import { DEFAULT_RECOVERY, type RecoveryPolicy } from '../batch/recovery'
import { RunTally } from '../batch/run-tally'
import { startBatch, type Outcome } from '../batch/scheduler'
import type { AnswerCache } from './answer-cache'
import type { ImageHashes } from './image-hashes'
import { floorSpec, type SentReference, type UploadSettings } from './lab-request'
import { CandidatePlans } from './lab-score'

/** A candidate as a run needs it: its model, and how to open its OwlV2 references. */
export interface RunCandidate {
  id: string
  model: LabModel
  /** The references as sent (hashed, opened); throws an AppError when one cannot be read. */
  references(): Promise<SentReference[]>
}

export interface LabRunInput {
  jobId: string
  projectId: string
  candidates: readonly RunCandidate[]
  /** The truth images, with their files. */
  images: readonly { key: string; path: string }[]
  cache: AnswerCache
  hashes: ImageHashes
  upload: UploadSettings
  servers: { baseUrls: string[]; maxConcurrency: number }
  profileId?: string | undefined
  concurrency?: number | undefined
  recovery?: RecoveryPolicy | undefined
  detect: BatchDeps['detect']
  openImage: BatchDeps['openImage']
  onProgress(progress: LabProgress): void
}

/** One request: a candidate on an image (or the reason it cannot be asked). */
interface Item {
  id: string
  candidate: RunCandidate
  path: string
  references: readonly SentReference[]
  key: string
  error?: AppError
}

const asAppError = (error: unknown): AppError =>
  isAppError(error)
    ? error
    : new AppError('internal', error instanceof Error ? error.message : String(error))

/** Images hashed ahead of the one being looked up. */
const HASH_AHEAD = 4

/** Cached-only progress is told at most this often (a run that is all cached walks fast). */
const CACHED_REPORT_MS = 100

/**
 * Runs candidates over truth images through the batch engine's scheduler (its sliding window, its
 * server pool and its recovery passes): an answer already cached counts as done without a request,
 * an image a candidate leaves out (leave-one-out) is not asked, every new answer is cached (synced)
 * as it arrives, so a run after a cancel or a crash sends only what is missing.
 */
export function startLabRun(input: LabRunInput): {
  cancel(): void
  finished: Promise<LabFinished>
} {
  const { cache, hashes, upload } = input
  const tally = new RunTally()
  /** Each item's candidate and image, and its place in the run (candidate order, then image order). */
  const owners = new Map<string, { candidateId: string; key: string; order: number }>()
  let total = input.candidates.length * input.images.length
  let cached = 0
  /** Answers that came back but could not be written to the cache: failures, not done. */
  let unsaved = 0
  let lastCachedReport = 0
  let last = { done: 0, failed: 0, inFlight: 0 }
  let state: LabProgress['state'] = 'running'

  const progress = (): LabProgress => ({
    jobId: input.jobId,
    projectId: input.projectId,
    total,
    cached,
    done: cached + last.done - unsaved,
    failed: last.failed,
    inFlight: last.inFlight,
    state,
  })

  /** Files whose hash this run has asked for already. */
  const asked = new Set<string>()

  async function* items(): AsyncGenerator<Item> {
    for (const [index, candidate] of input.candidates.entries()) {
      let references: SentReference[] = []
      let failure: AppError | undefined
      try {
        references = await candidate.references()
      } catch (error) {
        failure = asAppError(error)
      }
      const plans = new CandidatePlans(candidate.model, references, upload)
      for (const [at, image] of input.images.entries()) {
        // Hashes the next few images while this one is looked up, off the path of the next request.
        for (const next of input.images.slice(at + 1, at + 1 + HASH_AHEAD)) {
          if (asked.has(next.path)) continue
          asked.add(next.path)
          hashes.hash(next.path).catch(() => undefined)
        }
        const id = `${index}:${image.key}`
        owners.set(id, { candidateId: candidate.id, key: image.key, order: owners.size })
        const base = { id, candidate, path: image.path, references, key: '' }
        if (failure !== undefined) {
          yield { ...base, error: failure }
          continue
        }
        let sha: string
        try {
          sha = await hashes.hash(image.path)
        } catch (error) {
          yield { ...base, error: asAppError(error) }
          continue
        }
        const { plan, key } = plans.plan(sha)
        if (plan.kind === 'left-out' || key === null) {
          total--
          continue
        }
        if (cache.get(key) !== undefined) {
          cached++
          if (Date.now() - lastCachedReport > CACHED_REPORT_MS) {
            lastCachedReport = Date.now()
            input.onProgress(progress())
          }
          continue
        }
        yield { ...base, references: plan.references, key }
      }
    }
  }

  const handle = startBatch<Item, DetectionResult>({
    items: items(),
    concurrency: input.concurrency ?? input.servers.maxConcurrency,
    servers: input.servers.baseUrls,
    recovery: input.recovery ?? DEFAULT_RECOVERY,
    retryable: (item) => tally.worthRetrying(item.id),
    async run(item, baseUrl, signal) {
      if (item.error !== undefined) throw item.error
      const image = await input.openImage(item.path)
      const request = {
        requestId: randomUUID(),
        imageId: image.id,
        model: floorSpec(item.candidate.model, item.references),
        maxUploadSide: upload.maxSide,
        ...(input.profileId === undefined ? {} : { profileId: input.profileId }),
      }
      return input.detect(request, { baseUrl, signal })
    },
    async record(item, outcome: Outcome<DetectionResult>) {
      if (!outcome.ok) return tally.failure(item.id, outcome.error)
      const { width, height, detections } = outcome.value
      try {
        await cache.put(item.key, { width, height, detections })
        tally.success(item.id, [])
      } catch (error) {
        // Not cached, so not scored: listed as a failure, and the next run asks again.
        unsaved++
        tally.failure(item.id, asAppError(error).toData())
      }
    },
    onProgress(p) {
      last = { done: p.done, failed: p.failed, inFlight: p.inFlight }
      input.onProgress(progress())
    },
  })

  const finished = handle.finished.then((result): LabFinished => {
    state = result.cancelled ? 'cancelled' : 'finished'
    last = { done: result.done, failed: tally.failed, inFlight: 0 }
    // In the run's order, whichever request happened to fail first.
    const failures = tally
      .report()
      .failures.map((f) => ({ owner: owners.get(f.key)!, message: f.error.message }))
      .sort((a, b) => a.owner.order - b.owner.order)
      .map(({ owner, message }) => ({ candidateId: owner.candidateId, key: owner.key, message }))
    return { ...progress(), failures }
  })
  return { cancel: () => handle.cancel(), finished }
}
