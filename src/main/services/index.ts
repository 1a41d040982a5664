import { mkdirSync } from 'node:fs'
import type { Result } from '../../shared/errors'
import { createBatchService, type BatchService } from './batch/batch-service'
import { testConnection } from './connection'
import { createDetectionService } from './detection'
import { dispatch, type Handlers } from './dispatcher'
import { createEventBus, type EventBus } from './events'
import { createImageRegistry, type ImageRegistry } from './image-registry'
import { readImageInfo, renderDisplayImage } from './images'
import { createInferenceHttp } from './inference/http-client'
import type { Logger, Platform } from './platform'
import { createProfilesService } from './profiles'

export interface Services {
  handlers: Handlers
  events: EventBus
  images: ImageRegistry
  batch: BatchService
  logger: Logger
  invoke(channel: unknown, input: unknown): Promise<Result<unknown>>
  close(): Promise<void>
}

/** The one composition root: Electron, the loopback bridge, the CLI and tests all build the app here. */
export function createServices(platform: Platform): Services {
  mkdirSync(platform.dataDir, { recursive: true })
  const events = createEventBus()
  const profiles = createProfilesService({
    dataDir: platform.dataDir,
    secrets: platform.secretStore,
    logger: platform.logger,
  })
  const images = createImageRegistry({
    readInfo: async (path) => {
      const { width, height, format } = await readImageInfo(path)
      return { width, height, format }
    },
    renderDisplay: (path) => renderDisplayImage(path),
    imageUrl: platform.imageUrl,
  })
  const http = createInferenceHttp({
    // Generous header timeout: a model's first request downloads and loads it (inference-api.md §6.9).
    timeouts: { connectMs: 10_000, headersMs: 300_000, bodyMs: 60_000 },
    retry: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 },
  })
  /** Test connection answers fast: no retries, short timeouts (the probes never run a model). */
  const probeHttp = createInferenceHttp({
    timeouts: { connectMs: 5_000, headersMs: 15_000, bodyMs: 15_000 },
    retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
  })
  const detection = createDetectionService({
    http,
    getServer: (profileId) => profiles.access(profileId),
    images,
    emit: (event) => events.emit('detection.status', event),
    logger: platform.logger,
  })

  const batch = createBatchService({
    openImage: (path) => images.open(path),
    pathOf: (imageId) => images.pathOf(imageId),
    detect: (input, options) => detection.run(input, options),
    servers: async (profileId) => {
      const access = await profiles.access(profileId)
      return { baseUrls: access.baseUrls, maxConcurrency: access.maxConcurrency }
    },
    events: {
      progress: (event) => events.emit('batch.progress', event),
      finished: (summary) => events.emit('batch.finished', summary),
    },
  })

  const handlers: Handlers = {
    'app.info': async () => ({
      name: 'Promptlabel',
      version: platform.appVersion,
      platform: process.platform,
      transport: platform.transport,
    }),
    'profile.list': () => profiles.list(),
    'profile.save': (input) => profiles.save(input),
    'profile.duplicate': (input) => profiles.duplicate(input.id),
    'profile.delete': (input) => profiles.remove(input.id),
    'profile.activate': (input) => profiles.activate(input.id),
    'secret.set': (input) => profiles.setKey(input),
    'secret.clear': (input) => profiles.clearKey(input.profileId),
    'connection.test': async (input) =>
      testConnection(
        probeHttp,
        input.draft === undefined
          ? await profiles.access(input.profileId)
          : await profiles.accessDraft(input.draft, input.profileId),
      ),
    'image.open': (input) => images.open(input.path),
    'image.pick': async () => {
      const paths = await platform.pickImages()
      const opened = []
      for (const path of paths) opened.push(await images.open(path))
      return opened
    },
    'detection.run': (input) => detection.run(input),
    'detection.cancel': async (input) => detection.cancel(input),
    'batch.start': async (input) => {
      const { jobId, finished } = await batch.start(input)
      finished.catch((error: unknown) =>
        platform.logger.error('batch run ended with an error', { error: String(error) }),
      )
      return { jobId }
    },
    'batch.pause': async ({ jobId }) => {
      batch.pause(jobId)
      return batch.progress(jobId)
    },
    'batch.resume': async ({ jobId }) => {
      batch.resume(jobId)
      return batch.progress(jobId)
    },
    'batch.cancel': async ({ jobId }) => {
      const progress = batch.progress(jobId)
      batch.cancel(jobId)
      return { ...progress, state: 'cancelled' as const }
    },
  }

  return {
    handlers,
    events,
    images,
    batch,
    logger: platform.logger,
    invoke: (channel, input) => dispatch(handlers, channel, input, platform.logger),
    async close() {
      await batch.cancelAll()
      await Promise.all([http.close(), probeHttp.close()])
    },
  }
}
