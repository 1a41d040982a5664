import type { DetectionResult, EventMap, ModelSpec } from '../../shared/contract'
import { AppError, isAppError } from '../../shared/errors'
import { buildGroundingDinoPrompts } from '../../shared/prompts'
import { prepareUpload } from './images/upload'
import { errorFromResponse } from './inference/errors'
import {
  buildGroundingDinoRequest,
  GROUNDING_DINO_ROUTE,
  parseGroundingDinoResponse,
} from './inference/grounding-dino'
import type {
  InferenceHttp,
  KeyTransport,
  RequestOptions,
  RetryInfo,
} from './inference/http-client'
import { redactUrl } from './inference/redact'
import type { Logger } from './platform'

export interface DetectionServer {
  baseUrl: string
  apiKey: string | null
  maxUploadSide: number
  keyTransport: KeyTransport
  /** Time allowed for the server's answer; a cold model load can take tens of seconds (§6.9). */
  requestTimeoutMs?: number
}

export interface DetectionDeps {
  http: InferenceHttp
  getServer: () => Promise<DetectionServer>
  images: { pathOf(imageId: string): string | undefined }
  emit: (event: EventMap['detection.status']) => void
  logger?: Logger
}

export interface DetectionService {
  run(input: { requestId: string; imageId: string; model: ModelSpec }): Promise<DetectionResult>
  cancel(input: { requestId: string }): { cancelled: boolean }
}

/** The plain status line shown while a retry waits, e.g. "Server busy, retrying in 1 s (2/3)". */
export function describeRetry(info: RetryInfo): string {
  const when = info.delayMs < 500 ? 'now' : `in ${Math.round(info.delayMs / 1000)} s`
  const why = info.status === undefined ? 'Connection problem' : 'Server busy'
  return `${why}, retrying ${when} (${info.attempt}/${info.maxAttempts})`
}

/** Joins a base URL (which may carry a path prefix) with a route path. */
export function joinUrl(baseUrl: string, route: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${route.replace(/^\/+/, '')}`
}

/** Runs detections on opened images against the configured server, one AbortController per request. */
export function createDetectionService(deps: DetectionDeps): DetectionService {
  const running = new Map<string, AbortController>()
  const log = deps.logger

  async function detect(
    input: { requestId: string; imageId: string; model: ModelSpec },
    signal: AbortSignal,
    status: (
      state: EventMap['detection.status']['state'],
      message: string,
      attempt?: number,
    ) => void,
  ): Promise<DetectionResult> {
    const started = performance.now()
    const { requestId, imageId, model } = input
    status('preparing', 'Preparing the image')
    const path = deps.images.pathOf(imageId)
    if (path === undefined) {
      throw new AppError('not-found', 'That image is no longer open. Open it again and retry.')
    }
    const { prompts, mapping, merged } = buildGroundingDinoPrompts(model.classes)
    for (const m of merged) {
      log?.warn('class merged into another with the same prompt', { ...m })
    }
    const server = await deps.getServer()
    const upload = await prepareUpload(path, { maxSide: server.maxUploadSide })
    if (signal.aborted) throw new AppError('cancelled', 'The request was cancelled.')

    const url = joinUrl(server.baseUrl, GROUNDING_DINO_ROUTE)
    const body = buildGroundingDinoRequest({
      imageBase64: upload.base64,
      prompts,
      boxThreshold: model.boxThreshold,
      textThreshold: model.textThreshold,
      classAgnosticNms: model.classAgnosticNms,
      apiKey: server.apiKey,
      transport: server.keyTransport,
    })
    const options: RequestOptions = {
      signal,
      onRetry: (info) => status('retrying', describeRetry(info), info.attempt),
    }
    if (server.apiKey !== null && server.keyTransport !== 'body') {
      options.apiKey = { value: server.apiKey, transport: server.keyTransport }
    }
    if (server.requestTimeoutMs !== undefined) options.headersTimeoutMs = server.requestTimeoutMs
    status('uploading', `Sending the image (${Math.round(upload.bytes / 1024)} KB)`)
    const res = await deps.http.postJson(url, body, options)
    if (res.status < 200 || res.status >= 300) {
      throw errorFromResponse(res.status, res.json ?? res.text, {
        route: GROUNDING_DINO_ROUTE,
        model: 'Grounding DINO',
      })
    }
    const parsed = parseGroundingDinoResponse(res.json, {
      mapping,
      uploadScale: upload.scale,
      imageWidth: upload.originalWidth,
      imageHeight: upload.originalHeight,
    })
    if (parsed.serverImage.width !== upload.width || parsed.serverImage.height !== upload.height) {
      log?.warn('server decoded a different image size than was uploaded; using our own', {
        requestId,
        url: redactUrl(url),
        uploaded: { width: upload.width, height: upload.height },
        server: parsed.serverImage,
      })
    }
    const elapsedMs = Math.round(performance.now() - started)
    log?.info('detection done', { requestId, boxes: parsed.detections.length, elapsedMs })
    const count = parsed.detections.length
    status('done', `Found ${count} ${count === 1 ? 'box' : 'boxes'}`)
    return {
      requestId,
      imageId,
      model: model.kind,
      width: upload.originalWidth,
      height: upload.originalHeight,
      detections: parsed.detections,
      mapping,
      uploadWidth: upload.width,
      uploadHeight: upload.height,
      uploadBytes: upload.bytes,
      serverTime: parsed.time,
      elapsedMs,
    }
  }

  return {
    async run(input) {
      const { requestId } = input
      if (running.has(requestId)) {
        throw new AppError('invalid-input', 'A detection with this request id is already running.')
      }
      const controller = new AbortController()
      running.set(requestId, controller)
      let attempt = 1
      const status = (
        state: EventMap['detection.status']['state'],
        message: string,
        next?: number,
      ): void => {
        if (next !== undefined) attempt = next
        deps.emit({ requestId, state, attempt, message })
      }
      try {
        return await detect(input, controller.signal, status)
      } catch (err) {
        const error = controller.signal.aborted
          ? new AppError('cancelled', 'The request was cancelled.')
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
