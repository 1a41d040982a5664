import type { Detection, EventMap, PromptMapping } from '../../../shared/contract'
import type { PreparedUpload, UploadOptions } from '../images'
import type { InferenceHttp, KeyTransport } from '../inference/http-client'
import type { Logger } from '../platform'

export type StatusState = EventMap['detection.status']['state']
export type StatusFn = (state: StatusState, message: string, attempt?: number) => void

/**
 * What a detection needs of a server profile: a structural subset of the profiles service's
 * ServerAccess, so older settings objects fit too.
 */
export interface DetectionServer {
  baseUrl: string
  apiKey: string | null
  keyTransport: KeyTransport
  /** Time allowed for the server's answer; a cold model load can take tens of seconds (§6.9). */
  requestTimeoutMs?: number
  /** Longest uploaded side; 0 sends the full image. */
  maxUploadSide: number
  /** Most base64 bytes per uploaded image (hosted: 5 MB v1, 20 MB v2, §3); 0 or absent = no limit. */
  maxUploadBytes?: number
}

/** A picture made in memory, e.g. the server's rendering of its predictions (§1.3 format=image). */
export interface Rendition {
  buffer: Buffer
  mime: 'image/jpeg' | 'image/png'
  width: number
  height: number
}

/** Everything one run of one detector may use; built per run by the detection service. */
export interface DetectorContext {
  http: InferenceHttp
  server: DetectionServer
  signal: AbortSignal
  status: StatusFn
  logger?: Logger
  requestId: string
  /** The image to label. */
  imageId: string
  /** Downscale and byte limit for this run (the run's maxUploadSide wins over the profile's). */
  upload: UploadOptions
  /** Oriented, downscaled upload of an opened image; `keep` caches it (reference images, §1.5 caching). */
  prepare(imageId: string, keep?: boolean): Promise<PreparedUpload>
  /** Oriented size of an opened image, read from its header only. */
  imageSize(imageId: string): Promise<{ width: number; height: number }>
  addRendition(image: Rendition): string
}

/** What a detector found, before the service adds ids and timings. */
export interface DetectorOutput {
  detections: Detection[]
  mapping: PromptMapping[]
  warnings: string[]
  /** Oriented size of the labelled image. */
  width: number
  height: number
  uploadWidth: number
  uploadHeight: number
  uploadBytes: number
  serverTime: number | null
  renderedImageUrl: string | null
}

/** The warning shown when an upload had to lose quality or size to fit the profile's byte limit. */
export function fittedWarning(upload: PreparedUpload): string[] {
  if (upload.fittedToBytes === null) return []
  return [
    `The image was sent at ${upload.width}×${upload.height} pixels, JPEG quality ${upload.quality}, to stay under the profile's upload limit.`,
  ]
}
