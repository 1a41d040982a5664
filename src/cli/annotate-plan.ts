import { readdir, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { scanFolder } from '../main/services/batch/folder-scan'
import { readResultLog } from '../main/services/batch/result-log'
import { computeRunKey } from '../main/services/batch/run-key'
import { resumableRun, skipRule } from '../main/services/batch/run-plan'
import { isProjectDir, ProjectStore, resultLogPath } from '../main/services/projects/project-store'
import type { ModelSpec } from '../shared/model-spec'
import type { AnnotateOptions, AnnotateScope } from './annotate-args'
import { FatalError, UsageError } from './errors'

/** The paths of a run, absolute. */
export interface RunPaths {
  folder: string
  out: string
  exportCoco: string | undefined
  exportAnnotated: string | undefined
}

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

/** What is at a path: a folder, a file, or nothing (unreadable counts as nothing). */
export const kindOf = (path: string) =>
  stat(path).then(
    (s) => (s.isDirectory() ? 'folder' : 'file'),
    () => 'missing' as const,
  )

/** Checks every path before a server is contacted, so a typo costs nothing. */
export async function checkPaths(options: AnnotateOptions): Promise<RunPaths> {
  const folder = resolve(options.folder)
  const found = await kindOf(folder)
  if (found === 'missing') throw new FatalError(`The folder ${options.folder} does not exist.`)
  if (found === 'file') {
    throw new FatalError(`${options.folder} is a file, not a folder.`, {
      hint: 'annotate labels a whole folder; for single images use promptlabel detect.',
    })
  }
  const out = resolve(options.out)
  if ((await kindOf(out)) === 'file') throw new FatalError(`--out ${options.out} is a file.`)
  // Says "this project is for another folder" before anything is sent (the batch would refuse later).
  if (await isProjectDir(out)) await ProjectStore.openOrCreate(out, folder)
  const exportCoco = options.exportCoco === undefined ? undefined : resolve(options.exportCoco)
  if (exportCoco !== undefined && (await kindOf(exportCoco)) === 'folder') {
    throw new FatalError(`--export-coco ${options.exportCoco} is a folder; give a .json file.`)
  }
  const exportAnnotated =
    options.exportAnnotated === undefined ? undefined : resolve(options.exportAnnotated)
  if (exportAnnotated !== undefined) await checkAnnotatedTarget(exportAnnotated, folder, options)
  return { folder, out, exportCoco, exportAnnotated }
}

async function checkAnnotatedTarget(
  target: string,
  folder: string,
  options: AnnotateOptions,
): Promise<void> {
  if (isInside(target, folder)) {
    throw new UsageError(
      '--export-annotated must be outside the images folder: the next run would label the drawn copies as new images.',
    )
  }
  const kind = await kindOf(target)
  if (kind === 'file')
    throw new FatalError(`--export-annotated ${options.exportAnnotated} is a file.`)
  if (kind === 'folder' && !options.overwrite && (await readdir(target)).length > 0) {
    throw new FatalError(`The folder ${options.exportAnnotated} is not empty.`, {
      hint: 'Choose a new folder for --export-annotated, or add --overwrite to replace it.',
    })
  }
}

/** What the batch engine will do with the project as it stands (the same rules: batch/run-plan.ts). */
export interface ResumeState {
  /** The project's last run has these settings and scope and never finished: it is continued. */
  resumed: boolean
  /** Images finished by that unfinished run. */
  alreadyDone: number
  /** An earlier run with these settings finished: --only-new would skip its images. */
  finishedBefore: boolean
  /** Whether the batch will skip an image, by key. */
  skips(key: string): boolean
}

/** Reads the project and its results log to say up front whether the run resumes and what it skips. */
export async function readResumeState(
  out: string,
  model: ModelSpec,
  scope: AnnotateScope,
  pathOf: (imageId: string) => string | undefined,
): Promise<ResumeState> {
  const fresh: ResumeState = {
    resumed: false,
    alreadyDone: 0,
    finishedBefore: false,
    skips: () => false,
  }
  if (!(await isProjectDir(out))) return fresh
  const store = await ProjectStore.openOrCreate(out)
  const runKey = computeRunKey(model, pathOf)
  const runs = store.file.runs
  const resumable = resumableRun(runs, runKey, scope)
  const { latest } = await readResultLog(resultLogPath(out))
  let alreadyDone = 0
  if (resumable) {
    for (const record of latest.values()) {
      if (record.status === 'done' && record.runId === resumable.runId) alreadyDone++
    }
  }
  return {
    resumed: resumable !== null,
    alreadyDone,
    finishedBefore: runs.some((r) => r.runKey === runKey && r.finishedAt !== null),
    skips: skipRule(scope, resumable?.runId ?? null, latest),
  }
}

/** Counts the folder's images and those this run will send, for the progress total and ETA. */
export async function countWork(
  folder: string,
  skips: (key: string) => boolean,
): Promise<{ images: number; toDo: number }> {
  const report = { images: 0, otherFiles: 0, unreadableFolders: [] }
  let toDo = 0
  for await (const file of scanFolder(folder, report)) if (!skips(file.key)) toDo++
  return { images: report.images, toDo }
}
