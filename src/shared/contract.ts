import { z } from 'zod'
import { type CHANNEL_NAMES, TOPIC_NAMES } from './channels'
import type { BatchProgress, BatchSummary } from './batch'
import type { Box } from './geometry'
import { modelSpec, type ModelSpec } from './model-spec'
import { profileFields, type ConnectionReport, type ProfilesState } from './profile'

export type { ModelSpec, ModelSpecInput, ModelKind } from './model-spec'
export type { ConnectionReport, Profile, ProfileInput, ProfileView, ProfilesState } from './profile'

/** A detection in the app's own terms: oriented image pixels, top-left box. */
export interface Detection {
  id: string
  className: string
  confidence: number
  box: Box
  /** The prompt string the server matched, when it differs from the class name. */
  prompt?: string
}

export interface ImageInfo {
  id: string
  path: string
  name: string
  /** Size after EXIF orientation: the space every coordinate in the app lives in. */
  width: number
  height: number
  /** URL of a display rendition (already oriented); coordinates stay in full-size pixels. */
  url: string
  format: string
}

export interface PromptMapping {
  prompt: string
  className: string
}

export interface DetectionResult {
  requestId: string
  imageId: string
  model: ModelSpec['kind']
  width: number
  height: number
  detections: Detection[]
  /** Prompt sent -> class shown, so the user sees how their class names were sent. */
  mapping: PromptMapping[]
  /** Size of the image actually uploaded (after optional downscale). */
  uploadWidth: number
  uploadHeight: number
  uploadBytes: number
  /** Seconds the server reported spending on inference, when it said. */
  serverTime: number | null
  elapsedMs: number
  /** Plain-language caveats about this run (e.g. counter-examples, dropped classes). */
  warnings: string[]
  /** The server-rendered picture of the predictions (hosted `format=image`), when asked for. */
  renderedImageUrl: string | null
}

export interface AppInfo {
  name: string
  version: string
  platform: string
  transport: 'electron' | 'bridge' | 'in-process'
}

const requestId = z.string().min(1).max(100)
const jobId = z.string().min(1).max(100)
const profileId = z.string().min(1).max(100)

const empty = z.strictObject({})

/** Declares a channel: its input schema and (as a type only) its output. */
function call<O>() {
  return <S extends z.ZodType>(input: S) => ({ input, output: undefined as unknown as O })
}

/** Every request/response call across the seam, declared once. */
export const contract = {
  'app.info': call<AppInfo>()(empty),
  'profile.list': call<ProfilesState>()(empty),
  /** Creates a profile (no id) or replaces the stored fields of one (with id). */
  'profile.save': call<ProfilesState>()(
    z.strictObject({
      id: profileId.optional(),
      profile: profileFields,
      activate: z.boolean().default(false),
    }),
  ),
  'profile.duplicate': call<ProfilesState>()(z.strictObject({ id: profileId })),
  'profile.delete': call<ProfilesState>()(z.strictObject({ id: profileId })),
  'profile.activate': call<ProfilesState>()(z.strictObject({ id: profileId })),
  /** Write-only: a key goes into the keychain (or this session's memory) and never comes back. */
  'secret.set': call<ProfilesState>()(
    z.strictObject({
      profileId,
      apiKey: z.string().trim().min(1, 'The API key is empty').max(500),
      sessionOnly: z.boolean().default(false),
    }),
  ),
  'secret.clear': call<ProfilesState>()(z.strictObject({ profileId })),
  /** Tests a saved profile, or an unsaved draft (using the saved profile's key when `profileId` is given). */
  'connection.test': call<ConnectionReport>()(
    z.strictObject({ profileId: profileId.optional(), draft: profileFields.optional() }),
  ),
  'image.open': call<ImageInfo>()(z.strictObject({ path: z.string().min(1).max(4096) })),
  'image.pick': call<ImageInfo[]>()(empty),
  'detection.run': call<DetectionResult>()(
    z.strictObject({
      requestId,
      imageId: z.string().min(1).max(100),
      model: modelSpec,
      /** Runs against this profile instead of the active one. */
      profileId: profileId.optional(),
      /** Overrides the profile's upload downscale for this run (0 = send the full image). */
      maxUploadSide: z.number().int().min(0).max(20_000).optional(),
    }),
  ),
  'detection.cancel': call<{ cancelled: boolean }>()(z.strictObject({ requestId })),
  /** Runs a model over a project's image folder; resumes the project's unfinished run of the same settings. */
  'batch.start': call<{ jobId: string }>()(
    z.strictObject({
      projectDir: z.string().min(1).max(4096),
      imagesDir: z.string().min(1).max(4096).optional(),
      model: modelSpec,
      profileId: profileId.optional(),
      scope: z.enum(['all', 'new', 'failed', 'selection']).default('all'),
      keys: z.array(z.string().min(1).max(4096)).max(1_000_000).optional(),
      concurrency: z.number().int().min(1).max(64).optional(),
      maxUploadSide: z.number().int().min(0).max(20_000).optional(),
    }),
  ),
  'batch.pause': call<BatchProgress>()(z.strictObject({ jobId })),
  'batch.resume': call<BatchProgress>()(z.strictObject({ jobId })),
  'batch.cancel': call<BatchProgress>()(z.strictObject({ jobId })),
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
type ChannelName = (typeof CHANNEL_NAMES)[number]
/** Compile-time proof that the dependency-free name list and the contract agree, both ways. */
const channelsAgree: [Channel, ChannelName] extends [ChannelName, Channel] ? true : never = true
void channelsAgree
export type CallInput<C extends Channel> = z.input<Contract[C]['input']>
export type CallParsed<C extends Channel> = z.output<Contract[C]['input']>
export type CallOutput<C extends Channel> = Contract[C]['output']
export const CHANNELS = Object.keys(contract) as Channel[]

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value)
}

/** Push events from main to the renderer, declared once like the calls. */
export interface EventMap {
  'detection.status': {
    requestId: string
    state: 'preparing' | 'uploading' | 'retrying' | 'done' | 'failed' | 'cancelled'
    attempt: number
    message: string
  }
  'batch.progress': BatchProgress & { jobId: string; projectDir: string }
  'batch.finished': BatchSummary
}
export type Topic = keyof EventMap
export const TOPICS: readonly Topic[] = TOPIC_NAMES
const topicsAgree: [Topic, (typeof TOPIC_NAMES)[number]] extends [
  (typeof TOPIC_NAMES)[number],
  Topic,
]
  ? true
  : never = true
void topicsAgree

export function isTopic(value: unknown): value is Topic {
  return typeof value === 'string' && (TOPICS as readonly string[]).includes(value)
}
