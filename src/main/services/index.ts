import { mkdirSync } from 'node:fs'
import type { Result } from '../../shared/errors'
import { testConnection } from './connection'
import { createDetectionService } from './detection'
import { dispatch, type Handlers } from './dispatcher'
import { createEventBus, type EventBus } from './events'
import { createImageRegistry, type ImageRegistry } from './image-registry'
import { readImageInfo, renderDisplayImage } from './images'
import { createInferenceHttp } from './inference/http-client'
import type { Logger, Platform } from './platform'
import { createSettingsService } from './settings'

export interface Services {
  handlers: Handlers
  events: EventBus
  images: ImageRegistry
  logger: Logger
  invoke(channel: unknown, input: unknown): Promise<Result<unknown>>
  close(): Promise<void>
}

/** The one composition root: Electron, the loopback bridge, the CLI and tests all build the app here. */
export function createServices(platform: Platform): Services {
  mkdirSync(platform.dataDir, { recursive: true })
  const events = createEventBus()
  const settings = createSettingsService(platform.dataDir, platform.secretStore)
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
  const detection = createDetectionService({
    http,
    getServer: () => settings.access(),
    images,
    emit: (event) => events.emit('detection.status', event),
    logger: platform.logger,
  })

  const handlers: Handlers = {
    'app.info': async () => ({
      name: 'Promptlabel',
      version: platform.appVersion,
      platform: process.platform,
      transport: platform.transport,
    }),
    'settings.get': () => settings.get(),
    'settings.update': (input) => settings.update(input),
    'secret.set': (input) => settings.setKey(input.apiKey, input.sessionOnly),
    'secret.clear': () => settings.clearKey(),
    'connection.test': async () => testConnection(http, await settings.access()),
    'image.open': (input) => images.open(input.path),
    'image.pick': async () => {
      const paths = await platform.pickImages()
      const opened = []
      for (const path of paths) opened.push(await images.open(path))
      return opened
    },
    'detection.run': (input) => detection.run(input),
    'detection.cancel': async (input) => detection.cancel(input),
  }

  return {
    handlers,
    events,
    images,
    logger: platform.logger,
    invoke: (channel, input) => dispatch(handlers, channel, input, platform.logger),
    async close() {
      await http.close()
    },
  }
}
