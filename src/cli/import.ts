import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Services } from '../main/services'
import type { Logger } from '../main/services/platform'
import { isProjectDir } from '../main/services/projects/project-store'
import { createMemorySecretStore } from '../main/services/secrets/secret-store'
import type { Result } from '../shared/errors'
import type { ImportReport } from '../shared/imports'
import type { ProjectInfo } from '../shared/project'
import { kindOf } from './annotate-plan'
import type { ImportOptions } from './args'
import { call } from './call'
import { FatalError } from './errors'
import { startImportProgress } from './import-progress'
import { formatImportText, importExitCode, type ImportContext } from './import-report'
import type { CliIo } from './io'
import { resolveDataDir } from './profile-choice'
import { EXIT_INTERRUPTED } from './run-images'
import { buildServices } from './session'

/** The project the import goes into, opened through the services, and how to let go of it. */
interface Target {
  services: Services
  project: ProjectInfo
  /** The project folder to name in the summary (for a dry run, the one that would be written). */
  dir: string
  appProject: boolean
  projectMissing: boolean
  close(): Promise<void>
}

/** Import needs no server, profile or key: nothing the services log is worth showing here. */
const QUIET: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }

/** A service failure ends the run with its own message (and hint): exit 1. */
function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value
  const { message, hint } = result.error
  throw new FatalError(message, hint === undefined ? {} : { hint })
}

/** Checks the paths before any project is opened (or created), so a typo changes nothing. */
async function checkPaths(options: ImportOptions): Promise<{ folder: string; source: string }> {
  const folder = resolve(options.folder)
  const found = await kindOf(folder)
  if (found === 'missing') throw new FatalError(`The folder ${options.folder} does not exist.`)
  if (found === 'file') {
    throw new FatalError(`${options.folder} is a file, not a folder.`, {
      hint: 'Give the folder of images the boxes belong to; the file to import goes after --coco or --yolo.',
    })
  }
  const source = resolve(options.source)
  if ((await kindOf(source)) === 'missing') {
    throw new FatalError(`--${options.format} ${options.source} does not exist.`)
  }
  if (options.out !== undefined && (await kindOf(resolve(options.out))) === 'file') {
    throw new FatalError(`--out ${options.out} is a file.`)
  }
  return { folder, source }
}

function appDataDir(options: ImportOptions, io: CliIo): string {
  return resolve(
    resolveDataDir(
      options.dataDir,
      io.env,
      io.platform ?? process.platform,
      io.homedir ?? homedir(),
    ),
  )
}

/** Where the app keeps its project for an images folder (as `project.openFolder` names it). */
export function appProjectDir(dataDir: string, imagesDir: string): string {
  const id = createHash('sha1').update(resolve(imagesDir)).digest('hex').slice(0, 16)
  return join(dataDir, 'projects', id)
}

/** Services over a data folder of their own, removed on close: the app's is never touched. */
async function throwawayServices(): Promise<{
  dir: string
  services: Services
  close(): Promise<void>
}> {
  const dir = await mkdtemp(join(tmpdir(), 'promptlabel-cli-'))
  const services = buildServices(dir, createMemorySecretStore(), QUIET)
  return {
    dir,
    services,
    async close() {
      await services.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Opens the project as the app does; on failure (e.g. a project of another folder) lets go. */
async function openProject(
  services: Services,
  input: { imagesDir: string; projectDir?: string },
  close: () => Promise<void>,
): Promise<ProjectInfo> {
  try {
    return unwrap(await call(services, 'project.openFolder', input))
  } catch (error) {
    await close()
    throw error
  }
}

/** Opening a project creates its (empty) review log: a dry run takes away what it added. */
async function removeAdded(dir: string, before: ReadonlySet<string>): Promise<void> {
  for (const name of await readdir(dir)) {
    if (before.has(name)) continue
    const info = await stat(join(dir, name)).catch(() => null)
    if (info?.isFile() && info.size === 0) await rm(join(dir, name), { force: true })
  }
}

/**
 * --out: that project folder, with a throwaway data folder. Otherwise the app's own project for the
 * folder, in its data folder. A dry run reads the project that would be written (or an empty one
 * when there is none yet) through a throwaway data folder, and writes nothing.
 */
async function openTarget(options: ImportOptions, folder: string, io: CliIo): Promise<Target> {
  const out = options.out === undefined ? undefined : resolve(options.out)
  if (!options.dryRun && out === undefined) {
    const services = buildServices(appDataDir(options, io), createMemorySecretStore(), QUIET)
    const close = (): Promise<void> => services.close()
    const project = await openProject(services, { imagesDir: folder }, close)
    return { services, project, dir: project.dir, appProject: true, projectMissing: false, close }
  }
  const temp = await throwawayServices()
  const appProject = out === undefined
  if (!options.dryRun) {
    const project = await openProject(
      temp.services,
      { imagesDir: folder, projectDir: out as string },
      temp.close,
    )
    return { ...temp, project, dir: project.dir, appProject, projectMissing: false }
  }
  const real = out ?? appProjectDir(appDataDir(options, io), folder)
  if (!(await isProjectDir(real))) {
    const projectDir = join(temp.dir, 'project')
    const project = await openProject(temp.services, { imagesDir: folder, projectDir }, temp.close)
    return { ...temp, project, dir: real, appProject, projectMissing: true }
  }
  const before = new Set(await readdir(real))
  const close = async (): Promise<void> => {
    await temp.close()
    await removeAdded(real, before)
  }
  const project = await openProject(temp.services, { imagesDir: folder, projectDir: real }, close)
  return { services: temp.services, project, dir: real, appProject, projectMissing: false, close }
}

/** Runs the import through the `import.run` channel, with progress and Ctrl-C as a cancel. */
async function importInto(
  target: Target,
  options: ImportOptions,
  source: string,
  io: CliIo,
): Promise<ImportReport> {
  const { services, project } = target
  const progress = startImportProgress(io, options.dryRun)
  const unsubscribe = services.events.subscribe('import.progress', (event) => {
    if (event.projectId === project.id) progress.update(event)
  })
  const cancel = (): void => void call(services, 'import.cancel', { projectId: project.id })
  io.signal?.addEventListener('abort', cancel, { once: true })
  try {
    const running = call(services, 'import.run', {
      projectId: project.id,
      format: options.format,
      source,
      mode: options.mode,
      dryRun: options.dryRun,
    })
    // The run is registered as soon as it is called: a Ctrl-C while the project opened stops it.
    if (io.signal?.aborted) cancel()
    return unwrap(await running)
  } finally {
    io.signal?.removeEventListener('abort', cancel)
    unsubscribe()
    progress.stop()
  }
}

/**
 * `promptlabel import <folder> (--coco <file> | --yolo <dataset>)`: brings boxes made with another
 * tool into the folder's project, through the same import the app runs, so the work goes on in the
 * app or with `annotate`. No server, profile or API key is involved.
 */
export async function runImport(options: ImportOptions, io: CliIo): Promise<number> {
  const { folder, source } = await checkPaths(options)
  if (io.signal?.aborted) return EXIT_INTERRUPTED
  const target = await openTarget(options, folder, io)
  try {
    const report = await importInto(target, options, source, io)
    const context: ImportContext = {
      source: options.source,
      folder: options.folder,
      project: target.dir,
      appProject: target.appProject,
      projectMissing: target.projectMissing,
    }
    io.stdout(options.json ? `${JSON.stringify(report)}\n` : formatImportText(report, context))
    return importExitCode(report)
  } finally {
    await target.close()
  }
}
