import { z } from 'zod'
import { type CHANNEL_NAMES, TOPIC_NAMES } from './channels'
import type { BatchProgress, BatchSummary } from './batch'
import {
  annotationBoxInput,
  imageKey,
  imageOrder,
  projectId as projectIdSchema,
  statusFilter,
  type ExportJobSummary,
  type ImageEntry,
  type ImagePage,
  type ImageStatus,
  type OpenedAnnotations,
  type ProjectInfo,
  type RecentProject,
  type ReviewBulkResult,
} from './project'
import type { Box } from './geometry'
import { importFormat, importInput, type ImportProgress, type ImportReport } from './imports'
import { modelSpec, type ModelSpec } from './model-spec'
import {
  candidateName,
  labCutSchema,
  labModelSchema,
  type LabCandidate,
  type LabFinished,
  type LabImageDetections,
  type LabProgress,
  type LabScore,
  type TruthSummary,
} from './lab'
import { profileFields, type ConnectionReport, type ProfilesState } from './profile'
import type { MenuCommand } from './menu'
import type {
  LaunchTarget,
  SetupCommands,
  SetupJob,
  SetupLogEvent,
  SetupStatus,
} from './server-setup'

export type { ModelSpec, ModelSpecInput, ModelKind } from './model-spec'
export type {
  ExportJobSummary,
  ImageEntry,
  ImageOrder,
  ImagePage,
  ImageStatus,
  OpenedAnnotations,
  ProjectInfo,
  RecentProject,
  ReviewBulkResult,
  StatusFilter,
} from './project'
export type { ImportFormat, ImportMode, ImportNotes, ImportProgress, ImportReport } from './imports'
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
  /** Runtime versions for the About box (issue 8); Electron and Chromium only inside Electron. */
  versions?: { node: string; electron?: string; chrome?: string }
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
  /** Opens a folder of images: its project lives in the app's data folder unless `projectDir` is given. */
  'project.openFolder': call<ProjectInfo>()(
    z.strictObject({
      imagesDir: z.string().min(1).max(4096),
      projectDir: z.string().min(1).max(4096).optional(),
    }),
  ),
  'project.open': call<ProjectInfo>()(z.strictObject({ projectDir: z.string().min(1).max(4096) })),
  'project.pickFolder': call<ProjectInfo | null>()(empty),
  'project.recent': call<RecentProject[]>()(empty),
  /** A window of the image list, for a virtualised filmstrip (100,000 images never cross at once). */
  'project.images': call<ImagePage>()(
    z.strictObject({
      projectId: projectIdSchema,
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(1000),
      filter: statusFilter.default('all'),
      order: imageOrder.default('folder'),
    }),
  ),
  /** Saves what the editors own (class list, prompts, exemplar sets) and where the user is. */
  'project.update': call<ProjectInfo>()(
    z.strictObject({
      projectId: projectIdSchema,
      classes: z.array(z.string().trim().min(1).max(200)).max(1000).optional(),
      prompts: z.record(z.string().max(100), z.unknown()).optional(),
      position: z.strictObject({ imageKey: imageKey.nullable() }).optional(),
    }),
  ),
  'annotations.get': call<OpenedAnnotations>()(
    z.strictObject({ projectId: projectIdSchema, key: imageKey }),
  ),
  /** Every edit and review decision is saved as it happens (atomic write per image). */
  'annotations.save': call<{ status: ImageStatus; pending: number; kept: number }>()(
    z.strictObject({
      projectId: projectIdSchema,
      key: imageKey,
      boxes: z.array(annotationBoxInput).max(50_000),
    }),
  ),
  /** Accepts pending suggestions at or above a threshold (per class when given), on one image or all. */
  'review.acceptAbove': call<ReviewBulkResult>()(
    z.strictObject({
      projectId: projectIdSchema,
      threshold: z.number().min(0).max(1),
      perClass: z.record(z.string().max(200), z.number().min(0).max(1)).default({}),
      key: imageKey.optional(),
    }),
  ),
  /** The next image (after `afterKey`, wrapping) that still has suggestions to review. */
  /** Marks an image done (looked at, e.g. confirmed empty) or not done; refused while suggestions wait. */
  'review.markDone': call<ImageEntry>()(
    z.strictObject({ projectId: projectIdSchema, key: imageKey, done: z.boolean() }),
  ),
  /** The next image that needs the labeler: suggestions to decide, or nothing found to confirm. */
  'review.nextPending': call<{ key: string | null }>()(
    z.strictObject({
      projectId: projectIdSchema,
      afterKey: imageKey.nullable(),
      /** The filmstrip's order, so "next" is the next one the user sees. */
      order: imageOrder.default('folder'),
    }),
  ),
  'export.start': call<{ jobId: string }>()(
    z.strictObject({
      projectId: projectIdSchema,
      format: z.enum(['coco', 'yolo', 'voc', 'annotated']),
      /** A .json file for COCO (a folder when copying images), a folder for the others. */
      target: z.string().min(1).max(4096),
      include: z.enum(['accepted', 'accepted+suggested']).default('accepted'),
      /** Only images whose review is complete, or every image (unreviewed ones as they are). */
      images: z.enum(['reviewed', 'all']).default('all'),
      categoryBase: z.union([z.literal(0), z.literal(1)]).default(1),
      copyImages: z.boolean().default(false),
      overwrite: z.boolean().default(false),
      labels: z.boolean().default(true),
      lineWidth: z.number().int().min(1).max(50).optional(),
    }),
  ),
  'export.cancel': call<{ cancelled: boolean }>()(z.strictObject({ jobId })),
  'export.pickTarget': call<string | null>()(
    z.strictObject({ format: z.enum(['coco', 'yolo', 'voc', 'annotated']) }),
  ),
  /** The folder an export of the project is proposed in: one the user owns, never inside the app. */
  'export.suggestFolder': call<{ folder: string }>()(
    z.strictObject({ projectId: projectIdSchema }),
  ),
  /** Reads a COCO file or YOLO dataset into the open project (or, `dryRun`, reports what it would do). */
  'import.run': call<ImportReport>()(importInput),
  /** Stops a running import after the image it is writing; what is written stays. */
  'import.cancel': call<{ cancelled: boolean }>()(z.strictObject({ projectId: projectIdSchema })),
  /** Native picker for what an import reads: a .json file (COCO), a folder or data.yaml (YOLO). */
  'import.pickSource': call<string | null>()(z.strictObject({ format: importFormat })),
  'batch.start': call<{ jobId: string }>()(
    z.strictObject({
      projectDir: z.string().min(1).max(4096).optional(),
      projectId: projectIdSchema.optional(),
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

  // --- The prompt lab (issue 13) ---
  /** The truth set: the project's reviewed images, their boxes per class. */
  'lab.truth': call<TruthSummary>()(z.strictObject({ projectId: projectIdSchema })),
  'lab.candidates': call<LabCandidate[]>()(z.strictObject({ projectId: projectIdSchema })),
  /** Saves a named candidate (a new one without id); answers every candidate of the project. */
  'lab.saveCandidate': call<LabCandidate[]>()(
    z.strictObject({
      projectId: projectIdSchema,
      id: z.string().min(1).max(100).optional(),
      name: candidateName,
      model: labModelSchema,
      cut: labCutSchema,
    }),
  ),
  'lab.deleteCandidate': call<LabCandidate[]>()(
    z.strictObject({ projectId: projectIdSchema, id: z.string().min(1).max(100) }),
  ),
  /** Runs candidates over the truth set (cached answers cost no request); events follow the run. */
  'lab.run': call<{ jobId: string }>()(
    z.strictObject({
      projectId: projectIdSchema,
      candidateIds: z.array(z.string().min(1).max(100)).min(1).max(50),
      profileId: profileId.optional(),
      concurrency: z.number().int().min(1).max(64).optional(),
    }),
  ),
  'lab.cancel': call<{ cancelled: boolean }>()(z.strictObject({ jobId })),
  /** Scores candidates from the cache at their cuts and a matching IoU; no request is made. */
  'lab.score': call<LabScore>()(
    z.strictObject({
      projectId: projectIdSchema,
      candidateIds: z.array(z.string().min(1).max(100)).max(50),
      iou: z.number().gt(0).max(1).default(0.5),
      /** Cuts to score at instead of the saved ones (a slider being moved). */
      cuts: z.record(z.string().max(100), labCutSchema).default({}),
    }),
  ),
  /** One candidate's cached answer on one image at a cut, to draw beside the truth. */
  'lab.detections': call<LabImageDetections>()(
    z.strictObject({
      projectId: projectIdSchema,
      candidateId: z.string().min(1).max(100),
      key: imageKey,
      cut: labCutSchema.optional(),
    }),
  ),

  // --- Getting a server, launch arguments (issue 8) ---
  /** Docker on this machine, whether a server answers at `url` (the active profile's by default). */
  'setup.status': call<SetupStatus>()(
    z.strictObject({ url: z.string().trim().min(1).max(2000).optional() }),
  ),
  /** The exact commands that start a local server by hand, for a host port. */
  'setup.commands': call<SetupCommands>()(
    z.strictObject({ port: z.number().int().min(1).max(65_535).default(9001) }),
  ),
  /** Starts the official server image in Docker; its output follows as `setup.log` events. */
  'setup.startLocalServer': call<SetupJob>()(
    z.strictObject({
      url: z.string().trim().min(1).max(2000).default('http://localhost:9001'),
      gpu: z.boolean().default(false),
      existing: z.boolean().default(false),
    }),
  ),
  'setup.stopLocalServer': call<{ stopped: boolean }>()(empty),
  /** A folder, project or image named on the command line; answered once per launch. */
  'app.launchArgs': call<LaunchTarget | null>()(empty),
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
  'project.scan': { projectId: string; found: number; done: boolean }
  /** An image's badge changed (a batch result arrived, or a review was saved). */
  'project.imageStatus': {
    projectId: string
    key: string
    status: ImageStatus
    pending: number
    kept: number
    /** The lowest confidence among its pending suggestions, when it has any. */
    lowest?: number
    /** A person marked it done. */
    done?: boolean
  }
  /** The project's class list grew (a run, an import, a class added, another process's write). */
  'project.classes': { projectId: string; classes: string[] }
  'export.progress': { jobId: string; phase: string; done: number; total: number }
  'export.finished': ExportJobSummary
  'import.progress': ImportProgress
  'lab.progress': LabProgress
  'lab.finished': LabFinished
  // --- Getting a server, native menus (issue 8) ---
  'setup.log': SetupLogEvent
  'menu.command': { command: MenuCommand }
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
