import { z } from 'zod'
import { type CHANNEL_NAMES, TOPIC_NAMES } from './channels'
import type { Box } from './geometry'

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
}

export interface ServerSettings {
  baseUrl: string
  hasApiKey: boolean
  /** Where keys are kept: the OS keychain, or memory for this session when none is usable. */
  keyStorage: 'keychain' | 'session'
  keychainProblem: string | null
  /** Set when the saved settings file could not be used; it is kept untouched until fixed. */
  storageProblem: string | null
  requestTimeoutMs: number
  maxUploadSide: number
}

export interface ConnectionReport {
  reachable: boolean
  serverName: string | null
  version: string | null
  healthy: boolean | null
  message: string
}

export interface AppInfo {
  name: string
  version: string
  platform: string
  transport: 'electron' | 'bridge' | 'in-process'
}

const finite = z.number().finite()
const unit = finite.min(0).max(1)
const requestId = z.string().min(1).max(100)

export const groundingDinoSpec = z.strictObject({
  kind: z.literal('grounding-dino'),
  classes: z.array(z.string().trim().min(1).max(200)).min(1).max(200),
  boxThreshold: unit.default(0.35),
  textThreshold: unit.default(0.25),
  classAgnosticNms: z.boolean().default(false),
})

export const modelSpec = z.discriminatedUnion('kind', [groundingDinoSpec])
export type ModelSpec = z.infer<typeof modelSpec>
export type ModelSpecInput = z.input<typeof modelSpec>

const empty = z.strictObject({})

/** Declares a channel: its input schema and (as a type only) its output. */
function call<O>() {
  return <S extends z.ZodType>(input: S) => ({ input, output: undefined as unknown as O })
}

/** Every request/response call across the seam, declared once. */
export const contract = {
  'app.info': call<AppInfo>()(empty),
  'settings.get': call<ServerSettings>()(empty),
  'settings.update': call<ServerSettings>()(
    z.strictObject({
      baseUrl: z
        .string()
        .trim()
        .max(2000)
        .refine(
          (s) => /^https?:\/\/[^\s]+$/i.test(s),
          'Enter a URL that starts with http:// or https://',
        )
        .optional(),
      requestTimeoutMs: z.number().int().min(1000).max(600_000).optional(),
      maxUploadSide: z.number().int().min(0).max(20_000).optional(),
    }),
  ),
  'secret.set': call<ServerSettings>()(
    z.strictObject({
      apiKey: z.string().trim().min(1, 'The API key is empty').max(500),
      sessionOnly: z.boolean().default(false),
    }),
  ),
  'secret.clear': call<ServerSettings>()(empty),
  'connection.test': call<ConnectionReport>()(empty),
  'image.open': call<ImageInfo>()(z.strictObject({ path: z.string().min(1).max(4096) })),
  'image.pick': call<ImageInfo[]>()(empty),
  'detection.run': call<DetectionResult>()(
    z.strictObject({ requestId, imageId: z.string().min(1).max(100), model: modelSpec }),
  ),
  'detection.cancel': call<{ cancelled: boolean }>()(z.strictObject({ requestId })),
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
