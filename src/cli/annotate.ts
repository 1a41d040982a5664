import type { Logger } from '../main/services/platform'
import { resultLogPath } from '../main/services/projects/project-store'
import { isAppError } from '../shared/errors'
import { modelSpec, type ModelSpec } from '../shared/model-spec'
import type { AnnotateOptions } from './annotate-args'
import { runBatch } from './annotate-batch'
import { formatJsonStart, formatStartText, type RunStart } from './annotate-events'
import { runExports } from './annotate-exports'
import { checkPaths, countWork, readResumeState, type RunPaths } from './annotate-plan'
import { checkServer } from './annotate-preflight'
import {
  exitCodeOf,
  formatJsonSummary,
  formatSummaryText,
  toAnnotateSummary,
} from './annotate-report'
import { FatalError, UsageError } from './errors'
import type { CliIo } from './io'
import { loadExamples } from './load-examples'
import { applyProfileDefaults, planModel, type ModelPlan } from './model-args'
import { chooseProgressMode, startProgress } from './progress-reporter'
import { EXIT_INTERRUPTED } from './run-images'
import { openSession, type Session } from './session'

/** Service log lines for --verbose; the io they go through already masks the key. */
function logger(io: CliIo, verbose: boolean): Logger {
  const line =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      if (verbose)
        io.stderr(
          `[promptlabel] ${level} ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`,
        )
    }
  return { info: line('info'), warn: line('warn'), error: line('error') }
}

/** The model flags as the batch engine takes them: the contract's schema fills in the defaults. */
async function buildModel(session: Session, plan: ModelPlan): Promise<ModelSpec> {
  let spec = applyProfileDefaults(plan.spec, session.profile.defaults)
  if (spec.kind === 'owlv2' && plan.examplesPath !== null) {
    spec = { ...spec, references: await loadExamples(session.services, plan.examplesPath) }
  }
  const parsed = modelSpec.safeParse(spec)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  throw new UsageError(
    `The model settings are not valid: ${issue?.path.join('.')}: ${issue?.message}`,
  )
}

async function annotate(
  options: AnnotateOptions,
  plan: ModelPlan,
  paths: RunPaths,
  session: Session,
  io: CliIo,
): Promise<number> {
  await checkServer(session, plan.spec.kind)
  const model = await buildModel(session, plan)
  const resume = await readResumeState(paths.out, model, options.scope, (id) =>
    session.services.images.pathOf(id),
  )
  const work = await countWork(paths.folder, resume.skips)
  if (work.images === 0) {
    throw new FatalError(`There are no images in ${options.folder}.`, {
      hint: 'annotate reads .jpg, .jpeg, .png, .webp, .tif, .tiff and .bmp files, in sub-folders too.',
    })
  }
  const concurrency = options.concurrency ?? session.profile.maxConcurrency
  const start: RunStart = {
    project: paths.out,
    folder: paths.folder,
    scope: options.scope,
    images: work.images,
    toDo: work.toDo,
    concurrency,
    resumed: resume.resumed,
    alreadyDone: resume.alreadyDone,
    finishedBefore: resume.finishedBefore,
  }
  if (options.json) io.stdout(formatJsonStart(start))
  else io.stderr(formatStartText(start))
  if (io.signal?.aborted) return EXIT_INTERRUPTED
  const began = Date.now()
  const reporter = startProgress(
    chooseProgressMode(io, options.json, options.verbose),
    io,
    work.toDo,
  )
  const batch = await runBatch(
    session,
    {
      projectDir: paths.out,
      imagesDir: paths.folder,
      model,
      // A --server profile is throwaway (and active): its id means nothing in the project file.
      ...(options.profile === undefined ? {} : { profileId: session.profile.id }),
      scope: options.scope,
      concurrency,
      ...(options.maxUploadSide === undefined ? {} : { maxUploadSide: options.maxUploadSide }),
      ...(io.recovery === undefined ? {} : { recovery: io.recovery }),
    },
    reporter,
    io.signal,
  )
  const exports = batch.cancelled ? [] : await runExports(paths, options.overwrite, io.signal)
  const failedExport = exports.some((outcome) => !outcome.ok)
  const exitCode = batch.cancelled ? EXIT_INTERRUPTED : failedExport ? 1 : exitCodeOf(batch)
  const summary = toAnnotateSummary(
    batch,
    {
      project: paths.out,
      folder: paths.folder,
      resultsFile: resultLogPath(paths.out),
      scope: options.scope,
      seconds: (Date.now() - began) / 1000,
    },
    exports,
    exitCode,
  )
  if (options.json) io.stdout(formatJsonSummary(summary))
  else io.stdout(formatSummaryText(summary))
  return exitCode
}

/**
 * `promptlabel annotate <folder> --out <project>`: labels a whole folder with the app's batch engine,
 * streaming results into a project that a later run resumes, then writes the exports asked for.
 */
export async function runAnnotate(
  options: AnnotateOptions,
  io: CliIo,
  apiKey: string | null,
): Promise<number> {
  const plan = planModel(options)
  try {
    const paths = await checkPaths(options)
    const session = await openSession(options, io, apiKey, logger(io, options.verbose))
    try {
      return await annotate(options, plan, paths, session, io)
    } finally {
      await session.close()
    }
  } catch (error) {
    if (isAppError(error) && error.code === 'cancelled') return EXIT_INTERRUPTED
    if (isAppError(error)) {
      throw new FatalError(error.message, error.hint === undefined ? {} : { hint: error.hint })
    }
    throw error
  }
}
