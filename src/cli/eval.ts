import { homedir } from 'node:os'
import { resolve } from 'node:path'
import { readImageInfo } from '../main/services/images'
import { labCachePath } from '../main/services/lab/answer-cache'
import type { LabEntry } from '../main/services/lab/lab-service'
import type { Logger } from '../main/services/platform'
import { isProjectDir, ProjectStore } from '../main/services/projects/project-store'
import { isAppError } from '../shared/errors'
import type { LabFinished } from '../shared/lab'
import type { ProjectInfo } from '../shared/project'
import { kindOf } from './annotate-plan'
import { call, must } from './call'
import { FatalError } from './errors'
import type { EvalOptions } from './eval-args'
import { buildLabModel, cutOf, describeModel } from './eval-model'
import { formatEvalJson, formatEvalText } from './eval-report'
import { readCocoTruth, type CocoTruth } from './eval-truth'
import { appProjectDir } from './import'
import type { CliIo } from './io'
import { planModel } from './model-args'
import { resolveDataDir } from './profile-choice'
import { chooseProgressMode, startProgress } from './progress-reporter'
import { EXIT_INTERRUPTED } from './run-images'
import { openSession, type Session } from './session'

const QUIET: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined }

/** The project the numbers come from (and the cache lives in): --out, or the app's own for the folder. */
async function findProject(
  options: EvalOptions,
  io: CliIo,
): Promise<{ folder: string; dir: string }> {
  const folder = resolve(options.folder)
  const found = await kindOf(folder)
  if (found !== 'folder') {
    throw new FatalError(
      found === 'missing'
        ? `The folder ${options.folder} does not exist.`
        : `${options.folder} is a file, not a folder.`,
    )
  }
  if (options.truth !== undefined && (await kindOf(resolve(options.truth))) !== 'file') {
    throw new FatalError(`--truth ${options.truth} is not a file: give a COCO .json file.`)
  }
  const dataDir = resolveDataDir(
    options.appDataDir ?? options.dataDir,
    io.env,
    io.platform ?? process.platform,
    io.homedir ?? homedir(),
  )
  const dir =
    options.out === undefined ? appProjectDir(resolve(dataDir), folder) : resolve(options.out)
  if (await isProjectDir(dir)) {
    // Says "this project is for another folder" before a server is contacted.
    await ProjectStore.openOrCreate(dir, folder)
  } else if (options.truth === undefined) {
    throw new FatalError(
      options.out === undefined
        ? `There is no Promptlabel project for ${options.folder} yet (looked in ${dir}), so no reviewed images to score against.`
        : `${options.out} is not a Promptlabel project, so it has no reviewed images to score against.`,
      {
        hint: 'Review some images in the app (or give the --out of an annotate run), or score against a COCO file with --truth <coco.json>.',
      },
    )
  }
  return { folder, dir }
}

async function readTruth(session: Session, project: ProjectInfo, path: string): Promise<CocoTruth> {
  const { projects } = session.services
  const truth = await readCocoTruth(resolve(path), await projects.allKeys(project.id), (key) =>
    readImageInfo(projects.imagePath(project.id, key)),
  )
  if (truth.images.length === 0) {
    throw new FatalError(`No image of ${path} belongs to an image of the folder.`, {
      details: truth.notes.slice(0, 20),
      hint: 'A file_name is matched to an image path inside the folder, the end of one, or a file name found once.',
    })
  }
  return truth
}

/** Runs the one candidate through the lab, with progress on stderr and Ctrl-C as a cancel. */
async function runCandidate(
  session: Session,
  project: ProjectInfo,
  entry: LabEntry,
  options: EvalOptions,
  truth: CocoTruth | null,
  io: CliIo,
): Promise<LabFinished> {
  const { services } = session
  const mode = chooseProgressMode(io, false, options.verbose)
  const reporter = options.json ? null : startProgress(mode, io, 0)
  const began = Date.now()
  const stop = services.events.subscribe('lab.progress', (p) => {
    if (p.projectId !== project.id) return
    const seconds = Math.max(0.001, (Date.now() - began) / 1000)
    reporter?.update({
      ...p,
      skipped: 0,
      remaining: Math.max(0, p.total - p.done - p.failed),
      imagesPerSecond: (p.done - p.cached) / seconds,
      etaSeconds: null,
      recovery: null,
      seq: 0,
    })
  })
  try {
    const started = await services.lab.runEntries(project.id, [entry], {
      ...(options.profile === undefined ? {} : { profileId: session.profile.id }),
      concurrency: options.concurrency,
      maxUploadSide: options.maxUploadSide,
      recovery: io.recovery,
      truth: truth?.images,
    })
    const cancel = (): void => void services.lab.cancel(started.jobId)
    io.signal?.addEventListener('abort', cancel, { once: true })
    if (io.signal?.aborted) cancel()
    try {
      return await started.finished
    } finally {
      io.signal?.removeEventListener('abort', cancel)
    }
  } finally {
    stop()
    reporter?.stop()
  }
}

/**
 * `promptlabel eval <folder> --model …`: scores a prompt against the labeler's reviewed images (or a
 * COCO file) with the prompt lab of the app: the same floor requests, the same cache (so a second
 * run at another cut or IoU sends nothing), the same numbers.
 */
export async function runEval(
  options: EvalOptions,
  io: CliIo,
  apiKey: string | null,
): Promise<number> {
  const plan = planModel(options)
  const { folder, dir } = await findProject(options, io)
  if (io.signal?.aborted) return EXIT_INTERRUPTED
  const session = await openSession(options, io, apiKey, QUIET)
  try {
    const project = must(
      await call(session.services, 'project.openFolder', { imagesDir: folder, projectDir: dir }),
      'Could not open the project',
    )
    const model = await buildLabModel(session.services, plan, session.profile.defaults)
    const truth =
      options.truth === undefined ? null : await readTruth(session, project, options.truth)
    const { cut, label } = cutOf(model)
    const entry: LabEntry = { id: 'eval', model, cut }
    const finished = await runCandidate(session, project, entry, options, truth, io)
    if (finished.state === 'cancelled') return EXIT_INTERRUPTED
    const scored = await session.services.lab.scoreEntries(
      project.id,
      [entry],
      options.iou,
      truth?.images,
    )
    const score = scored.candidates[0]!
    const context = {
      model: describeModel(model),
      cut: label,
      truth: options.truth === undefined ? 'the project’s reviewed images' : options.truth,
      truthImages: scored.truth.images,
      project: dir,
      cacheFile: labCachePath(dir),
      iou: options.iou,
      requests: {
        answered: finished.done - finished.cached,
        failed: finished.failed,
        cached: finished.cached,
      },
      failures: finished.failures,
      notes: truth?.notes ?? [],
    }
    io.stdout(options.json ? formatEvalJson(score, context) : formatEvalText(score, context))
    return finished.failed > 0 || score.coverage.missing > 0 ? 2 : 0
  } catch (error) {
    if (isAppError(error) && error.code === 'cancelled') return EXIT_INTERRUPTED
    if (isAppError(error)) {
      throw new FatalError(error.message, error.hint === undefined ? {} : { hint: error.hint })
    }
    throw error
  } finally {
    await session.close()
  }
}
