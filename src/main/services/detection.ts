import type { DetectionResult, EventMap, ModelSpec } from '../../shared/contract'
import { AppError, isAppError } from '../../shared/errors'
import {
  createUploadCache,
  runDetector,
  type DetectionServer,
  type DetectorContext,
  type Rendition,
  type StatusFn,
  type UploadCache,
} from './detectors'
import { readImageInfo } from './images'
import type { InferenceHttp } from './inference/http-client'
import type { Logger } from './platform'

export type { DetectionServer, Rendition } from './detectors'
export { describeRetry, joinUrl } from './detectors'

export interface DetectionDeps {
  http: InferenceHttp
  /** The profile's server: a structural subset of the profiles service's ServerAccess. */
  getServer: (profileId?: string) => Promise<DetectionServer>
  images: {
    pathOf(imageId: string): string | undefined
    /** Keeps a server-rendered picture and returns the URL the renderer shows it by. */
    addRendition(image: Rendition): string
  }
  emit: (event: EventMap['detection.status']) => void
  logger?: Logger
  /** Reference-image uploads kept between runs; one is made when absent. */
  uploads?: UploadCache
}

export interface DetectionInput {
  requestId: string
  imageId: string
  model: ModelSpec
  /** Runs against this profile instead of the active one. */
  profileId?: string
  /** Overrides the profile's upload downscale for this run (0 = send the full image). */
  maxUploadSide?: number
}

export interface RunOptions {
  /** Sends to this server instead of the profile's first one (batch runs spread over several). */
  baseUrl?: string
  /** Aborts the run, like `cancel` with its request id. */
  signal?: AbortSignal
}

export interface DetectionService {
  run(input: DetectionInput, options?: RunOptions): Promise<DetectionResult>
  cancel(input: { requestId: string }): { cancelled: boolean }
}

const cancelled = (): AppError => new AppError('cancelled', 'The request was cancelled.')

/** Runs detections on opened images against a profile's server, one AbortController per request. */
export function createDetectionService(deps: DetectionDeps): DetectionService {
  const running = new Map<string, AbortController>()
  const uploads = deps.uploads ?? createUploadCache()
  const log = deps.logger

  function pathOf(imageId: string): string {
    const path = deps.images.pathOf(imageId)
    if (path === undefined) {
      throw new AppError('not-found', 'That image is no longer open. Open it again and retry.')
    }
    return path
  }

  async function detect(
    input: DetectionInput,
    options: RunOptions,
    signal: AbortSignal,
    status: StatusFn,
  ): Promise<DetectionResult> {
    const started = performance.now()
    const { requestId, imageId, model } = input
    status('preparing', 'Preparing the image')
    pathOf(imageId)
    const profile = await deps.getServer(input.profileId)
    const server =
      options.baseUrl === undefined ? profile : { ...profile, baseUrl: options.baseUrl }
    const ctx: DetectorContext = {
      http: deps.http,
      server,
      signal,
      status,
      requestId,
      imageId,
      upload: {
        maxSide: input.maxUploadSide ?? server.maxUploadSide,
        maxBytes: server.maxUploadBytes ?? 0,
      },
      prepare: async (id, keep = false) => {
        const upload = await uploads.prepare(pathOf(id), ctx.upload, keep)
        if (signal.aborted) throw cancelled()
        return upload
      },
      imageSize: async (id) => {
        const { width, height } = await readImageInfo(pathOf(id))
        return { width, height }
      },
      addRendition: (image) => deps.images.addRendition(image),
    }
    if (log !== undefined) ctx.logger = log
    const output = await runDetector(ctx, model)
    const elapsedMs = Math.round(performance.now() - started)
    const count = output.detections.length
    log?.info('detection done', { requestId, kind: model.kind, boxes: count, elapsedMs })
    status('done', `Found ${count} ${count === 1 ? 'box' : 'boxes'}`)
    return { requestId, imageId, model: model.kind, ...output, elapsedMs }
  }

  return {
    async run(input, options = {}) {
      const { requestId } = input
      if (running.has(requestId)) {
        throw new AppError('invalid-input', 'A detection with this request id is already running.')
      }
      const controller = new AbortController()
      const outer = options.signal
      const abort = (): void => controller.abort()
      if (outer?.aborted) controller.abort()
      outer?.addEventListener('abort', abort, { once: true })
      running.set(requestId, controller)
      let attempt = 1
      const status: StatusFn = (state, message, next) => {
        if (next !== undefined) attempt = next
        deps.emit({ requestId, state, attempt, message })
      }
      try {
        return await detect(input, options, controller.signal, status)
      } catch (err) {
        const error = controller.signal.aborted
          ? cancelled()
          : isAppError(err)
            ? err
            : new AppError('internal', 'Something went wrong while running the detection.', {
                cause: err,
              })
        if (error.code === 'cancelled') status('cancelled', 'Cancelled')
        else {
          status('failed', error.message)
          log?.error('detection failed', { requestId, code: error.code, message: error.message })
        }
        throw error
      } finally {
        outer?.removeEventListener('abort', abort)
        running.delete(requestId)
      }
    },
    cancel({ requestId }) {
      const controller = running.get(requestId)
      if (controller === undefined) return { cancelled: false }
      controller.abort()
      return { cancelled: true }
    },
  }
}
