import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { AppError, type Result } from '../../shared/errors'
import { createBatchService, type BatchService } from './batch/batch-service'
import { defaultDocumentsDir, proposeExportFolder } from './exports/export-folder'
import { createExportJobs } from './exports/export-jobs'
import { createImportService } from './imports/import-service'
import { createProjectService, type ProjectService } from './projects/project-service'
import { testConnection } from './connection'
import { createDetectionService } from './detection'
import { dispatch, type Handlers } from './dispatcher'
import { createEventBus, type EventBus } from './events'
import { createImageRegistry, type ImageRegistry } from './image-registry'
import { readImageInfo, renderDisplayImage } from './images'
import { createInferenceHttp } from './inference/http-client'
import { createLabService, type LabService } from './lab/lab-service'
import type { Logger, Platform } from './platform'
import { createProfilesService } from './profiles'
import { createServerSetupService, runtimeVersions } from './server-setup'

export interface Services {
  handlers: Handlers
  events: EventBus
  images: ImageRegistry
  batch: BatchService
  projects: ProjectService
  lab: LabService
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

  const emit: Parameters<typeof createProjectService>[0]['emit'] = (topic, payload) =>
    events.emit(topic, payload)
  const projects = createProjectService({ dataDir: platform.dataDir, images, emit })
  const exportJobs = createExportJobs(emit, platform.logger)
  const homeDir = platform.homeDir ?? homedir()
  const exportPlaces = {
    appDirs: [platform.dataDir, ...(platform.resourcesDir ? [platform.resourcesDir] : [])],
    documentsDir: platform.documentsDir ?? defaultDocumentsDir(homeDir),
    homeDir,
  }
  const imports = createImportService({
    projects: {
      ...projects,
      info: (projectId) => {
        const file = projects.storeOf(projectId).file
        return { classes: file.classes.map((c) => c.name), imagesDir: file.imagesDir }
      },
    },
    readSize: async (path) => {
      const { width, height } = await readImageInfo(path)
      return { width, height }
    },
    emit: (progress) => events.emit('import.progress', progress),
  })
  const batch = createBatchService({
    openStore: (projectDir, imagesDir) => projects.storeForDir(projectDir, imagesDir),
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
      recorded: (projectDir, key, doc, error) => {
        projects
          .batchRecorded(projectDir, key, doc, error)
          .catch((e: unknown) =>
            platform.logger.warn('could not update an image badge', { error: String(e) }),
          )
      },
    },
  })

  const lab = createLabService({
    projects,
    openImage: (path) => images.open(path),
    detect: (input, options) => detection.run(input, options),
    servers: async (profileId) => {
      const access = await profiles.access(profileId)
      const { baseUrls, maxConcurrency, maxUploadSide, maxUploadBytes } = access
      return { baseUrls, maxConcurrency, maxUploadSide, maxUploadBytes }
    },
    events,
    logger: platform.logger,
  })

  const setup = createServerSetupService({
    emit: (event) => events.emit('setup.log', event),
    ...(platform.resourcesDir === undefined ? {} : { resourcesDir: platform.resourcesDir }),
    ...(platform.launchArgs === undefined ? {} : { launchArgs: platform.launchArgs }),
  })

  const handlers: Handlers = {
    'app.info': async () => ({
      name: 'Promptlabel',
      version: platform.appVersion,
      platform: process.platform,
      transport: platform.transport,
      versions: runtimeVersions(),
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
    'project.openFolder': (input) => projects.openFolder(input),
    'project.open': (input) => projects.open(input.projectDir),
    'project.pickFolder': async () => {
      const folder = (await platform.pickFolder?.()) ?? null
      return folder === null ? null : projects.openFolder({ imagesDir: folder })
    },
    'project.recent': () => projects.recent(),
    'project.images': async (input) => projects.images(input),
    'project.update': (input) => projects.update(input),
    'annotations.get': (input) => projects.annotations(input.projectId, input.key),
    'annotations.save': (input) => projects.save(input.projectId, input.key, input.boxes),
    'review.acceptAbove': (input) => projects.acceptAbove(input),
    'review.markDone': (input) => projects.markDone(input),
    'review.nextPending': async (input) =>
      projects.nextPending(input.projectId, input.afterKey, input.order),
    'export.start': async (input) => {
      const { projectId, ...rest } = input
      const { jobId, finished } = exportJobs.start({ store: projects.storeOf(projectId), ...rest })
      finished.catch((error: unknown) =>
        platform.logger.error('export failed', { error: String(error) }),
      )
      return { jobId }
    },
    'export.cancel': async (input) => exportJobs.cancel(input.jobId),
    'export.pickTarget': async (input) => (await platform.pickExportTarget?.(input.format)) ?? null,
    'export.suggestFolder': async (input) => ({
      folder: await proposeExportFolder(
        projects.storeOf(input.projectId).file.imagesDir,
        exportPlaces,
      ),
    }),
    'import.run': (input) => imports.run(input),
    'import.cancel': async (input) => imports.cancel(input.projectId),
    'import.pickSource': async (input) => (await platform.pickImportSource?.(input.format)) ?? null,
    'batch.start': async (input) => {
      const { projectId, ...rest } = input
      const projectDir = rest.projectDir ?? (projectId ? projects.dirOf(projectId) : undefined)
      if (projectDir === undefined)
        throw new AppError('invalid-input', 'Open a folder or project first.')
      const { jobId, finished } = await batch.start({ ...rest, projectDir })
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

    // --- The prompt lab (issue 13) ---
    'lab.truth': (input) => lab.truth(input.projectId),
    'lab.candidates': (input) => lab.candidates(input.projectId),
    'lab.saveCandidate': (input) => {
      const { projectId, ...candidate } = input
      return lab.saveCandidate(projectId, candidate)
    },
    'lab.deleteCandidate': (input) => lab.deleteCandidate(input.projectId, input.id),
    'lab.run': async (input) => {
      const { jobId, finished } = await lab.run(input)
      finished.catch((error: unknown) =>
        platform.logger.error('prompt lab run ended with an error', { error: String(error) }),
      )
      return { jobId }
    },
    'lab.cancel': async (input) => lab.cancel(input.jobId),
    'lab.score': (input) => lab.score(input),
    'lab.detections': (input) => lab.detections(input),

    // --- Getting a server, launch arguments (issue 8) ---
    'setup.status': async (input) => {
      const active = await profiles.access().catch(() => null)
      return setup.status(input.url ?? active?.baseUrls[0] ?? 'http://localhost:9001')
    },
    'setup.commands': async (input) => setup.commands(input.port),
    'setup.startLocalServer': async (input) => setup.start(input),
    'setup.stopLocalServer': async () => ({ stopped: await setup.stop() }),
    'app.launchArgs': () => setup.launchTarget(),
  }

  return {
    handlers,
    events,
    images,
    batch,
    projects,
    lab,
    logger: platform.logger,
    invoke: (channel, input) => dispatch(handlers, channel, input, platform.logger),
    async close() {
      setup.close()
      await batch.cancelAll()
      await lab.close()
      exportJobs.cancelAll()
      await projects.close()
      await Promise.all([http.close(), probeHttp.close()])
    },
  }
}
